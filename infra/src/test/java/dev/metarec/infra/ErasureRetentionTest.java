package dev.metarec.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What the stack keeps of an erased user (docs/DEPLOY.md, "What is kept after an erase"): meta-train's event-log
 * snapshots and the erasure log expire after {@value DataStores#EVENT_LOG_EXPIRY_DAYS} days, their replaced or
 * deleted versions (and old training progress) after {@value DataStores#PERSONAL_NONCURRENT_EXPIRY_DAYS} day, and
 * the access logs carry no user id.
 */
class ErasureRetentionTest {

    private final Synth.Result synth = Synth.nativeDefaults();

    private List<?> rules() {
        String bucket = synth.logicalId(synth.stack().stores().bucket());
        return (List<?>) ((Map<?, ?>) synth.properties(bucket).get("LifecycleConfiguration")).get("Rules");
    }

    private boolean hasRule(String prefix, String key, int days) {
        return rules().stream().map(r -> (Map<?, ?>) r).anyMatch(r -> prefix.equals(r.get("Prefix")) && (key.equals("ExpirationInDays")
                ? Integer.valueOf(days).equals(r.get(key))
                : r.get(key) instanceof Map<?, ?> m && Integer.valueOf(days).equals(m.get("NoncurrentDays"))));
    }

    @Test
    void snapshotsAndTheErasureLog_shouldExpireInDays_andTheirOldVersionsInADay() {
        assertTrue(hasRule("event-log/", "ExpirationInDays", 3), rules().toString());
        assertTrue(hasRule("erasures/", "ExpirationInDays", 3), rules().toString());
        for (String prefix : List.of("event-log/", "training/", "erasures/"))
            assertTrue(hasRule(prefix, "NoncurrentVersionExpiration", 1), prefix + ": " + rules());
    }

    @Test
    void accessLogs_shouldCarryNoUserId() {
        String stage = synth.ofType("AWS::ApiGatewayV2::Stage").get(0);
        String format = (String) ((Map<?, ?>) synth.properties(stage).get("AccessLogSettings")).get("Format");
        assertFalse(format.contains("claims") || format.contains("sub") || format.contains("principalId"), format);
        assertTrue(format.contains("$context.requestId"), format);
    }
}
