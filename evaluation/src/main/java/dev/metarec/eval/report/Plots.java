package dev.metarec.eval.report;

import dev.metarec.eval.metrics.Summary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's plots, each written only when the run produced its data: few-shot curve (time-ordered
 * protocol, MAE against support size k), few-shot ranking curves (Recall@10 and nDCG@10 against k,
 * {@link #rankingCurve}), learning curves (training and validation loss), MAE by
 * adaptation steps (MeLU protocol, strict, first scenario) and prequential error over the event index
 * (drift replay). Returns the written file names.
 */
public final class Plots {
    public static final String FEW_SHOT = "few-shot.png";
    public static final String LEARNING = "learning-curve.png";
    public static final String BY_STEPS = "mae-by-steps.png";
    public static final String PREQUENTIAL = "prequential.png";
    public static final String RANKING_RECALL = "ranking-recall10.png";
    public static final String RANKING_NDCG = "ranking-ndcg10.png";

    private Plots() {}

    public static List<String> writeAll(Path dir, Results r) {
        List<String> written = new ArrayList<>();
        write(dir, fewShot(r), FEW_SHOT, written);
        write(dir, rankingCurve(r, "Recall@10"), RANKING_RECALL, written);
        write(dir, rankingCurve(r, "nDCG@10"), RANKING_NDCG, written);
        write(dir, fromSeries(r, "learning-curve", "Learning curves (first seed)", "outer step", "loss (MSE)"), LEARNING, written);
        write(dir, bySteps(r), BY_STEPS, written);
        write(dir, fromSeries(r, "prequential", "Prequential error on drifting users (event 0 = taste change)", "events since the change", "mean absolute error"), PREQUENTIAL, written);
        return written;
    }

    private static void write(Path dir, LineChart chart, String name, List<String> written) {
        if (chart.isEmpty()) return;
        chart.writePng(dir.resolve(name));
        written.add(name);
    }

    static LineChart fewShot(Results r) {
        LineChart c = new LineChart("Few-shot curve (time-ordered, strict): MAE by support size", "support events k", "MAE");
        Map<String, TreeMap<Integer, Summary>> lines = new LinkedHashMap<>();
        Map<Results.Key, Summary> s = r.summaries(k -> k.protocol().equals("time-ordered") && k.variant().equals("strict")
                && k.metric().equals("MAE") && k.scenario().startsWith("k="));
        List<String> adaptive = s.keySet().stream().filter(k -> k.steps() > 0).map(Results.Key::method).distinct().toList();
        int maxSteps = s.keySet().stream().mapToInt(Results.Key::steps).max().orElse(0);
        s.forEach((k, v) -> {
            boolean shown = k.steps() == 0 || (k.steps() == r.kSteps(k.method()) && maxSteps > 0);
            if (!shown) return;
            String name = adaptive.contains(k.method()) ? k.method() + " @" + k.steps() : k.method();
            lines.computeIfAbsent(name, x -> new TreeMap<>()).put(Integer.parseInt(k.scenario().substring(2)), v);
        });
        lines.forEach((name, pts) -> c.add(line(name, pts)));
        return c;
    }

    /** The note a {@code ranking-validation} run leaves in its results: its ranking users are the training period's latest. */
    public static final String TRAINING_PERIOD = "ranking on the training period";

    /**
     * The few-shot ranking curve of one metric against support size k, with only the lines that matter:
     * every baseline (method and step count) that is the best baseline at some k, every metarec method
     * (name starting with "metarec") at its largest step count, and, dashed, the best of those at 0
     * steps (adapted vs not). 95% bands; the y range is set by these lines.
     */
    static LineChart rankingCurve(Results r, String metric) {
        String users = r.notes().containsKey(TRAINING_PERIOD) ? "the training period's latest users" : "new users";
        LineChart c = new LineChart("Few-shot ranking curve (" + users + ", full catalogue): " + metric + " by support size", "support events k", metric);
        Map<Results.Key, Summary> s = r.summaries(k -> k.protocol().equals("ranking") && k.variant().equals("strict") && k.metric().equals(metric)
                && k.scenario().startsWith("k="));
        Map<String, TreeMap<Integer, Summary>> all = new LinkedHashMap<>();
        Map<String, Integer> maxSteps = new LinkedHashMap<>();
        s.forEach((k, v) -> maxSteps.merge(k.method(), k.steps(), Math::max));
        s.forEach((k, v) -> all.computeIfAbsent(k.method() + "\u0000" + k.steps(), x -> new TreeMap<>()).put(Integer.parseInt(k.scenario().substring(2)), v));
        java.util.Set<String> bestBaselines = new java.util.LinkedHashSet<>();
        java.util.Set<Integer> ks = new java.util.TreeSet<>();
        all.values().forEach(p -> ks.addAll(p.keySet()));
        for (int k : ks) {
            String best = null;
            for (Map.Entry<String, TreeMap<Integer, Summary>> e : all.entrySet()) {
                if (e.getKey().startsWith("metarec") || !e.getValue().containsKey(k)) continue;
                if (best == null || e.getValue().get(k).mean() > all.get(best).get(k).mean()) best = e.getKey();
            }
            if (best != null) bestBaselines.add(best);
        }
        for (String key : bestBaselines) c.add(line(label(key, maxSteps), all.get(key)));
        String bestOurs = null;
        for (Map.Entry<String, TreeMap<Integer, Summary>> e : all.entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
            if (!method.startsWith("metarec") || !e.getKey().equals(method + "\u0000" + maxSteps.get(method))) continue;
            c.add(line(label(e.getKey(), maxSteps), e.getValue()));
            if (bestOurs == null || meanOverK(e.getValue()) > meanOverK(all.get(bestOurs))) bestOurs = e.getKey();
        }
        if (bestOurs != null && maxSteps.get(bestOurs.substring(0, bestOurs.indexOf('\u0000'))) > 0) {
            String zero = bestOurs.substring(0, bestOurs.indexOf('\u0000')) + "\u0000" + 0;
            if (all.containsKey(zero)) {
                LineChart.Line l = line(label(zero, maxSteps), all.get(zero));
                c.add(new LineChart.Line(l.name(), l.x(), l.y(), l.low(), l.high(), true));
            }
        }
        return c;
    }

    private static String label(String key, Map<String, Integer> maxSteps) {
        String method = key.substring(0, key.indexOf('\u0000'));
        int steps = Integer.parseInt(key.substring(key.indexOf('\u0000') + 1));
        return maxSteps.get(method) > 0 ? method + " @" + steps : method;
    }

    private static double meanOverK(TreeMap<Integer, Summary> pts) {
        return pts.values().stream().mapToDouble(Summary::mean).average().orElse(Double.NEGATIVE_INFINITY);
    }

    static LineChart bySteps(Results r) {
        LineChart c = new LineChart("MAE by adaptation steps (MeLU protocol, strict)", "inner steps", "MAE");
        Map<Results.Key, Summary> s = r.summaries(k -> k.protocol().startsWith("melu") && k.variant().equals("strict") && k.metric().equals("MAE"));
        String scenario = s.keySet().stream().map(Results.Key::scenario).findFirst().orElse(null);
        Map<String, TreeMap<Integer, Summary>> lines = new LinkedHashMap<>();
        s.forEach((k, v) -> {
            if (k.scenario().equals(scenario)) lines.computeIfAbsent(k.method(), x -> new TreeMap<>()).put(k.steps(), v);
        });
        lines.forEach((name, pts) -> { if (pts.size() > 1) c.add(line(name + " (" + scenario + ")", pts)); });
        return c;
    }

    private static LineChart.Line line(String name, TreeMap<Integer, Summary> pts) {
        double[] x = pts.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
        double[] y = pts.values().stream().mapToDouble(Summary::mean).toArray();
        double[] lo = pts.values().stream().mapToDouble(v -> Double.isNaN(v.halfWidth()) ? v.mean() : v.low()).toArray();
        double[] hi = pts.values().stream().mapToDouble(v -> Double.isNaN(v.halfWidth()) ? v.mean() : v.high()).toArray();
        return new LineChart.Line(name, x, y, lo, hi);
    }

    static LineChart fromSeries(Results r, String plot, String title, String xLabel, String yLabel) {
        LineChart c = new LineChart(title, xLabel, yLabel);
        for (Results.Series s : r.series()) if (s.plot().equals(plot)) c.add(new LineChart.Line(s.name(), s.x(), s.y()));
        return c;
    }
}
