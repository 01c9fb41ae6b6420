package dev.metarec.functions.metatrain;

import dev.metarec.service.MetaTrainService;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Duration;

/** What one invocation did. Losses are null when not measured. */
@RegisterForReflection
public record MetaTrainResponse(String status, String runId, String checkpointId, long step, long targetSteps, int trainTasks,
                                int validationTasks, Double challengerLoss, Double championLoss, String message, double budgetSeconds) {
    static MetaTrainResponse of(MetaTrainService.Result r, Duration budget) {
        return new MetaTrainResponse(r.status().name(), r.runId(), r.checkpointId(), r.step(), r.targetSteps(), r.trainTasks(), r.validationTasks(),
                finite(r.challengerLoss()), finite(r.championLoss()), r.message(), budget.toMillis() / 1000.0);
    }

    private static Double finite(double x) { return Double.isFinite(x) ? x : null; }
}
