package dev.metarec.functions;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(TempStore.class)
class EdgeEndpointsTest {
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
    void everyResponse_shouldCarryARequestId() {
        given().header("X-Request-Id", "abc-123").get("/health").then().header("X-Request-Id", "abc-123");
        given().get("/health").then().header("X-Request-Id", startsWith(""));
    }
}
