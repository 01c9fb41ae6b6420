package dev.metarec.eval.report;

import dev.metarec.eval.metrics.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class ReportPartsTest {

    @Test
    void progressBar_showsFractionAndEta_fromTheInjectedClock() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buf), now::get, "seed 1");
        bar.start("MAML", 100);
        now.set(10_000_000_000L);            // 10 s for 25 units -> 30 s left
        bar.advance(25, "loss 0.9");
        assertEquals("seed 1 MAML [######..................]  25% 25/100 ETA 0:30 | loss 0.9", bar.lastLine());
        now.set(10_100_000_000L);
        bar.advance(30, "x");
        assertTrue(bar.lastLine().contains("25/100"), "redraws at most every 250 ms");
        now.set(40_000_000_000L);
        bar.advance(100, "done");
        assertTrue(bar.lastLine().contains("100% 100/100 ETA 0:00"), bar.lastLine());
        assertEquals("1:01:01", ProgressBar.clock(3661));
    }

    @Test
    void lineChart_writesAReadablePng(@TempDir Path dir) throws Exception {
        LineChart c = new LineChart("t", "x", "y").add(new LineChart.Line("a", new double[]{1, 2, 3}, new double[]{0.9, 0.8, 0.85}, new double[]{0.8, 0.7, 0.8}, new double[]{1, 0.9, 0.9}));
        c.writePng(dir.resolve("c.png"));
        BufferedImage img = ImageIO.read(dir.resolve("c.png").toFile());
        assertEquals(1000, img.getWidth());
        assertThrows(IllegalArgumentException.class, () -> c.add(new LineChart.Line("bad", new double[]{1}, new double[]{1, 2})));
        java.util.List<Double> ticks = LineChart.ticks(new double[]{0, 1});
        assertEquals(6, ticks.size(), "0, 0.2, ..., 1: " + ticks);
        assertEquals(0.2, ticks.get(1), 1e-12);
        assertEquals(1.0, ticks.get(5), 1e-9);
    }

    @Test
    void rankingCurve_namesTheTrainingPeriodsUsers_whenTheRunWasOnTheTrainingPeriod() {
        Results test = new Results();
        assertTrue(Plots.rankingCurve(test, "Recall@10").title().contains("(new users,"), Plots.rankingCurve(test, "Recall@10").title());
        Results period = new Results();
        period.note(Plots.TRAINING_PERIOD, "754 of 943 users");
        String title = Plots.rankingCurve(period, "Recall@10").title();
        assertTrue(title.contains("training period's latest users") && !title.contains("new users"), title);
    }

    @Test
    void barCheck_requiresGainAndSeparatedIntervals() {
        Summary ours = Summary.of(new double[]{0.70, 0.71, 0.69});
        assertTrue(BarCheck.compare(ours, Summary.of(new double[]{0.80, 0.81, 0.79}), 0.03).startsWith("met"));
        assertTrue(BarCheck.compare(ours, Summary.of(new double[]{0.715, 0.725, 0.72}), 0.03).startsWith("**NOT met**"), "CIs apart but gain < 3%");
        assertTrue(BarCheck.compare(ours, Summary.of(new double[]{0.60, 0.90, 0.80}), 0.0).contains("CIs overlap"));
        assertEquals("not run", BarCheck.compare(ours, null, 0));
    }

    @Test
    void results_summariseOverSeeds_andCsvHasEveryRow() {
        Results r = new Results();
        r.add(new ResultRow("melu", "strict", "s", "m", 0, "MAE", 1, 0.8));
        r.add(new ResultRow("melu", "strict", "s", "m", 0, "MAE", 2, 0.9));
        Summary s = r.summary(new Results.Key("melu", "strict", "s", "m", 0, "MAE"));
        assertEquals(0.85, s.mean(), 1e-12);
        assertEquals(2, s.n());
        String csv = ReportWriter.rowsCsv(r);
        assertTrue(csv.contains("melu,strict,s,m,0,MAE,1,0.800000") && csv.contains("melu,strict,s,m,0,MAE,2,0.900000"), csv);
        assertThrows(IllegalArgumentException.class, () -> r.add(new ResultRow("melu", "strict", "s", "m", 0, "MAE", 3, Double.NaN)));
    }

    @Test
    void usersCsv_shouldHoldEachUsersMeanOverSeeds() {
        Results r = new Results();
        Results.Key k = new Results.Key("ranking", "strict", "k=5", "metarec served", 5, "Recall@10");
        r.addUser(k, "u1", 0.2);
        r.addUser(k, "u1", 0.4);   // a second seed
        r.addUser(k, "u,2", 1.0);
        assertEquals(List.of(k), r.userKeys());
        String csv = ReportWriter.usersCsv(r);
        assertTrue(csv.startsWith("protocol,variant,scenario,method,steps,metric,user,value\n"), csv);
        assertTrue(csv.contains("ranking,strict,k=5,metarec served,5,Recall@10,u1,0.300000\n"), csv);
        assertTrue(csv.contains(",\"u,2\",1.000000\n"), "an id with a comma is quoted: " + csv);
        assertThrows(IllegalArgumentException.class, () -> r.addUser(k, "u3", Double.POSITIVE_INFINITY));
    }
}
