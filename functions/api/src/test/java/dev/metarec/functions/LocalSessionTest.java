package dev.metarec.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs the curl session of docs/LOCAL.md, read from the document itself, through plain HTTP with
 * authorization off (the local profile's setting), and checks what the document promises.
 */
@QuarkusTest
@QuarkusTestResource(TempStore.class)
@TestProfile(LocalSessionTest.AuthOff.class)
class LocalSessionTest {
    public static class AuthOff implements QuarkusTestProfile {
        @Override public Map<String, String> getConfigOverrides() { return Map.of("metarec.auth.enabled", "false"); }
    }

    private static final Pattern CURL = Pattern.compile("curl -s -X POST localhost:8080/(\\w+) -H 'content-type: application/json'\\s*\\\\?\\s*-d '(.*?)'", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Call(String function, String body) {}

    static List<Call> session() throws Exception {
        String doc = Files.readString(Path.of("../../docs/LOCAL.md"));
        List<Call> calls = new ArrayList<>();
        Matcher m = CURL.matcher(doc);
        while (m.find()) calls.add(new Call(m.group(1), m.group(2)));
        return calls;
    }

    @Test
    void theDocumentedSession_shouldWorkAsDocumented() throws Exception {
        given().get("/health").then().statusCode(200);
        List<Call> calls = session();
        assertEquals(List.of("ingest", "recommend", "ingest", "adapt", "recommend", "erase"), calls.stream().map(Call::function).toList());
        List<JsonNode> out = new ArrayList<>();
        List<Integer> status = new ArrayList<>();
        for (Call c : calls) {
            var r = given().contentType(ContentType.JSON).body(c.body()).post("/" + c.function()).then().extract();
            status.add(r.statusCode());
            out.add(JSON.readTree(r.asString()));
        }
        assertEquals(6, out.get(0).path("eventsStored").asInt(), out.get(0).toString());
        assertEquals(1, out.get(0).path("itemsUpserted").asInt());

        JsonNode rec = out.get(1);
        assertEquals(10, rec.path("items").size(), rec.toString());
        JsonNode newItem = null;
        for (JsonNode i : rec.path("items")) {
            assertFalse(List.of("i2", "i19", "i26", "i33", "i38", "i15").contains(i.path("itemId").asText()), "a seen item came back: " + rec);
            if (i.path("itemId").asText().equals("new-42")) newItem = i;
        }
        assertNotNull(newItem, "the brand-new item must appear: " + rec);
        assertEquals("NEW_ITEM_EXPLORATION", newItem.path("reason").asText());
        assertEquals("genre", rec.path("items").path(0).path("topAttributes").path(0).path("attribute").asText(), rec.toString());

        assertEquals(1, out.get(2).path("eventsDuplicate").asInt());
        assertTrue(out.get(3).path("stored").asBoolean(), out.get(3).toString());
        assertEquals(6, out.get(3).path("supportSize").asInt());
        assertEquals(400, status.get(4));
        assertEquals("k", out.get(4).path("field").asText());
        assertEquals(6, out.get(5).path("eventsRemoved").asInt());
    }
}
