package dev.metarec.service;

import dev.metarec.model.Attributes;
import dev.metarec.model.Item;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class CalibrationTest {
    /** 30 items: 0-19 "Action" (ordered first by the blend), 20-29 "Animation" (ordered after them). */
    private static final List<Item> ITEMS = IntStream.range(0, 30)
            .mapToObj(i -> new Item("m" + i, Attributes.of("genre", i < 20 ? "Action" : "Animation"), null)).toList();
    private static final Map<String, Integer> POSITION = new HashMap<>();
    static { for (int i = 0; i < ITEMS.size(); i++) POSITION.put(ITEMS.get(i).itemId(), i); }
    private static final int[] ELIGIBLE = IntStream.range(0, 30).toArray();
    private static final double[] ORDER = IntStream.range(0, 30).mapToDouble(i -> 30 - i).toArray();

    private static List<Integer> top10(double[] order) {
        List<Integer> idx = new ArrayList<>(IntStream.range(0, order.length).boxed().toList());
        idx.sort((a, b) -> Double.compare(order[b], order[a]));
        return idx.subList(0, 10);
    }

    @Test
    void rerank_shouldBringTheSupportsCategoriesIntoTheTop10_inProportion() {
        Map<String, Double> animationFan = Map.of("m25", 1.0, "m26", 1.0);   // two animations liked
        List<Integer> plain = top10(ORDER);
        assertTrue(plain.stream().allMatch(i -> i < 20), "the blend alone: ten action films " + plain);
        List<Integer> calibrated = top10(Calibration.rerank(0.9, 0, ORDER, ELIGIBLE, ITEMS, POSITION, animationFan, Set.of(), "genre", 10));
        assertTrue(calibrated.stream().filter(i -> i >= 20).count() >= 9, "λ 0.9: the list is the user's category " + calibrated);
        List<Integer> sorted = new ArrayList<>(calibrated);
        sorted.sort(null);
        assertEquals(sorted, calibrated, "within the ten, the blend's order is kept " + calibrated);

        Map<String, Double> mixed = Map.of("m25", 1.0, "m3", 1.0);   // one of each
        List<Integer> half = top10(Calibration.rerank(0.9, 0, ORDER, ELIGIBLE, ITEMS, POSITION, mixed, Set.of(), "genre", 10));
        long animations = half.stream().filter(i -> i >= 20).count();
        assertTrue(animations >= 4 && animations <= 6, "about half and half: " + half);
    }

    @Test
    void rerank_shouldLeaveTheOrder_whenOffOrWithoutCategories() {
        assertSame(ORDER, Calibration.rerank(0, 0, ORDER, ELIGIBLE, ITEMS, POSITION, Map.of("m25", 1.0), Set.of(), "genre", 10));
        assertSame(ORDER, Calibration.rerank(0.9, 0, ORDER, ELIGIBLE, ITEMS, POSITION, Map.of(), Set.of(), "genre", 10), "no positive support event");
        assertSame(ORDER, Calibration.rerank(0.9, 0, ORDER, ELIGIBLE, ITEMS, POSITION, Map.of("unknown", 1.0), Set.of(), "genre", 10));
        assertSame(ORDER, Calibration.rerank(0.9, 0, ORDER, ELIGIBLE, ITEMS, POSITION, Map.of("m25", 1.0), Set.of(), "mood", 10), "no such attribute");
        double[] small = Calibration.rerank(0.1, 0, ORDER, ELIGIBLE, ITEMS, POSITION, Map.of("m25", 1.0), Set.of(), "genre", 10);
        assertEquals(top10(ORDER).subList(0, 5), top10(small).subList(0, 5), "a small λ keeps the blend's head");
    }

    @Test
    void rerank_shouldHoldBackCategoriesTheUserOnlyDisliked() {
        // 0-9 Romance (first in the blend's order), 10-19 Romance and Drama, 20-29 Action
        List<Item> items = IntStream.range(0, 30).mapToObj(i -> new Item("m" + i,
                i < 10 ? Attributes.of("genre", "Romance") : i < 20 ? Attributes.of("genre", "Romance|Drama") : Attributes.of("genre", "Action"),
                null)).toList();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < items.size(); i++) position.put(items.get(i).itemId(), i);
        Set<String> hatesRomance = Set.of("m5");

        List<Integer> held = top10(Calibration.rerank(0.5, 4, ORDER, ELIGIBLE, items, position, Map.of(), hatesRomance, "genre", 10));
        assertTrue(held.stream().allMatch(i -> i >= 20), "only a disliked romance in the support: no romance in the ten " + held);

        List<Integer> half = top10(Calibration.rerank(0.5, 1, ORDER, ELIGIBLE, items, position, Map.of(), hatesRomance, "genre", 10));
        assertTrue(half.containsAll(List.of(10, 11, 12)) && half.stream().noneMatch(i -> i < 10),
                "half of a romantic drama's categories are held back, all of a romance's: the dramas stay ahead " + half);

        Map<String, Double> likesADrama = Map.of("m15", 1.0);   // Romance and Drama liked: Romance is no longer only disliked
        assertArrayEquals(Calibration.rerank(0.5, 0, ORDER, ELIGIBLE, items, position, likesADrama, Set.of(), "genre", 10),
                Calibration.rerank(0.5, 4, ORDER, ELIGIBLE, items, position, likesADrama, hatesRomance, "genre", 10), 0.0);
        assertArrayEquals(Calibration.rerank(0.5, 0, ORDER, ELIGIBLE, items, position, Map.of("m25", 1.0), Set.of(), "genre", 10),
                Calibration.rerank(0.5, 0, ORDER, ELIGIBLE, items, position, Map.of("m25", 1.0), hatesRomance, "genre", 10), 0.0,
                "β 0: dislikes change nothing");
        assertEquals(0.5, Calibration.AVOID, "the served design, unless -Dmetarec.serving.calibration-avoid is set");
    }

    @Test
    void rerank_shouldCalibrateEveryPageOfTheRequestedList_keepingTheFirstTen() {
        // 0-29 Romance (first in the blend's order), 30-59 Action; the user only disliked a romance
        List<Item> items = IntStream.range(0, 60).mapToObj(i -> new Item("m" + i,
                Attributes.of("genre", i < 30 ? "Romance" : "Action"), null)).toList();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < items.size(); i++) position.put(items.get(i).itemId(), i);
        int[] eligible = IntStream.range(0, 60).toArray();
        double[] order = IntStream.range(0, 60).mapToDouble(i -> 60 - i).toArray();
        Set<String> hatesRomance = Set.of("m5");

        double[] ten = Calibration.rerank(0.5, 4, order, eligible, items, position, Map.of(), hatesRomance, "genre", 10);
        double[] twenty = Calibration.rerank(0.5, 4, order, eligible, items, position, Map.of(), hatesRomance, "genre", 20);
        assertEquals(top(ten, 10), top(twenty, 10), "the first ten do not depend on the list's length");
        assertTrue(top(ten, 20).subList(10, 20).stream().allMatch(i -> i < 30), "a list of ten leaves 11-20 to the blend: romances " + top(ten, 20));
        List<Integer> page2 = top(twenty, 20).subList(10, 20);
        assertTrue(page2.stream().allMatch(i -> i >= 30), "a list of twenty holds romances back at 11-20 too " + top(twenty, 20));
        List<Integer> sorted = new ArrayList<>(page2);
        sorted.sort(null);
        assertEquals(sorted, page2, "each page in the blend's order");
        assertTrue(top(twenty, 10).stream().allMatch(i -> i < page2.get(0)), "the first page is the blend's better action films " + top(twenty, 20));
        assertThrows(IllegalArgumentException.class, () -> Calibration.rerank(0.5, 4, order, eligible, items, position, Map.of(), hatesRomance, "genre", 0));
    }

    private static List<Integer> top(double[] order, int n) {
        List<Integer> idx = new ArrayList<>(IntStream.range(0, order.length).boxed().toList());
        idx.sort((a, b) -> Double.compare(order[b], order[a]));
        return idx.subList(0, n);
    }

    @Test
    void lambdaAndPool_shouldDefaultToTheServedDesign() {
        assertEquals(0.5, Calibration.LAMBDA, "unless -Dmetarec.serving.calibration is set (NumberProperty refuses a bad value)");
        assertEquals(50, Calibration.POOL);
    }
}
