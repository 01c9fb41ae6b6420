package dev.metarec.it.security;

import dev.metarec.adapter.dynamodb.DynamoDbEventStore;
import dev.metarec.adapter.dynamodb.DynamoDbUserProfileStore;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.model.Event;
import dev.metarec.model.EventType;
import dev.metarec.service.UserState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Issue 11.3 on dynalite: what serving reads of a user with more events than its window (1,000) is the window, one
 * page-bounded query of the newest events, never a COUNT over the user's whole partition; the freshness stamp still
 * changes with every newer event.
 */
@ExtendWith(AwsServersExtension.class)
class ServingWindowTest {
    @Test
    void aHeavyUser_shouldBeReadWithoutCountingTheirPartition(AwsServers servers) {
        AwsServers.Namespace ns = servers.freshNamespace("window");
        AtomicInteger counts = new AtomicInteger();
        ExecutionInterceptor watch = new ExecutionInterceptor() {
            @Override public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest q && q.select() == Select.COUNT) counts.incrementAndGet();
            }
        };
        var settings = AwsServers.settings(servers.dynamoEndpoint(), 3);
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(servers.dynamoEndpoint()).region(AwsServers.REGION)
                .credentialsProvider(settings.credentials())
                .overrideConfiguration(c -> c.addExecutionInterceptor(watch)).build()) {
            DynamoDbEventStore events = new DynamoDbEventStore(dynamo, ns.tables().events(), Duration.ofDays(30));
            DynamoDbUserProfileStore profiles = new DynamoDbUserProfileStore(dynamo, ns.tables().profiles());
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 1_050; i++) events.append(new Event("h" + i, "heavy", "i" + (i % 90), EventType.CLICK, null, t0.plusSeconds(i)), t0);

            UserState state = UserState.load("heavy", profiles, events, 1_000);

            assertEquals(0, counts.get(), "no COUNT over the partition");
            assertEquals(1_000, state.recent().size());
            events.append(new Event("newer", "heavy", "i1", EventType.CLICK, null, t0.plusSeconds(5_000)), t0);
            assertNotEquals(state.eventCount(), UserState.load("heavy", profiles, events, 1_000).eventCount(), "a newer event changes the stamp");
            assertEquals(0, counts.get());
        }
    }
}
