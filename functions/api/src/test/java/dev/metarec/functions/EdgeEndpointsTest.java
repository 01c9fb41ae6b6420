package dev.metarec.functions;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(TempStore.class)
class EdgeEndpointsTest {
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void health_shouldBeUp_withTheChampion() {
        given().get("/health").then().statusCode(200).body(containsString("\"status\":\"UP\"")).body(containsString("ckpt-"));
    }

    @Test
    void metrics_shouldCountFunctionCalls() {
        assertEquals(200, Lambda.admin("recommend", Map.of("userId", "metrics-user")).status());
        given().get("/metrics").then().statusCode(200).body(containsString("metarec_requests_seconds_count{function=\"recommend\",status=\"2xx\"}"));
    }

    @Test
    void openapi_shouldDescribeEveryFunction() {
        given().get("/openapi.yaml").then().statusCode(200)
                .body(containsString("/ingest:")).body(containsString("/adapt:")).body(containsString("/recommend:")).body(containsString("/erase:"));
    }

    @Test
    void everyResponse_shouldCarryANonEmptyRequestId_theGivenOneOrAFreshOne() {
        given().header("X-Request-Id", "abc-123").get("/health").then().header("X-Request-Id", "abc-123");

        // without a usable given id: a fresh UUID on every kind of response, success or failure, unique per request
        List<String> generated = List.of(
                given().get("/health").then().statusCode(200).extract().header("X-Request-Id"),
                given().get("/metrics").then().statusCode(200).extract().header("X-Request-Id"),
                given().get("/no-such-path").then().statusCode(404).extract().header("X-Request-Id"),
                given().contentType("text/plain").body("x").post("/recommend").then().statusCode(415).extract().header("X-Request-Id"),
                given().header("X-Request-Id", "not a usable id").get("/health").then().statusCode(200).extract().header("X-Request-Id"));
        for (String id : generated) {
            assertTrue(id != null && UUID_TEXT.matcher(id).matches(), "a generated request id (a UUID): " + generated);
        }
        assertEquals(generated.size(), new HashSet<>(generated).size(), "one id per request: " + generated);

        // in Lambda: API Gateway's own request id, so logs join with its access logs
        Lambda.Response r = Lambda.as("request-id-user", "recommend", Map.of("userId", "request-id-user"));
        String id = r.header("X-Request-Id");
        assertTrue(id != null && id.startsWith("test-"), "API Gateway's request id, got " + id + " in " + r.headers());
    }
}
