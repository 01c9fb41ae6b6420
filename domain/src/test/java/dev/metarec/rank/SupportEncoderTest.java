package dev.metarec.rank;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class SupportEncoderTest {
    private static final List<String> ITEMS = IntStream.range(0, 20).mapToObj(i -> String.format("i%02d", i)).toList();
    private static final SupportEncoder.Settings FAST = new SupportEncoder.Settings(8, 0.05, 8, 40, 40, 1_000_000_000L, java.time.Duration.ofMinutes(5));

    /**
     * Two tastes: items 0-9 and 10-19. A user of one taste had one or two of its items first and liked three more of
     * the same taste later; and everyone liked item 19 later, whatever their taste.
     */
    private static List<SupportEncoder.Example> twoTastes(Random r, int users) {
        List<SupportEncoder.Example> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int base = u % 2 == 0 ? 0 : 10;
            int first = base + r.nextInt(9);
            int[] support = r.nextBoolean() ? new int[]{first} : new int[]{first, base + (first - base + 1) % 9};
            List<Integer> later = new ArrayList<>();
            while (later.size() < 3) {
                int j = base + r.nextInt(9);
                if (!later.contains(j) && IntStream.of(support).noneMatch(s -> s == j)) later.add(j);
            }
            later.add(19);
            out.add(new SupportEncoder.Example(support, later.stream().mapToInt(Integer::intValue).toArray(), new int[0]));
        }
        return out;
    }

    private static double[] scores(SupportEncoder e, List<String> support) {
        float[] u = e.encode(support);
        return IntStream.range(0, ITEMS.size()).mapToDouble(j -> e.score(u, j)).toArray();
    }

    @Test
    void train_shouldLearnWhatUsersOfATasteLikeLater_andWhatEveryoneLikes() {
        SupportEncoder e = SupportEncoder.train(ITEMS, twoTastes(new Random(1), 400), FAST, 7, enc -> 0.0);
        double[] first = scores(e, List.of("i02"));
        double[] second = scores(e, List.of("i13"));
        double meanOwn = IntStream.range(0, 9).filter(j -> j != 2).mapToDouble(j -> first[j]).average().orElseThrow();
        double meanOther = IntStream.range(10, 19).mapToDouble(j -> first[j]).average().orElseThrow();
        assertTrue(meanOwn > meanOther + 1, "a fan of the first taste: own " + meanOwn + " vs other " + meanOther);
        assertTrue(IntStream.range(0, 9).mapToDouble(j -> second[j]).max().orElseThrow()
                < IntStream.range(10, 19).filter(j -> j != 13).mapToDouble(j -> second[j]).min().orElseThrow(), "a fan of the second taste: every own item first");
        double[] nobody = scores(e, List.of());
        int top = IntStream.range(0, ITEMS.size()).boxed().max((a, b) -> Double.compare(nobody[a], nobody[b])).orElseThrow();
        assertEquals(19, top, "without support, the item everyone came to like");
        assertArrayEquals(nobody, scores(e, List.of("unknown-item")), "an unknown support item counts for nothing");
        assertTrue(Double.isNaN(e.score(e.encode(List.of("i01")), e.row("unknown-item"))), "an item it does not know has no score");
    }

    @Test
    void sampledLosses_shouldLearnTheSameTastes_touchingOnlyTheirCandidates() {
        for (SupportEncoder.Loss loss : List.of(SupportEncoder.Loss.parse("sampled:5"), SupportEncoder.Loss.parse("bpr"))) {
            SupportEncoder e = SupportEncoder.train(ITEMS, twoTastes(new Random(1), 400), FAST, loss, 7, enc -> 0.0);
            double[] first = scores(e, List.of("i02"));
            double[] second = scores(e, List.of("i13"));
            double meanOwn = IntStream.range(0, 9).filter(j -> j != 2).mapToDouble(j -> first[j]).average().orElseThrow();
            double meanOther = IntStream.range(10, 19).mapToDouble(j -> first[j]).average().orElseThrow();
            assertTrue(meanOwn > meanOther + 1, loss + ", a fan of the first taste: own " + meanOwn + " vs other " + meanOther);
            assertTrue(IntStream.range(0, 9).mapToDouble(j -> second[j]).max().orElseThrow()
                    < IntStream.range(10, 19).filter(j -> j != 13).mapToDouble(j -> second[j]).min().orElseThrow(), loss + ": every own item first");
            double[] nobody = scores(e, List.of());
            int top = IntStream.range(0, ITEMS.size()).boxed().max((a, b) -> Double.compare(nobody[a], nobody[b])).orElseThrow();
            assertEquals(19, top, loss + ": without support, the item everyone came to like");
        }
        // the item left out of every example is never a candidate: its bias stays at its start, 0; the target's rises
        List<SupportEncoder.Example> ex = new ArrayList<>();
        for (int u = 0; u < 50; u++) ex.add(new SupportEncoder.Example(new int[]{0}, new int[]{1}, new int[]{19}));
        SupportEncoder.Settings s = new SupportEncoder.Settings(4, 0.01, 8, 2, 2, 1_000_000_000L, java.time.Duration.ofMinutes(5));
        for (String loss : List.of("sampled:3", "bpr")) {
            SupportEncoder trained = SupportEncoder.train(ITEMS, ex, s, SupportEncoder.Loss.parse(loss), 5, e -> 0);
            assertEquals(0f, trained.bias()[19], loss + ": item 19 is excluded from every example");
            assertTrue(trained.bias()[1] > 0.01, loss + ": the target rises, " + trained.bias()[1]);
        }
    }

    @Test
    void adapt_shouldRaiseTheLikedItemsLikelihood_andLeaveUWithoutStepsOrRate() {
        // 3 items, width 2: output rows (1,0), (0,1), (1,1); u starts at 0, so the softmax is uniform
        SupportEncoder e = new SupportEncoder(List.of("a", "b", "c"), 2, new float[6], new float[]{1, 0, 0, 1, 1, 1}, new float[3]);
        float[] u = new float[2];
        assertSame(u, e.adapt(u, new int[]{0}, new double[]{1}, 0, 1.0), "no step");
        assertSame(u, e.adapt(u, new int[]{0}, new double[]{1}, 5, 0.0), "rate 0");
        assertSame(u, e.adapt(u, new int[0], new double[0], 5, 1.0), "no liked item");
        float[] one = e.adapt(u, new int[]{0}, new double[]{1}, 1, 1.0);
        assertArrayEquals(new float[]{1 - 2f / 3, 0 - 2f / 3}, one, 1e-6f, "W[a] minus the uniform mean of the output rows");
        float[] five = e.adapt(u, new int[]{0}, new double[]{1}, 5, 1.0);
        assertTrue(e.score(five, 0) - e.score(five, 1) > e.score(one, 0) - e.score(one, 1), "more steps: a further ahead of b");
        assertArrayEquals(new float[2], u, "u itself is not changed");
    }

    @Test
    void lossNames_shouldParse_andBadOnesBeRefusedNamingTheProperty() {
        assertEquals(SupportEncoder.Loss.SOFTMAX, SupportEncoder.Loss.parse(" Softmax "));
        assertEquals(new SupportEncoder.Loss(SupportEncoder.Loss.Kind.SAMPLED, 256), SupportEncoder.Loss.parse("sampled:256"));
        assertEquals(SupportEncoder.Loss.Kind.BPR, SupportEncoder.Loss.parse("bpr").kind());
        assertEquals(5_000_000_000L, SupportEncoder.Settings.DEFAULT.maxWork(), "the default work budget (NumberProperty refuses a bad override)");
        assertEquals(64, SupportEncoder.Settings.DEFAULT.dim());
        for (String bad : List.of("sampled:0", "sampled:x", "sampled", "hinge", ""))
            assertTrue(assertThrows(IllegalArgumentException.class, () -> SupportEncoder.Loss.parse(bad)).getMessage().contains("metarec.encoder.loss"), bad);
    }

    @Test
    void train_shouldKeepTheBestEpochOnValidation_andStopAfterPatienceEpochsWithoutProgress() {
        AtomicInteger calls = new AtomicInteger();
        List<SupportEncoder> seen = new ArrayList<>();
        SupportEncoder.Settings s = new SupportEncoder.Settings(8, 0.05, 8, 30, 3, 1_000_000_000L, java.time.Duration.ofMinutes(5));
        SupportEncoder e = SupportEncoder.train(ITEMS, twoTastes(new Random(2), 100), s, 3, enc -> {
            seen.add(enc);
            return calls.incrementAndGet() == 2 ? 1.0 : 0.0;   // the second epoch is the best
        });
        assertEquals(5, calls.get(), "epoch 2 best, then 3 epochs without a better score");
        assertSame(seen.get(1), e);
        assertNotEquals(seen.get(0), seen.get(1), "epochs differ");
    }

    @Test
    void train_shouldStartNoEpochAfterItsTimeLimit() {
        AtomicInteger calls = new AtomicInteger();
        SupportEncoder.Settings noTime = new SupportEncoder.Settings(8, 0.05, 8, 30, 30, 1_000_000_000L, java.time.Duration.ZERO);
        SupportEncoder e = SupportEncoder.train(ITEMS, twoTastes(new Random(4), 100), noTime, 3, enc -> calls.incrementAndGet());
        assertEquals(1, calls.get(), "one epoch, then the time is up");
        assertFalse(e.isEmpty(), "that epoch's encoder is kept");
    }

    @Test
    void train_isDeterministicForASeed() {
        List<SupportEncoder.Example> ex = twoTastes(new Random(3), 60);
        SupportEncoder.Settings s = new SupportEncoder.Settings(4, 0.01, 8, 3, 3, 1_000_000_000L, java.time.Duration.ofMinutes(5));
        assertEquals(SupportEncoder.train(ITEMS, ex, s, 5, e -> 0), SupportEncoder.train(ITEMS, ex, s, 5, e -> 0));
        assertSame(SupportEncoder.NONE, SupportEncoder.train(ITEMS, List.of(), s, 5, e -> 0), "nothing to learn from");
        assertSame(SupportEncoder.NONE, SupportEncoder.train(ITEMS, ex, s, 5, e -> Double.NaN), "no validation score: no encoder");
    }

    @Test
    void train_shouldFollowTheHeavierExamples_whenTwoGroupsDisagree() {
        for (boolean recentFirst : new boolean[]{true, false}) {
            List<SupportEncoder.Example> ex = new ArrayList<>();
            for (int u = 0; u < 100; u++) {   // the same support, two groups that went on to like different items
                ex.add(new SupportEncoder.Example(new int[]{0}, new int[]{1, 2, 3}, new int[0], recentFirst ? 1.0 : 0.05));
                ex.add(new SupportEncoder.Example(new int[]{0}, new int[]{11, 12, 13}, new int[0], recentFirst ? 0.05 : 1.0));
            }
            double[] s = scores(SupportEncoder.train(ITEMS, ex, FAST, 9, e -> 0), List.of("i00"));
            double first = (s[1] + s[2] + s[3]) / 3, second = (s[11] + s[12] + s[13]) / 3;
            assertTrue(recentFirst ? first > second + 1 : second > first + 1, "weights " + (recentFirst ? "1 / 0.05" : "0.05 / 1") + ": " + first + " vs " + second);
        }
        assertThrows(IllegalArgumentException.class, () -> new SupportEncoder.Example(new int[]{0}, new int[]{1}, new int[0], 0));
        assertThrows(IllegalArgumentException.class, () -> new SupportEncoder.Example(new int[]{0}, new int[]{1}, new int[0], Double.NaN));
    }

    @Test
    void averaged_shouldScoreAsTheMeanOfItsEncoders() {
        List<SupportEncoder.Example> ex = twoTastes(new Random(5), 200);
        SupportEncoder a = SupportEncoder.train(ITEMS, ex, FAST, 1, e -> 0), b = SupportEncoder.train(ITEMS, ex, FAST, 2, e -> 0),
                c = SupportEncoder.train(ITEMS, ex, FAST, 3, e -> 0);
        SupportEncoder ab = SupportEncoder.averaged(a, b, 1), abc = SupportEncoder.averaged(ab, c, 2);
        assertEquals(16, ab.dim());
        assertEquals(24, abc.dim());
        for (List<String> support : List.of(List.of("i02"), List.of("i13", "i11"), List.<String>of())) {
            double[] sa = scores(a, support), sb = scores(b, support), sc = scores(c, support), s2 = scores(ab, support), s3 = scores(abc, support);
            for (int j = 0; j < ITEMS.size(); j++) {
                assertEquals((sa[j] + sb[j]) / 2, s2[j], 1e-4, "item " + j + " of " + support);
                assertEquals((sa[j] + sb[j] + sc[j]) / 3, s3[j], 1e-4, "item " + j + " of " + support);
            }
        }
        assertNotEquals(scores(a, List.of("i02"))[3], scores(b, List.of("i02"))[3], "the seeds' encoders differ, so the test means something");
        assertThrows(IllegalArgumentException.class, () -> SupportEncoder.averaged(a, SupportEncoder.NONE, 1));
    }

    @Test
    void invalidEncoders_shouldBeRejected_namingTheProblem() {
        var ids = List.of("a", "b");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SupportEncoder(ids, 1, new float[]{1, 2}, new float[]{1, Float.POSITIVE_INFINITY}, new float[2]))
                .getMessage().contains("not finite"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SupportEncoder(List.of("b", "a"), 1, new float[2], new float[2], new float[2]))
                .getMessage().contains("strictly increasing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SupportEncoder(ids, 2, new float[2], new float[4], new float[2]))
                .getMessage().contains("must match"));
        assertThrows(IllegalArgumentException.class, () -> new SupportEncoder.Example(new int[]{0}, new int[0], new int[0]));
    }
}
