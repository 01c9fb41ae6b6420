package dev.metarec.eval.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RankingBarsTest {

    private static void add(Results r, String method, int steps, int k, String metric, double... perSeed) {
        for (int s = 0; s < perSeed.length; s++) r.add(new ResultRow("ranking", "strict", "k=" + k, method, steps, metric, s + 1, perSeed[s]));
    }

    @Test
    void atK10_theBestMetarecMustBe5PercentAboveTheBestBaseline_withIntervalsApart() {
        Results r = new Results();
        add(r, "popularity", 0, 10, "Recall@10", 0.100, 0.100, 0.100);
        add(r, "item-kNN", 0, 10, "Recall@10", 0.110, 0.110, 0.110);
        add(r, "metarec new", 0, 10, "Recall@10", 0.090, 0.091, 0.092);
        add(r, "metarec new", 5, 10, "Recall@10", 0.120, 0.121, 0.122);   // +10% over item-kNN, apart
        add(r, "popularity", 0, 1, "Recall@10", 0.100, 0.100, 0.100);
        add(r, "metarec new", 5, 1, "Recall@10", 0.101, 0.099, 0.102);    // mean 0.1007 >= 0.100: met (no margin below k = 10)
        add(r, "metarec new", 0, 1, "Recall@10", 0.090, 0.090, 0.090);
        String md = RankingBars.markdown(r);
        assertTrue(md.contains("| 10 | Recall@10 | item-kNN: 0.1100 ± 0.0000 | metarec new @5: 0.1210 ± 0.0025 | — | met |"), md);
        assertTrue(md.contains("| 1 | Recall@10 | popularity: 0.1000 ± 0.0000 | metarec new @5: 0.1007"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| 1 | Recall@10") && l.endsWith("| met |")), md);
        assertTrue(md.contains("| metarec new @5 | 10 | 0.0910 ± 0.0025 | 0.1210 ± 0.0025 | yes |"), "adapted vs 0 steps on Recall@10 at k >= 3: " + md);
        assertFalse(md.contains("| metarec new @5 | 1 |"), "k = 1 is not part of the adapted-vs-0 bar");

        Results close = new Results();
        add(close, "item-kNN", 0, 20, "nDCG@10", 0.200, 0.200, 0.200);
        add(close, "metarec m", 5, 20, "nDCG@10", 0.208, 0.209, 0.210);      // adapted: +4.5%, alone it would miss the k = 20 margin
        add(close, "metarec m", 0, 20, "nDCG@10", 0.210, 0.211, 0.212);
        String md2 = RankingBars.markdown(close);
        List<String> rows = md2.lines().filter(l -> l.startsWith("| 20 | nDCG@10")).toList();
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).contains("metarec m @0: 0.2110"), "the best metarec cell is the best step count: " + rows.get(0));
        assertTrue(rows.get(0).endsWith("| met |"), "+5.5% with intervals apart: " + rows.get(0));
    }

    @Test
    void atK20_seedIntervalsApartAreNotEnough_whenTheUsersIntervalReachesBelowZero() {
        Results r = new Results();
        add(r, "item-kNN", 0, 20, "Recall@10", 0.200, 0.200, 0.200);
        add(r, "metarec m", 5, 20, "Recall@10", 0.220, 0.221, 0.222);   // +10.5%, seed intervals apart
        Results.Key base = new Results.Key("ranking", "strict", "k=20", "item-kNN", 0, "Recall@10");
        Results.Key ours = new Results.Key("ranking", "strict", "k=20", "metarec m", 5, "Recall@10");
        // Ten users: the gain is one user's (0 -> 1), the others slightly below the baseline: resampling often leaves that user out.
        for (int u = 0; u < 10; u++) {
            r.addUser(base, "u" + u, u == 0 ? 0.0 : 0.30);
            r.addUser(ours, "u" + u, u == 0 ? 1.0 : 0.27);
        }
        String row = RankingBars.markdown(r).lines().filter(l -> l.startsWith("| 20 | Recall@10")).findFirst().orElseThrow();
        assertTrue(row.contains("10 users") && row.contains("**NOT met**"), "one user's gain is not a gain over users: " + row);

        Results steady = new Results();
        add(steady, "item-kNN", 0, 20, "Recall@10", 0.200, 0.200, 0.200);
        add(steady, "metarec m", 5, 20, "Recall@10", 0.220, 0.221, 0.222);
        for (int u = 0; u < 10; u++) {
            steady.addUser(base, "u" + u, 0.20 + 0.01 * u);
            steady.addUser(ours, "u" + u, 0.22 + 0.011 * u);
        }
        String steadyRow = RankingBars.markdown(steady).lines().filter(l -> l.startsWith("| 20 | Recall@10")).findFirst().orElseThrow();
        assertTrue(steadyRow.endsWith("| met |"), "every user 10% ahead: " + steadyRow);
    }
}
