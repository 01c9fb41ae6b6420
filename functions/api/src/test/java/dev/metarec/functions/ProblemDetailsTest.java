package dev.metarec.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A body Jackson cannot map is answered with the JSON path of the offending field and the expected JSON type in
 * words, never Jackson's own message (which names Java classes, constructors and source positions).
 */
@QuarkusTest
@QuarkusTestResource(TempStore.class)
class ProblemDetailsTest {
    /** What must never reach a client: Java class or package names, Jackson's phrasing, source references. */
    private static final Pattern JAVA_INTERNALS = Pattern.compile("java\\.|dev\\.metarec|com\\.fasterxml|Cannot (deserialize|construct|coerce)"
            + "|`|\\bclass\\b|\\[Source|Integer|String\\b|Double|Boolean|LinkedHashMap|ArrayList");

    private static JsonNode problem(String function, String body, String expectedField) {
        Lambda.Response r = Lambda.as("pd-user", function, body);
        assertEquals(400, r.status(), body + " -> " + r.body());
        JsonNode p = r.body();
        assertEquals(expectedField, p.path("field").asText(), body + " -> " + p);
        String text = p.path("detail").asText() + " " + p.path("limit").asText();
        assertFalse(JAVA_INTERNALS.matcher(text).find(), "no Java internals in " + p);
        return p;
    }

    @Test
    void aStringWhereAnIntegerBelongs_shouldNameTheFieldAndSayAnInteger() {
        JsonNode p = problem("recommend", "{\"userId\":\"pd-user\",\"k\":\"ten\"}", "k");
        assertEquals("an integer", p.path("limit").asText());
        assertTrue(p.path("detail").asText().contains("k: must be an integer"), p.toString());
    }

    @Test
    void aNumberWhereAnIdBelongs_shouldSayAString() {
        assertEquals("a string", problem("adapt", "{\"userId\":12345}", "userId").path("limit").asText());
    }

    @Test
    void anObjectWhereAListBelongs_shouldGiveTheNestedPathAndSayAnArray() {
        assertEquals("an array", problem("ingest", "{\"events\":{}}", "events").path("limit").asText());
        assertEquals("a number", problem("ingest",
                "{\"events\":[{\"eventId\":\"e\",\"userId\":\"pd-user\",\"itemId\":\"i\",\"type\":\"rating\",\"value\":\"five\"}]}",
                "events[0].value").path("limit").asText());
        assertEquals("true or false", problem("recommend", "{\"userId\":\"pd-user\",\"excludeSeen\":\"yes\"}", "excludeSeen").path("limit").asText());
    }

    @Test
    void unknownAndDuplicateFieldsAndBrokenJson_shouldBeSaidPlainly() {
        assertTrue(problem("adapt", "{\"userId\":\"pd-user\",\"bogus\":1}", "bogus").path("detail").asText().contains("unknown field"));
        assertTrue(problem("adapt", "{\"userId\":\"pd-user\",\"userId\":\"x\"}", "body").path("detail").asText().contains("twice"));
        assertTrue(problem("adapt", "{\"userId\":", "body").path("detail").asText().startsWith("not valid JSON"));
    }
}
