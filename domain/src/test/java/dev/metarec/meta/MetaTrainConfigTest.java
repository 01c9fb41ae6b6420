package dev.metarec.meta;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaTrainConfigTest {
    private final MetaTrainConfig ok = MetaTrainConfig.defaults(Learner.MAML);

    private static void rejects(String field, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void impossibleSettings_areRejected_namingTheFieldAndValue() {
        rejects("innerSteps", () -> ok.withInnerSteps(0));
        rejects("innerLr", () -> ok.withInnerLr(-1));
        rejects("innerLr", () -> ok.withInnerLr(Double.NaN));
        rejects("metaLr", () -> ok.withMetaLr(0));
        rejects("metaBatchSize", () -> ok.withMetaBatchSize(0));
        rejects("threads", () -> ok.withThreads(0));
        rejects("clipNorm", () -> ok.withClipNorm(0));
        rejects("minInnerLr", () -> new MetaTrainConfig(Learner.META_SGD, 1, 0.1, 0.1, 1, 1, 0, 1, 0.5, 0.1));
        assertThrows(NullPointerException.class, () -> ok.withLearner(null));
    }

    @Test
    void withers_changeOneField() {
        MetaTrainConfig c = ok.withLearner(Learner.REPTILE).withInnerSteps(3).withThreads(2).withSeed(5)
                .withClipNorm(Double.POSITIVE_INFINITY);
        assertEquals(new MetaTrainConfig(Learner.REPTILE, 3, ok.innerLr(), ok.metaLr(), ok.metaBatchSize(), 2, 5,
                Double.POSITIVE_INFINITY, ok.minInnerLr(), ok.maxInnerLr()), c);
    }
}
