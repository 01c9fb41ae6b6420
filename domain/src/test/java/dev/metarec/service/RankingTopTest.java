package dev.metarec.service;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class RankingTopTest {
    @Test
    void top_shouldEqualAFullSortsPrefix_forRandomScoresWithTies() {
        Random r = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + r.nextInt(300);
            double[] score = new double[n];
            for (int i = 0; i < n; i++) score[i] = r.nextInt(20);   // many ties, broken by index
            Ranking.IntComparator better = (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b);
            int m = r.nextInt(15);
            int[] expected = IntStream.range(0, n).filter(i -> i % 3 != 0).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparing(i -> i)).limit(m).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, Ranking.top(n, m, i -> i % 3 != 0, better), "n=" + n + " m=" + m + " " + Arrays.toString(score));
        }
    }
}
