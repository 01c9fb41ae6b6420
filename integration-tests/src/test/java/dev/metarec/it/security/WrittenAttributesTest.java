package dev.metarec.it.security;

import dev.metarec.config.AwsClients;
import dev.metarec.infra.AccessPolicies;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.service.ItemStatsLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The erase and meta-train roles may put only the attributes that {@link AccessPolicies} lists
 * ({@code dynamodb:Attributes}): a contribution record, and an erase tombstone. An adapter that starts writing a new
 * attribute (as {@code pendingRecentPositives} did) without the list growing with it is refused by IAM in AWS, and
 * nowhere before that: here every {@code PutItem} the adapters send to dynalite is recorded and its attributes
 * checked against the lists the stack deploys.
 */
@ExtendWith(AwsServersExtension.class)
class WrittenAttributesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private final AwsServers servers;

    WrittenAttributesTest(AwsServers servers) { this.servers = servers; }

    @Test
    void contributionRecordsAndTombstones_shouldHoldOnlyTheAttributesTheirRolesMayWrite() {
        ConcurrentLinkedQueue<PutItemRequest> puts = new ConcurrentLinkedQueue<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutItemRequest p) puts.add(p);
            }
        };
        AwsClients.Settings settings = AwsServers.settings(servers.dynamoEndpoint(), 3);
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(servers.dynamoEndpoint()).region(settings.region()).credentialsProvider(settings.credentials())
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build()) {
            AwsStores s = AwsStores.over(dynamo, servers.s3(), servers.freshNamespace("attributes"), Clock.systemUTC());
            ItemStatsLedger ledger = new ItemStatsLedger(s.events(), s.itemStats(), s.contributions(), Duration.ofSeconds(30), ItemStatsLedger.Hook.NONE);
            ledger.record(rating("a1", "ann", "film", 5, T0), T0, e -> new ItemStatsLedger.Contribution(0.5, true));
            ledger.record(rating("a2", "ann", "film", 1, T0.plusSeconds(1)), T0.plusSeconds(1), e -> new ItemStatsLedger.Contribution(-1, false));
            ledger.record(rating("b1", "bob", "film", 4, T0.plusSeconds(2)), T0.plusSeconds(2), e -> new ItemStatsLedger.Contribution(0.2, true));
            ledger.retract("bob", 10, T0.plusSeconds(3));
            s.fastWeights().tombstone("bob", T0.plusSeconds(3));   // false: bob had no fast weights; the tombstone is written all the same

            Set<String> contribution = new TreeSet<>(), tombstone = new TreeSet<>();
            for (PutItemRequest p : puts) {
                Map<String, AttributeValue> item = p.item();
                if (item.containsKey("erasedUntil")) tombstone.addAll(item.keySet());
                else if (item.containsKey("eventId") && item.get("eventId").s().startsWith("\u0001c\u0001")) contribution.addAll(item.keySet());
            }
            assertTrue(contribution.containsAll(List.of("pendingToken", "pendingPositives", "pendingRecentPositives")),
                    "the flow wrote contribution records with a change in flight: " + contribution);
            assertFalse(tombstone.isEmpty(), "the erase wrote a tombstone");
            assertAllowed(contribution, AccessPolicies.CONTRIBUTION_ATTRIBUTES, "contribution record");
            assertAllowed(tombstone, AccessPolicies.TOMBSTONE_ATTRIBUTES, "erase tombstone");
        }
    }

    private static void assertAllowed(Set<String> written, List<String> allowed, String what) {
        Set<String> extra = new TreeSet<>(written);
        allowed.forEach(extra::remove);
        assertTrue(extra.isEmpty(), "a " + what + " is written with " + extra + ", which AccessPolicies does not allow (add them there)");
    }

    private static Event rating(String id, String user, String item, double value, Instant at) {
        return new Event(id, user, item, EventType.RATING, value, at);
    }
}
