package dev.metarec.functions;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behind API Gateway the request id is the gateway's own (it joins the function's logs with the access logs);
 * a client's {@code X-Request-Id} cannot replace it and is logged in a field of its own.
 */
@QuarkusTest
@QuarkusTestResource(TempStore.class)
class RequestIdTest {
    @Test
    void theGatewaysId_shouldBeTheRequestId_andTheClientsBeLoggedInItsOwnField() throws Exception {
        Logger access = Logger.getLogger("dev.metarec.access");
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch logged = new CountDownLatch(1);
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) {
                String line = r.getParameters() == null ? r.getMessage() : String.format(r.getMessage(), r.getParameters());
                if (line.contains("client-chosen-42")) { lines.add(line); logged.countDown(); }
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        access.addHandler(capture);
        try {
            Lambda.Response r = Lambda.call("recommend", Map.of("userId", "rid-user"), Lambda.claims("rid-user", "openid"),
                    Map.of("X-Request-Id", "client-chosen-42"), "gw-id-7");

            assertEquals(200, r.status(), r.body().toString());
            assertEquals("gw-id-7", r.header("X-Request-Id"), "the gateway's id, not the client's: " + r.headers());
            assertTrue(logged.await(30, TimeUnit.SECONDS), "the access line names the client's id");
            assertTrue(lines.get(0).contains("clientRequestId=client-chosen-42"), lines.get(0));
        } finally {
            access.removeHandler(capture);
        }
    }

    @Test
    void aProblem_shouldCarryTheGatewaysId() {
        Lambda.Response r = Lambda.call("recommend", Map.of("userId", "rid-user", "k", 1000), Lambda.claims("rid-user", "openid"),
                Map.of("X-Request-Id", "client-chosen-43"), "gw-id-8");

        assertEquals(400, r.status());
        assertEquals("gw-id-8", r.body().path("requestId").asText(), r.body().toString());
    }
}
