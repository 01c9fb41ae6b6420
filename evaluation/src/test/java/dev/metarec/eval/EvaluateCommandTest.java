package dev.metarec.eval;

import dev.metarec.eval.method.Progress;
import dev.metarec.synthetic.SyntheticConfig;
import dev.metarec.synthetic.SyntheticGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class EvaluateCommandTest {

    @Test
    void quickRun_onGeneratedCsvData_writesReportTablesAndPlots(@TempDir Path tmp) throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        SyntheticFiles.writeCsv(SyntheticGenerator.generate(SyntheticConfig.small().withUsers(120), 3), data);
        Path out = tmp.resolve("out");
        EvaluateOptions o = EvaluateOptions.parse("--dataset", "custom", "--data", data.toString(), "--protocol", "melu,time-ordered,ranking,drift",
                "--quick", "--seeds", "2", "--learners", "fomaml", "--out", out.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EvaluateCommand.run(o, "test", new PrintStream(log), Progress.NONE);

        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("## melu — strict — new-user/existing-item"), report);
        assertTrue(report.contains("## melu — warm-up — new-user/existing-item"));
        assertTrue(report.contains("## time-ordered — strict — k=20"));
        assertTrue(report.contains("## ranking — strict — k=1") && report.contains("## ranking — strict — k=20"), "the few-shot ranking curve");
        assertTrue(report.contains("## Bar check (issue 10, few-shot ranking)"));
        assertTrue(report.contains("## drift — prequential"));
        assertTrue(report.contains("## Bar check (issue 3)"));
        assertTrue(report.matches("(?s).*\\| bias model \\(shrunk\\) \\| \\d\\.\\d{4} ± \\d\\.\\d{4} \\|.*"), "the bias model row has a MAE with an interval");

        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals("protocol,variant,scenario,method,steps,metric,seed,value", csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("melu,strict,new-user/existing-item,bias model (shrunk),0,MAE,1,")));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("melu,strict,new-user/existing-item,bias model (shrunk),0,MAE,2,")));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("ranking,strict,") && l.contains(",Recall@10,")));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("drift,prequential,") && l.contains(",events-to-recover,")));
        String maeLine = csv.stream().filter(l -> l.startsWith("melu,strict,new-user/existing-item,global mean,0,MAE,1,")).findFirst().orElseThrow();
        double mae = Double.parseDouble(maeLine.substring(maeLine.lastIndexOf(',') + 1));
        assertTrue(mae > 0.3 && mae < 2, "a plausible MAE of the global mean: " + mae);
        double meanOverSeeds = csv.stream().filter(l -> l.startsWith("melu,strict,new-user/existing-item,global mean,0,MAE,"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(',') + 1))).average().orElseThrow();
        String row = String.format(java.util.Locale.ROOT, "| global mean | %.4f ± ", meanOverSeeds);
        assertTrue(report.contains(row), "the report shows the global mean's MAE over the seeds, " + row + "\n" + report);

        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("\"metric\": \"MAE\"") && json.contains("\"summaries\"") && json.contains("\"plot\": \"prequential\""));
        for (String png : List.of("few-shot.png", "learning-curve.png", "mae-by-steps.png", "prequential.png", "ranking-recall10.png", "ranking-ndcg10.png")) {
            assertNotNull(ImageIO.read(out.resolve(png).toFile()), png + " is a readable image");
            assertTrue(report.contains("![" + png + "]"), png + " is linked from the report");
        }
    }

    @Test
    void options_rejectBadValues_namingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvaluateOptions.parse("--dataset", "ml-5m", "--data", "x"));
        assertTrue(e.getMessage().contains("--dataset must be one of"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EvaluateOptions.parse("--dataset", "ml-100k"));
        assertTrue(e.getMessage().contains("--data"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EvaluateOptions.parse("--dataset", "synthetic", "--seeds", "0"));
        assertTrue(e.getMessage().contains("--seeds must be a positive integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EvaluateOptions.parse("--dataset", "synthetic", "--protocol", "melu,foo"));
        assertTrue(e.getMessage().contains("--protocol"), e.getMessage());
        assertEquals(java.util.List.of("ranking-validation"), EvaluateOptions.parse("--dataset", "synthetic", "--protocol", "ranking-validation").protocols());
        assertFalse(EvaluateOptions.parse("--dataset", "synthetic", "--protocol", "all").protocols().contains("ranking-validation"),
                "a design-choosing run is never part of 'all'");
        EvaluateOptions q = EvaluateOptions.parse("--dataset", "synthetic", "--quick");
        assertEquals(2, q.seeds());
        assertEquals("small", q.network());
        assertEquals(5, EvaluateOptions.parse("--dataset", "synthetic").seeds());
        assertEquals(1, q.firstSeed(), "seeds 1, 2, … by default");
        assertEquals(6, EvaluateOptions.parse("--dataset", "synthetic", "--first-seed", "6").firstSeed());
        e = assertThrows(IllegalArgumentException.class, () -> EvaluateOptions.parse("--dataset", "synthetic", "--first-seed", "0"));
        assertTrue(e.getMessage().contains("--first-seed must be a positive integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EvaluateOptions.parse("--dataset", "synthetic", "--support-shrinkage", "-1"));
        assertTrue(e.getMessage().contains("--support-shrinkage must be a finite number >= 0, was '-1'"), e.getMessage());
        assertEquals(0.0, q.supportShrinkage());
        assertEquals(2.5, EvaluateOptions.parse("--dataset", "synthetic", "--support-shrinkage", "2.5").supportShrinkage());
        assertEquals(List.of(0.0, 3.0), EvaluateOptions.parse("--dataset", "synthetic", "--shrinkage-grid", "0,3").shrinkageGrid());
        e = assertThrows(IllegalArgumentException.class, () -> EvaluateOptions.parse("--dataset", "synthetic", "--shrinkage-grid", "1,x"));
        assertTrue(e.getMessage().contains("--shrinkage-grid must be a finite number >= 0, was 'x'"), e.getMessage());
    }
}
