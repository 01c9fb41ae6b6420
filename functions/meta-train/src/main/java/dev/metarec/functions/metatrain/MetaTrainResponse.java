package dev.metarec.functions.metatrain;

import dev.metarec.service.MetaTrainService;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Duration;

/**
 * What one invocation did. Losses are null when not measured; {@code statsRepaired}: events whose item
 * statistics an interrupted ingest left unapplied and this invocation applied first.
 */
@RegisterForReflection
public record MetaTrainResponse(String status, String runId, String checkpointId, long step, long targetSteps, int trainTasks,
                                int validationTasks, Double challengerLoss, Double championLoss, String message, double budgetSeconds, int statsRepaired) {
    static MetaTrainResponse of(MetaTrainService.Result r, Duration budget, int statsRepaired) {
        return new MetaTrainResponse(r.status().name(), r.runId(), r.checkpointId(), r.step(), r.targetSteps(), r.trainTasks(), r.validationTasks(),
                finite(r.challengerLoss()), finite(r.championLoss()), r.message(), budget.toMillis() / 1000.0, statsRepaired);
    }

    private static Double finite(double x) { return Double.isFinite(x) ? x : null; }
}
