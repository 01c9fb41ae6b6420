package dev.metarec.it.reliability;

import dev.metarec.adapter.s3.S3CheckpointStore;
import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.it.flows.MetaTraining;
import dev.metarec.it.flows.TrainedModel;
import dev.metarec.it.flows.TrainedModelExtension;
import dev.metarec.it.harness.AwsServers;
import dev.metarec.it.harness.AwsServersExtension;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.service.MetaTrainService;
import dev.metarec.service.MetaTrainService.Status;
import dev.metarec.service.MetaTrainSettings;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The meta-train job on DynamoDB + S3: a run cut short by its time budget, or killed, resumes from the
 * progress object and finishes; a challenger worse than the champion is not promoted; a non-finite value
 * in the training data never reaches a stored checkpoint.
 */
@ExtendWith({AwsServersExtension.class, TrainedModelExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetaTrainResilienceTest {
    private static final int STEPS = 300;

    @Test
    @Order(1)
    void worseChallenger_isNotPromoted(TrainedModel model) {
        AwsStores s = model.stores;
        String champion = s.champion().current().orElseThrow();
        MetaTrainSettings d = MetaTrainSettings.DEMO;
        // A challenger wrecked by a meta step size 200x too large: worse than the champion on the validation users.
        MetaTrainSettings reckless = new MetaTrainSettings(d.embeddingDim(), d.hiddenWidths(), d.learner(), d.innerSteps(), d.innerLr(),
                1.0, d.metaBatchSize(), d.threads(), d.seed() + 1, 10, d.minEvents(), d.queryFraction(), d.maxQuery(),
                d.validationPercent(), d.maxValidationUsers(), d.promotionMargin(), d.checkpointEvery(), d.supportShrinkage());
        MetaTrainService.Result r = MetaTraining.service(s, reckless).run(Duration.ofMinutes(2));
        System.out.printf("[figure] a reckless challenger (meta step 1.0): %s, validation loss %.4f vs champion %.4f%n",
                r.status(), r.challengerLoss(), r.championLoss());
        assertTrue(r.status() == Status.REJECTED || r.status() == Status.FAILED, r.toString());
        if (r.status() == Status.REJECTED) assertFalse(r.challengerLoss() < r.championLoss(), r.toString());
        assertEquals(champion, s.champion().current().orElseThrow(), "the champion pointer must not move");
        assertTrue(s.progress().load().isEmpty(), "a finished run clears its progress");
    }

    @Test
    @Order(2)
    void runCutByItsTimeBudget_resumesOnTheNextInvocation_andFinishes(TrainedModel model) {
        AwsStores s = model.stores;
        // Time advances 10 ms per reading of the clock, so a 1 s budget is about 100 steps on any machine.
        java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
        java.time.Clock ticking = new java.time.Clock() {
            @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
            @Override public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return Instant.parse("2026-01-01T00:00:00Z").plusMillis(10 * ticks.incrementAndGet()); }
        };
        MetaTrainService service = MetaTraining.service(s, MetaTrainSettings.DEMO.withTargetSteps(STEPS), ticking);
        List<Long> steps = new ArrayList<>();
        MetaTrainService.Result r;
        int invocations = 0;
        String runId = null;
        do {
            r = service.run(Duration.ofMillis(1000));
            invocations++;
            steps.add(r.step());
            if (r.status() == Status.IN_PROGRESS) {
                assertTrue(s.progress().load().isPresent(), "progress must be saved when the budget runs out");
                assertTrue(s.eventLog().read(r.runId()).isPresent(), "the run's event-log snapshot is in S3 (event-log/) for the next invocation");
                if (runId == null) runId = r.runId();
            }
        } while (r.status() == Status.IN_PROGRESS && invocations < 200);
        if (runId != null) assertTrue(s.eventLog().read(runId).isEmpty(), "a finished run's snapshot is deleted");
        System.out.printf("[figure] a %d-step run in invocations of 1 s (10 ms per clock reading): %d invocations, steps %s, then %s%n", STEPS, invocations, steps, r.status());
        assertTrue(invocations > 1, "the budget should have cut the run at least once");
        // Never back to an earlier step (a restart would); an invocation spent reading data may add none.
        for (int i = 1; i < steps.size(); i++) assertTrue(steps.get(i) >= steps.get(i - 1), "each invocation continues where the last stopped: " + steps);
        assertTrue(steps.stream().anyMatch(n -> n > 0 && n < STEPS), "some invocation stopped mid-run: " + steps);
        assertNotEquals(Status.IN_PROGRESS, r.status());
        assertEquals(STEPS, r.step());
        assertTrue(s.progress().load().isEmpty());
    }

    @Test
    @Order(3)
    void killedRun_resumesFromItsLastSavedProgress(AwsServers servers, TrainedModel model) throws Exception {
        AwsStores s = model.stores;
        String prefix = model.namespace.tables().events().substring(0, model.namespace.tables().events().length() - "events".length());
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), MetaTrainChild.class.getName(), servers.dynamoEndpoint().toString(),
                servers.s3Endpoint().toString(), prefix, model.namespace.bucket(), "1000")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "meta-train-child.log").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(120);
        while (s.progress().load().isEmpty() && child.isAlive() && Instant.now().isBefore(deadline)) Thread.sleep(50);
        boolean killedMidRun = child.isAlive();
        child.destroyForcibly().waitFor();
        assertTrue(killedMidRun, "the child should still be training when its first progress appears");
        assertTrue(s.progress().load().isPresent(), "saved progress survives the kill");

        MetaTrainService.Result r = MetaTraining.service(s, MetaTrainSettings.DEMO.withTargetSteps(1000)).run(Duration.ofMinutes(5));
        System.out.printf("[figure] meta-train killed after its first progress save, next invocation: %s at step %d/%d%n", r.status(), r.step(), r.targetSteps());
        assertNotEquals(Status.IN_PROGRESS, r.status());
        assertNotEquals(Status.FAILED, r.status());
        assertEquals(1000, r.step());
        assertTrue(s.progress().load().isEmpty());
    }

    @Test
    @Order(4)
    void nonFiniteTrainingData_neverReachesAStoredCheckpoint(AwsServers servers, TrainedModel model) {
        AwsStores s = model.stores;
        // Records that bypassed validation, as large as DynamoDB numbers go (it cannot hold NaN or infinity).
        for (int n = 0; n < 30; n++) {
            int i = n;
            servers.dynamo().putItem(b -> b.tableName(model.namespace.tables().events()).item(Map.of(
                    "userId", AttributeValue.fromS("train-" + (i % 20)), "eventId", AttributeValue.fromS("poison-" + i),
                    "itemId", AttributeValue.fromS("drama-1"), "type", AttributeValue.fromS("RATING"),
                    "value", AttributeValue.fromN("9.9e125"), "ts", AttributeValue.fromN(Long.toString(Instant.now().toEpochMilli())))));
        }
        String champion = s.champion().current().orElseThrow();
        List<String> checkpointsBefore = checkpointKeys(servers, model.namespace);
        MetaTrainService.Result r = MetaTraining.service(s, MetaTrainSettings.DEMO.withTargetSteps(20)).run(Duration.ofMinutes(2));
        String after = s.champion().current().orElseThrow();
        List<String> checkpointsAfter = checkpointKeys(servers, model.namespace);
        var params = new CheckpointCodec().decode(s.checkpoints().read(after).orElseThrow()).params();
        boolean finite = params.firstNonFinite() < 0;
        System.out.printf("[figure] training with 30 events of value 9.9e125: %s (challenger loss %s); champion %s; checkpoint objects %d -> %d; "
                        + "its parameters finite: %s%n", r.status(), r.challengerLoss(), after.equals(champion) ? "unchanged" : "moved to " + after,
                checkpointsBefore.size(), checkpointsAfter.size(), finite);
        // Ingest would refuse these ratings (off the 0..5 scale), so training leaves them out (TrainingGuards.admits): the run
        // trains on the rest as if they were not there, and whatever it stores has finite parameters and a baseline for
        // drama-1 on the rating scale, not one pulled to the poison's size.
        assertNotEquals(Status.FAILED, r.status(), r.toString());
        assertTrue(Double.isFinite(r.challengerLoss()) && r.challengerLoss() < 25, "challenger loss on the rating scale: " + r.challengerLoss());
        double drama = new CheckpointCodec().decode(s.checkpoints().read(after).orElseThrow()).rank().baseline().of("drama-1");
        assertTrue(Math.abs(drama) <= 5, "drama-1's baseline " + drama);
        assertTrue(finite);
    }

    private static List<String> checkpointKeys(AwsServers servers, AwsServers.Namespace ns) {
        return servers.s3().listObjectsV2(b -> b.bucket(ns.bucket()).prefix(S3CheckpointStore.PREFIX)).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).sorted().toList();
    }
}
