package dev.metarec.it.flows;

import dev.metarec.checkpoint.CheckpointCodec;
import dev.metarec.it.harness.AwsStores;
import dev.metarec.service.MetaTrainService;
import dev.metarec.service.MetaTrainSettings;
import dev.metarec.service.ServiceSettings;

import java.time.Clock;
import java.time.Duration;

/**
 * The meta-train job over the AWS adapters (the same domain service the meta-train Lambda wraps), run in
 * the test JVM against dynalite and s3proxy: reads events, catalogue and profiles; writes the checkpoint
 * to S3 and moves the champion pointer in DynamoDB.
 */
public final class MetaTraining {
    private MetaTraining() {}

    public static MetaTrainService service(AwsStores s, MetaTrainSettings settings) {
        return service(s, settings, Clock.systemUTC());
    }

    public static MetaTrainService service(AwsStores s, MetaTrainSettings settings, Clock clock) {
        return new MetaTrainService(s.events(), s.catalog(), s.profiles(), s.checkpoints(), s.champion(), s.progress(), s.eventLog(),
                new CheckpointCodec(), settings, ServiceSettings.DEFAULT, clock);
    }

    /** Runs invocations of {@code budget} each until a run ends (promoted, rejected...) or {@code maxRuns} pass. */
    public static MetaTrainService.Result untilDone(MetaTrainService service, Duration budget, int maxRuns) {
        MetaTrainService.Result r = null;
        for (int i = 0; i < maxRuns; i++) {
            r = service.run(budget);
            System.out.printf("[meta-train] %s step %d/%d, %d train tasks, %d validation, challenger %.4f champion %.4f: %s%n",
                    r.status(), r.step(), r.targetSteps(), r.trainTasks(), r.validationTasks(), r.challengerLoss(), r.championLoss(), r.message());
            if (r.status() != MetaTrainService.Status.IN_PROGRESS) return r;
        }
        return r;
    }
}
