package dev.metarec.eval.report;

import dev.metarec.eval.metrics.PairedBootstrap;
import dev.metarec.eval.metrics.Summary;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bars of issue 10 on the few-shot ranking curve, said plainly with numbers. A "metarec" method is
 * one whose name starts with {@code metarec} (at any reported step count); every other method is a
 * baseline. (1) At every k, the best metarec Recall@10 and nDCG@10 are at least the best baseline's; at
 * k = 10 and 20 at least 5% above it with 95% intervals apart: over seeds, and over users (a paired bootstrap,
 * {@link PairedBootstrap}, when the run recorded each user's values). (2) For every k >= 3, each metarec method
 * adapted (its largest step count) beats itself at 0 steps on Recall@10. (3) New-item Recall@10 (new
 * items only) of the best metarec method is above attribute popularity, per variant and k; the best
 * baseline of any kind is shown beside it (with warm-up data, plain popularity is the stronger one).
 */
public final class RankingBars {
    static final String ATTRIBUTE_POPULARITY = "attribute popularity";
    /** The users' bootstrap draws from this seed, so a report is the same each time it is written. */
    static final long BOOTSTRAP_SEED = 1;

    private RankingBars() {}

    public static String markdown(Results r) {
        if (r.summaries(k -> k.protocol().equals("ranking")).isEmpty()) return "";
        StringBuilder b = new StringBuilder("## Bar check (issue 10, few-shot ranking)\n\n");
        b.append("Users' interval: the best metarec's mean over the best baseline's, minus 1, with its 95% paired bootstrap "
                + "interval over the test users (each user's value averaged over seeds; ").append(PairedBootstrap.RESAMPLES)
                .append(" resamples). At k = 10 and 20 \"intervals apart\" needs the seed intervals apart and this interval above 0.\n\n");
        b.append("| k | metric | best baseline | best metarec | users' interval | bar |\n|---|---|---|---|---|---|\n");
        for (String metric : List.of("Recall@10", "nDCG@10")) {
            for (Map.Entry<Integer, Map<Results.Key, Summary>> e : byK(r, "ranking", "strict", metric).entrySet()) {
                Map.Entry<Results.Key, Summary> base = best(e.getValue(), false), ours = best(e.getValue(), true);
                int k = e.getKey();
                PairedBootstrap users = base == null || ours == null ? null
                        : PairedBootstrap.of(r.userMeans(ours.getKey()), r.userMeans(base.getKey()), BOOTSTRAP_SEED);
                String bar;
                if (base == null || ours == null) bar = "not run";
                else {
                    double need = k >= 10 ? 1.05 * base.getValue().mean() : base.getValue().mean();
                    boolean apart = k < 10 || base.getValue().entirelyBelow(ours.getValue()) && (users == null || users.above());
                    bar = ours.getValue().mean() >= need && apart ? "met" : String.format(Locale.ROOT, "**NOT met** (%+.1f%%%s)",
                            100 * (ours.getValue().mean() / base.getValue().mean() - 1), k >= 10 ? ", needs +5% and CIs apart" : "");
                }
                b.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s |%n", k, metric, label(base), label(ours), users == null ? "—" : users, bar));
            }
        }
        b.append("\n| metarec method | k | Recall@10 @0 | Recall@10 adapted | adapted better? |\n|---|---|---|---|---|\n");
        for (Map.Entry<Integer, Map<Results.Key, Summary>> e : byK(r, "ranking", "strict", "Recall@10").entrySet()) {
            if (e.getKey() < 3) continue;
            for (Map.Entry<Results.Key, Summary> x : e.getValue().entrySet()) {
                Results.Key k = x.getKey();
                if (!k.method().startsWith("metarec") || k.steps() == 0) continue;
                if (e.getValue().keySet().stream().anyMatch(o -> o.method().equals(k.method()) && o.steps() > k.steps())) continue;
                Summary zero = e.getValue().get(new Results.Key(k.protocol(), k.variant(), k.scenario(), k.method(), 0, k.metric()));
                if (zero == null) continue;
                b.append(String.format(Locale.ROOT, "| %s @%d | %d | %s | %s | %s |%n", k.method(), k.steps(), e.getKey(), ReportWriter.cell(zero),
                        ReportWriter.cell(x.getValue()), x.getValue().mean() > zero.mean() ? "yes" : "**no**"));
            }
        }
        b.append("\n| variant | k | attribute popularity, new-item Recall@10 | best metarec | bar | best baseline of any kind |\n|---|---|---|---|---|---|\n");
        for (String variant : List.of("strict", "warm-up")) {
            for (Map.Entry<Integer, Map<Results.Key, Summary>> e : byK(r, "ranking-new-items", variant, "new-item Recall@10").entrySet()) {
                Map.Entry<Results.Key, Summary> attr = e.getValue().entrySet().stream().filter(x -> x.getKey().method().equals(ATTRIBUTE_POPULARITY)).findFirst().orElse(null);
                Map.Entry<Results.Key, Summary> ours = best(e.getValue(), true);
                String bar = attr == null || ours == null ? "not run" : ours.getValue().mean() > attr.getValue().mean() ? "met" : "**NOT met**";
                b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", variant, e.getKey(), label(attr), label(ours), bar,
                        label(best(e.getValue(), false))));
            }
        }
        return b.append('\n').toString();
    }

    /** Summaries of one protocol/variant/metric grouped by k (scenario "k=<k>"), ascending. */
    static TreeMap<Integer, Map<Results.Key, Summary>> byK(Results r, String protocol, String variant, String metric) {
        TreeMap<Integer, Map<Results.Key, Summary>> out = new TreeMap<>();
        r.summaries(k -> k.protocol().equals(protocol) && k.variant().equals(variant) && k.metric().equals(metric) && k.scenario().startsWith("k="))
                .forEach((k, v) -> out.computeIfAbsent(Integer.parseInt(k.scenario().substring(2)), x -> new java.util.LinkedHashMap<>()).put(k, v));
        return out;
    }

    /** The highest mean among metarec methods ({@code metarec} true) or among baselines. */
    static Map.Entry<Results.Key, Summary> best(Map<Results.Key, Summary> s, boolean metarec) {
        Map.Entry<Results.Key, Summary> best = null;
        for (Map.Entry<Results.Key, Summary> e : s.entrySet())
            if (e.getKey().method().startsWith("metarec") == metarec && (best == null || e.getValue().mean() > best.getValue().mean())) best = e;
        return best;
    }

    private static String label(Map.Entry<Results.Key, Summary> e) {
        if (e == null) return "—";
        boolean adapting = e.getKey().method().startsWith("metarec") || e.getKey().steps() > 0;
        return e.getKey().method() + (adapting ? " @" + e.getKey().steps() : "") + ": " + ReportWriter.cell(e.getValue());
    }
}
