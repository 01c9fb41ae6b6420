package dev.metarec.functions.metatrain;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.metarec.service.IngestService;
import dev.metarec.service.MetaTrainService;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The meta-train Lambda: invoked by the EventBridge schedule (a scheduled event, whose body is ignored)
 * or by hand ({@code {"budgetSeconds": 120}}). Trains for the budget (default
 * {@code metarec.training.budget}, 12 minutes; never past the invocation's remaining time minus a
 * safety margin, so progress is saved before the 15-minute Lambda limit), then reports what happened.
 * The invocation that ends a run also applies the item statistics that interrupted ingests left unapplied
 * ({@link IngestService#repairStats}: one filtered scan of the events per run, not per invocation), so the
 * counters are exact even when a client never redelivers.
 */
@Named("meta-train")
public class MetaTrainHandler implements RequestHandler<Map<String, Object>, MetaTrainResponse> {
    private static final Logger LOG = Logger.getLogger(MetaTrainHandler.class);

    @Inject MetaTrainService service;

    @Inject IngestService ingest;

    @Inject Clock clock;

    @ConfigProperty(name = "metarec.training.budget", defaultValue = "PT12M") Duration budget;

    @ConfigProperty(name = "metarec.training.safety-margin", defaultValue = "PT90S") Duration margin;

    @Override
    public MetaTrainResponse handleRequest(Map<String, Object> input, Context context) {
        Duration b = budget(input, context);
        MetaTrainService.Result r = service.run(b);
        // Once per run, when it ends (a resumed invocation trains on the run's snapshot and scans nothing):
        // the item statistics of events whose ingest stopped part-way and was never redelivered.
        int repaired = r.status() == MetaTrainService.Status.IN_PROGRESS ? 0 : ingest.repairStats(clock.instant());
        if (repaired > 0) LOG.infof("meta-train: applied the item statistics of %d events left unapplied by interrupted ingests", repaired);
        LOG.infof("meta-train: status=%s run=%s step=%d/%d trainTasks=%d validationTasks=%d challengerLoss=%s championLoss=%s",
                r.status(), r.runId(), r.step(), r.targetSteps(), r.trainTasks(), r.validationTasks(), r.challengerLoss(), r.championLoss());
        return MetaTrainResponse.of(r, b, repaired);
    }

    Duration budget(Map<String, Object> input, Context context) {
        Duration b = budget;
        Object asked = input == null ? null : input.get("budgetSeconds");
        if (asked instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) b = Duration.ofMillis((long) (n.doubleValue() * 1000));
        if (context != null && context.getRemainingTimeInMillis() > 0) {
            Duration left = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(margin);
            if (left.compareTo(b) < 0) b = left.isNegative() ? Duration.ZERO : left;
        }
        return b;
    }
}
