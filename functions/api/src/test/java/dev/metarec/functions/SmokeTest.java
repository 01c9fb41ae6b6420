package dev.metarec.functions;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
@QuarkusTestResource(TempStore.class)
class SmokeTest {
    @Test
    void recommend_shouldAnswer_forAKnownUser() {
        Lambda.Response r = Lambda.admin("recommend", Map.of("userId", "u1", "k", 5));
        assertEquals(200, r.status(), r.body().toString());
        assertEquals(5, r.body().path("items").size(), r.body().toString());
        System.out.println(r.body().toPrettyString());
    }
}
