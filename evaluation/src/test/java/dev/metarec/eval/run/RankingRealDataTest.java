package dev.metarec.eval.run;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.data.MovieLens100k;
import dev.metarec.eval.method.Budget;
import dev.metarec.eval.method.Ease;
import dev.metarec.eval.method.Floors;
import dev.metarec.eval.method.ItemKnn;
import dev.metarec.eval.method.Progress;
import dev.metarec.eval.report.ResultRow;
import dev.metarec.eval.report.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ranking baselines on MovieLens 100K, in the range of issue 10's outside check (popularity ~0.14-0.17,
 * item-kNN ~0.07 at k = 1 rising to ~0.24 at k = 20, EASE similar). Runs only with
 * {@code -Dmetarec.data=/path/to/data} (MovieLens may not be redistributed).
 */
@EnabledIfSystemProperty(named = "metarec.data", matches = ".+")
class RankingRealDataTest {

    @Test
    void ml100k_baselinesAreInTheRangeOfTheOutsideCheck() {
        Dataset d = MovieLens100k.load(Path.of(System.getProperty("metarec.data")).resolve("ml-100k"));
        Results out = new Results();
        RankingExperiment.run(d, List.of(Floors.popularity(), ItemKnn.standard(), Ease.standard()), List.of(1L), Budget.quick(), out, Progress.NONE,
                new PrintStream(OutputStream.nullOutputStream()));
        for (int k : List.of(1, 3, 5, 10, 20)) {
            double pop = recall(out, "popularity", k);
            assertTrue(pop > 0.12 && pop < 0.20, "popularity Recall@10 at k=" + k + ": " + pop);
        }
        assertTrue(recall(out, "item-kNN", 1) > 0.05 && recall(out, "item-kNN", 1) < 0.15, "item-kNN at k=1: " + recall(out, "item-kNN", 1));
        assertTrue(recall(out, "item-kNN", 20) > 0.18 && recall(out, "item-kNN", 20) < 0.32, "item-kNN at k=20: " + recall(out, "item-kNN", 20));
        assertTrue(recall(out, "item-kNN", 20) > recall(out, "popularity", 20), "by 20 events the neighbourhood method overtakes popularity");
        assertTrue(recall(out, "EASE", 1) > 0.04 && recall(out, "EASE", 20) > 0.15 && recall(out, "EASE", 20) > recall(out, "EASE", 1));
    }

    private static double recall(Results out, String method, int k) {
        return out.rows().stream().filter(r -> r.protocol().equals("ranking") && r.method().equals(method) && r.scenario().equals("k=" + k)
                && r.metric().equals("Recall@10")).mapToDouble(ResultRow::value).findFirst().orElseThrow();
    }
}
