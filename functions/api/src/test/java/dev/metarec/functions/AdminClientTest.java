package dev.metarec.functions;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The admin scope alone does not make an admin: the token must also be issued to an admin client
 * ({@code metarec.auth.admin-clients}, {@code ops-console} in tests), named by {@code client_id}, {@code azp}
 * or {@code cid}. A mobile-app user who asked an over-generous identity provider for {@code metarec/admin}
 * stays a user.
 */
@QuarkusTest
@QuarkusTestResource(TempStore.class)
class AdminClientTest {
    private static Map<String, String> token(String sub, String scope, String claim, String client) {
        Map<String, String> claims = new HashMap<>(Lambda.claims(sub, scope));
        if (claim != null) claims.put(claim, client);
        return claims;
    }

    private static int call(String function, Object body, Map<String, String> claims) {
        return Lambda.call(function, body, claims, Map.of(), "admin-" + System.nanoTime()).status();
    }

    private static Map<String, Object> item(String id) {
        return Map.of("items", List.of(Map.of("itemId", id, "attributes", Map.of("genre", List.of("g1")))));
    }

    @Test
    void theAdminScope_fromTheMobileAppsClient_shouldNotWriteTheCatalogue_eraseOthers_orReadOthers() {
        for (String claim : CLIENT_CLAIMS) {
            Map<String, String> mallory = token("mallory", "openid metarec/admin", claim, "mobile-app");
            assertEquals(403, call("ingest", item("shill-" + claim), mallory), claim);
            assertEquals(403, call("erase", Map.of("userId", "victim"), mallory), claim);
            assertEquals(403, call("recommend", Map.of("userId", "victim"), mallory), claim);
            assertEquals(403, call("adapt", Map.of("userId", "victim"), mallory), claim);
        }
        assertEquals(403, call("ingest", item("shill-none"), token("mallory", "openid metarec/admin", null, null)), "no client claim at all");
    }

    @Test
    void theAdminScope_fromAnAdminClient_shouldBeAnAdmin_underEachClientClaim() {
        for (String claim : CLIENT_CLAIMS) {
            Map<String, String> ops = token("ops-" + claim, "openid metarec/admin", claim, "ops-console");
            assertEquals(200, call("ingest", item("ok-" + claim), ops), claim);
            assertEquals(200, call("recommend", Map.of("userId", "someone-else"), ops), claim);
        }
    }

    @Test
    void anAdminClient_withoutTheAdminScope_shouldNotBeAnAdmin() {
        assertEquals(403, call("ingest", item("no-scope"), token("svc", "openid", "client_id", "ops-console")));
    }

    private static final List<String> CLIENT_CLAIMS = dev.metarec.functions.security.Callers.CLIENT_CLAIMS;
}
