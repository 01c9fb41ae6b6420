package dev.metarec.nn;

import dev.metarec.features.EncodedEntity;
import dev.metarec.meta.Batch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** One network shared by several threads gives each the same bits as a lone caller: it holds no mutable state. */
class ConcurrentUseTest {

    @Test
    void sharedNetwork_givesBitIdenticalResultsAcrossThreads() throws Exception {
        PreferenceNetwork net = TestNetworks.mixedAdapted(Objective.LOGISTIC);
        Params meta = TestNetworks.randomParams(net, 31);
        double[] fast = PreferenceNetworkGradientTest.perturbedFast(net, meta);
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) batches.add(TestNetworks.randomBatch(Objective.LOGISTIC, 100 + i, 20));

        List<double[]> expected = new ArrayList<>();
        for (Batch b : batches) expected.add(work(net, meta, fast, b));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<double[]>> futures = new ArrayList<>();
                for (Batch b : batches) futures.add(pool.submit(() -> work(net, meta, fast, b)));
                for (int i = 0; i < batches.size(); i++) assertArrayEquals(expected.get(i), futures.get(i).get(), "batch " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Loss, fast gradient, dense slow gradient, HVP and scores of one batch, concatenated. */
    private static double[] work(PreferenceNetwork net, Params meta, double[] fast, Batch batch) {
        double[] g = new double[fast.length], hv = new double[fast.length];
        Gradient slow = new Gradient(net.layout());
        double loss = net.lossAndGradient(meta, fast, batch, g, slow, 1.0);
        net.hessianVectorProduct(meta, fast, batch, g, hv, slow, 1.0);
        List<EncodedEntity> items = batch.examples().stream().map(e -> e.item()).toList();
        double[] scores = new double[items.size()];
        net.scoreAll(meta, fast, batch.user(), items, null, scores);
        double[] dense = slow.toDenseArray();
        double[] all = new double[1 + g.length + hv.length + dense.length + scores.length];
        all[0] = loss;
        System.arraycopy(g, 0, all, 1, g.length);
        System.arraycopy(hv, 0, all, 1 + g.length, hv.length);
        System.arraycopy(dense, 0, all, 1 + 2 * g.length, dense.length);
        System.arraycopy(scores, 0, all, 1 + 2 * g.length + dense.length, scores.length);
        return all;
    }
}
