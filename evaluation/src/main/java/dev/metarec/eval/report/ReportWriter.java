package dev.metarec.eval.report;

import dev.metarec.eval.metrics.Summary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a run's outputs into a directory: {@code results.csv} (every number, per seed),
 * {@code summary.csv} (mean and 95% CI over seeds), {@code users.csv} (each user's value of the per-user metrics,
 * averaged over seeds, when the run kept them), {@code results.json} (both, plus notes and plot
 * series), {@code report.md} (tables, bar check, plots) and the PNG plots of {@link Plots}.
 */
public final class ReportWriter {
    private ReportWriter() {}

    /** Writes everything; {@code shownSteps} are the step counts shown in the Markdown tables (all are in the CSV). */
    public static void write(Path dir, Results results, String title, List<String> header, Set<Integer> shownSteps) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("results.csv"), rowsCsv(results));
            Files.writeString(dir.resolve("summary.csv"), summaryCsv(results));
            if (!results.userKeys().isEmpty()) Files.writeString(dir.resolve("users.csv"), usersCsv(results));
            Files.writeString(dir.resolve("results.json"), JsonOut.results(results));
            List<String> plots = Plots.writeAll(dir, results);
            Files.writeString(dir.resolve("report.md"), markdown(results, title, header, shownSteps, plots));
        } catch (IOException e) {
            throw new UncheckedIOException("can't write the report into " + dir, e);
        }
    }

    static String rowsCsv(Results r) {
        StringBuilder b = new StringBuilder("protocol,variant,scenario,method,steps,metric,seed,value\n");
        for (ResultRow x : r.rows())
            b.append(String.join(",", q(x.protocol()), q(x.variant()), q(x.scenario()), q(x.method()), String.valueOf(x.steps()), q(x.metric()),
                    String.valueOf(x.seed()), num(x.value()))).append('\n');
        return b.toString();
    }

    static String summaryCsv(Results r) {
        StringBuilder b = new StringBuilder("protocol,variant,scenario,method,steps,metric,seeds,mean,ci95_low,ci95_high\n");
        r.summaries(k -> true).forEach((k, s) -> b.append(String.join(",", q(k.protocol()), q(k.variant()), q(k.scenario()), q(k.method()),
                String.valueOf(k.steps()), q(k.metric()), String.valueOf(s.n()), num(s.mean()), num(s.low()), num(s.high()))).append('\n'));
        return b.toString();
    }

    /** Each user's value averaged over seeds, for comparing two runs paired over users ({@code scripts/paired-compare.py}). */
    static String usersCsv(Results r) {
        StringBuilder b = new StringBuilder("protocol,variant,scenario,method,steps,metric,user,value\n");
        for (Results.Key k : r.userKeys())
            r.userMeans(k).forEach((user, v) -> b.append(String.join(",", q(k.protocol()), q(k.variant()), q(k.scenario()), q(k.method()),
                    String.valueOf(k.steps()), q(k.metric()), q(user), num(v))).append('\n'));
        return b.toString();
    }

    private static String q(String s) { return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s; }

    static String num(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v); }

    static String markdown(Results r, String title, List<String> header, Set<Integer> shownSteps, List<String> plots) {
        StringBuilder b = new StringBuilder("# ").append(title).append("\n\n");
        for (String h : header) b.append(h).append("\n");
        b.append("\nEach cell: mean over seeds ± half-width of the 95% confidence interval (Student t). ")
                .append("Lower is better for MAE/RMSE, higher for nDCG/Recall/AUC. `@k` = after k adaptation steps on the support set.\n\n");
        for (String protocol : r.distinct(ResultRow::protocol)) {
            for (String variant : r.distinct(x -> x.protocol().equals(protocol) ? x.variant() : null)) {
                if (variant == null) continue;
                for (String scenario : r.distinct(x -> x.protocol().equals(protocol) && x.variant().equals(variant) ? x.scenario() : null)) {
                    if (scenario == null) continue;
                    b.append("## ").append(protocol).append(" — ").append(variant).append(" — ").append(scenario).append("\n\n");
                    b.append(table(r, protocol, variant, scenario, shownSteps)).append('\n');
                }
            }
        }
        b.append(BarCheck.markdown(r)).append('\n');
        b.append(RankingBars.markdown(r));
        if (!plots.isEmpty()) {
            b.append("## Plots\n\n");
            for (String p : plots) b.append("![").append(p).append("](").append(p).append(")\n\n");
        }
        if (!r.notes().isEmpty()) {
            b.append("## Run notes\n\n");
            r.notes().forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        }
        return b.toString();
    }

    /** One scenario's table: a row per (method, shown step count), a column per metric. */
    static String table(Results r, String protocol, String variant, String scenario, Set<Integer> shownSteps) {
        Map<Results.Key, Summary> s = r.summaries(k -> k.protocol().equals(protocol) && k.variant().equals(variant) && k.scenario().equals(scenario));
        List<String> metrics = new ArrayList<>();
        Map<String, Map<String, Summary>> byRow = new LinkedHashMap<>();
        Map<String, Integer> stepsPerMethod = new LinkedHashMap<>();
        s.keySet().forEach(k -> stepsPerMethod.merge(k.method(), 1, (a, c) -> a + (k.steps() > 0 ? 1 : 0)));
        s.forEach((k, v) -> {
            boolean multi = s.keySet().stream().anyMatch(o -> o.method().equals(k.method()) && o.steps() != k.steps());
            if (multi && !shownSteps.contains(k.steps())) return;
            if (!metrics.contains(k.metric())) metrics.add(k.metric());
            String label = multi ? k.method() + " @" + k.steps() : k.method();
            byRow.computeIfAbsent(label, x -> new LinkedHashMap<>()).put(k.metric(), v);
        });
        StringBuilder b = new StringBuilder("| method |");
        metrics.forEach(m -> b.append(' ').append(m).append(" |"));
        b.append("\n|---|");
        metrics.forEach(m -> b.append("---|"));
        b.append('\n');
        byRow.forEach((label, cells) -> {
            b.append("| ").append(label).append(" |");
            for (String m : metrics) {
                Summary v = cells.get(m);
                b.append(' ').append(v == null ? "" : cell(v)).append(" |");
            }
            b.append('\n');
        });
        return b.toString();
    }

    static String cell(Summary s) {
        return Double.isNaN(s.halfWidth()) ? String.format(Locale.ROOT, "%.4f", s.mean()) : String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.halfWidth());
    }
}
