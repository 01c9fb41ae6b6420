package dev.metarec.eval.method;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.data.Datasets;
import dev.metarec.eval.protocol.EvalSplit;
import dev.metarec.eval.protocol.Observations;
import dev.metarec.eval.protocol.RankingCandidates;
import dev.metarec.eval.protocol.RankingProtocol;
import dev.metarec.eval.protocol.RankingSplit;
import dev.metarec.eval.protocol.Rated;
import dev.metarec.eval.protocol.UserTask;
import dev.metarec.service.MetaTrainSettings;
import dev.metarec.service.ServiceSettings;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticGenerator;
import org.junit.jupiter.api.Test;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * "metarec served" trains with production's meta-training run and ranks with production's recommend path (their
 * equality with MetaTrainService and RecommendService is domain's ServedParityTest). Here: it learns from training
 * users only, scores every candidate, is deterministic per seed, adapts, and reads item statistics from the
 * variant's observations (the one input built differently from production: counts observed, residual sum 0).
 */
class ServedMetaRecTest {
    private static final Dataset DATA = Datasets.fromSynthetic(SyntheticGenerator.generate(
            SyntheticConfig.small().withUsers(160).withItems(150).withEvents(25, 60).withInitialItemFraction(0.7), 11));
    private static final RankingSplit SPLIT = RankingProtocol.standard().split(DATA, 1);
    private static final ServedMetaRec METHOD = new ServedMetaRec(MetaTrainSettings.DEMO.withTargetSteps(40), ServiceSettings.DEFAULT);

    private static TrainingData sealed() {
        Map<String, List<UserTask>> sealed = new LinkedHashMap<>();
        for (String k : SPLIT.split().scenarios().keySet()) sealed.put(k, new AbstractList<>() {
            @Override public UserTask get(int index) { throw new AssertionError("a test task was read while fitting"); }
            @Override public int size() { throw new AssertionError("the test tasks were read while fitting"); }
        });
        return new TrainingData(new EvalSplit(SPLIT.split().train(), SPLIT.split().validation(), sealed), SPLIT.strictObservations(), DATA, 1,
                Budget.quick(), SPLIT.trainingHistories());
    }

    @Test
    void fit_shouldNotReadTestTasks_andScoreEveryCandidate_deterministically() {
        ServedMetaRec.Fitted a = (ServedMetaRec.Fitted) METHOD.fit(sealed(), Progress.NONE);
        FittedModel b = METHOD.fit(sealed(), Progress.NONE);
        RankingCandidates c = RankingCandidates.of(SPLIT.tests(5), DATA.items(), DATA.explicit()).stream().filter(RankingCandidates::scorable)
                .findFirst().orElseThrow();
        double[] s = a.predict(c.task(), SPLIT.strictObservations(), 5);
        assertEquals(c.task().query().size(), s.length);
        for (double x : s) assertTrue(Double.isFinite(x));
        assertArrayEquals(s, b.predict(c.task(), SPLIT.strictObservations(), 5), "same seed, same scores");
        double[] weights = a.champion().rank().blend().weightsFor(5);
        assertFalse(a.champion().rank().isNone(), "trained with a rank prior");
        assertEquals(weights[dev.metarec.rank.RankBlend.NETWORK] > 0, !java.util.Arrays.equals(s, a.predict(c.task(), SPLIT.strictObservations(), 0)),
                "five adaptation steps change the order exactly when the blend weighs the network at 5 events: " + java.util.Arrays.toString(weights));
        assertFalse(a.predictsRatings());
        assertThrows(IllegalArgumentException.class, () -> a.predict(c.task(), SPLIT.strictObservations(), 3));
    }

    @Test
    void itemStatistics_shouldComeFromTheVariantsObservations() {
        ServedMetaRec.Fitted f = (ServedMetaRec.Fitted) METHOD.fit(sealed(), Progress.NONE);
        double[] weights = f.champion().rank().blend().weightsFor(5);
        RankingCandidates c = RankingCandidates.of(SPLIT.tests(5), DATA.items(), DATA.explicit()).stream().filter(RankingCandidates::scorable)
                .findFirst().orElseThrow();
        Observations strict = SPLIT.strictObservations();
        // the same candidates with one item made the most observed of all: only the statistics changed
        Rated any = c.task().query().get(c.task().query().size() - 1);
        List<List<Rated>> extra = new ArrayList<>();
        for (int i = 0; i < 500; i++) extra.add(List.of(new Rated(any.item(), 5.0, any.time())));
        double[] before = f.predict(c.task(), strict, 5), after = f.predict(c.task(), strict.plus(extra), 5);
        int at = c.task().query().size() - 1;
        if (weights[dev.metarec.rank.RankBlend.POPULARITY] > 0) {
            assertTrue(after[at] > before[at], "the item's popularity rose in the observations, and so did its order score");
        } else {
            assertEquals(before[at], after[at], 1e-12, "no popularity weight at 5 events and a residual sum of 0: the counts change nothing");
        }
    }
}
