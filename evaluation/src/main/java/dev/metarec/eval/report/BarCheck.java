package dev.metarec.eval.report;

import dev.metarec.eval.metrics.Summary;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the bars of issue 3 against a run's results and says plainly which are met, with numbers:
 * (1) MeLU protocol, every cold scenario and variant: metarec's best learner at k steps beats the
 * shrunk bias model by >= 3% MAE, and the user-support-mean floor, the pooled network without
 * adaptation and Tribuo FM, each with non-overlapping 95% intervals; (2) time-ordered protocol: k
 * steps beat 0 steps at every shot count; (3) full-candidate ranking: the implicit model beats
 * popularity on Recall@10 (capped, see RankingExperiment) for new users after 5 events. A bar whose data the run did not produce is reported as not run.
 */
public final class BarCheck {
    static final String BIAS = "bias model (shrunk)";
    static final String SUPPORT_MEAN = "user support mean";
    static final String POOLED = "pooled network";
    static final String FM = "Tribuo FM";

    private BarCheck() {}

    public static String markdown(Results r) {
        StringBuilder b = new StringBuilder("## Bar check (issue 3)\n\n");
        List<String> melu = r.distinct(ResultRow::protocol).stream().filter(p -> p.startsWith("melu")).toList();
        if (melu.isEmpty()) b.append("- MeLU-protocol bar: not run.\n");
        for (String protocol : melu) meluBar(r, protocol, b);
        fewShotBar(r, b);
        rankingBar(r, b);
        return b.toString();
    }

    private static void meluBar(Results r, String protocol, StringBuilder b) {
        b.append("| ").append(protocol).append(" variant | scenario | best metarec @k (MAE) | vs bias model (≥3%, CI apart) | vs user support mean | vs pooled @0 | vs Tribuo FM |\n|---|---|---|---|---|---|---|\n");
        Map<Results.Key, Summary> s = r.summaries(k -> k.protocol().equals(protocol) && k.metric().equals("MAE"));
        for (String variant : s.keySet().stream().map(Results.Key::variant).distinct().toList()) {
            for (String scenario : s.keySet().stream().map(Results.Key::scenario).distinct().toList()) {
                Results.Key best = null;
                for (Results.Key k : s.keySet()) {
                    if (!k.variant().equals(variant) || !k.scenario().equals(scenario) || !k.method().startsWith("metarec")) continue;
                    if (k.steps() != r.kSteps(k.method())) continue;
                    if (best == null || s.get(k).mean() < s.get(best).mean()) best = k;
                }
                if (best == null) { b.append("| ").append(variant).append(" | ").append(scenario).append(" | not run | | | | |\n"); continue; }
                Summary m = s.get(best);
                b.append("| ").append(variant).append(" | ").append(scenario).append(" | ").append(best.method()).append(" @").append(best.steps())
                        .append(": ").append(ReportWriter.cell(m)).append(" | ")
                        .append(compare(m, find(s, variant, scenario, BIAS, 0), 0.03)).append(" | ")
                        .append(compare(m, find(s, variant, scenario, SUPPORT_MEAN, 0), 0)).append(" | ")
                        .append(compare(m, find(s, variant, scenario, POOLED, 0), 0)).append(" | ")
                        .append(compare(m, find(s, variant, scenario, FM, 0), 0)).append(" |\n");
            }
        }
        b.append('\n');
    }

    private static Summary find(Map<Results.Key, Summary> s, String variant, String scenario, String method, int steps) {
        for (Map.Entry<Results.Key, Summary> e : s.entrySet()) {
            Results.Key k = e.getKey();
            if (k.variant().equals(variant) && k.scenario().equals(scenario) && k.method().equals(method) && k.steps() == steps) return e.getValue();
        }
        return null;
    }

    /** "met"/"NOT met" with the other's MAE and the relative gain; lower MAE is better. */
    static String compare(Summary ours, Summary other, double minGain) {
        if (other == null) return "not run";
        double gain = 1 - ours.mean() / other.mean();
        boolean apart = !Double.isNaN(ours.halfWidth()) && !Double.isNaN(other.halfWidth()) && ours.entirelyBelow(other);
        boolean met = apart && gain >= minGain;
        return String.format(Locale.ROOT, "%s (%.4f, %+.1f%%%s)", met ? "met" : "**NOT met**", other.mean(), 100 * gain, apart ? "" : ", CIs overlap");
    }

    private static void fewShotBar(Results r, StringBuilder b) {
        Map<Results.Key, Summary> s = r.summaries(k -> k.protocol().equals("time-ordered") && k.variant().equals("strict") && k.metric().equals("MAE")
                && k.method().startsWith("metarec"));
        if (s.isEmpty()) { b.append("- Few-shot bar (k steps beat 0 steps at every shot count): not run.\n"); return; }
        b.append("| time-ordered method | shots | MAE @0 | MAE @k | k steps better? |\n|---|---|---|---|---|\n");
        int failures = 0;
        for (Results.Key k : s.keySet()) {
            if (k.steps() != r.kSteps(k.method())) continue;
            Summary zero = s.get(new Results.Key(k.protocol(), k.variant(), k.scenario(), k.method(), 0, k.metric()));
            if (zero == null) continue;
            boolean better = s.get(k).mean() < zero.mean();
            if (!better) failures++;
            b.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f | %s |%n", k.method(), k.scenario(), zero.mean(), s.get(k).mean(), better ? "yes" : "**no**"));
        }
        b.append("\nFew-shot bar: ").append(failures == 0 ? "met" : "**NOT met** (" + failures + " shot counts where k steps do not beat 0 steps)").append(".\n\n");
    }

    private static void rankingBar(Results r, StringBuilder b) {
        Map<Results.Key, Summary> s = r.summaries(k -> k.protocol().equals("ranking") && k.metric().equals("Recall@10") && k.scenario().equals("k=5"));
        Summary pop = null, best = null;
        String bestName = null;
        for (Map.Entry<Results.Key, Summary> e : s.entrySet()) {
            if (e.getKey().method().equals("popularity")) pop = e.getValue();
            else if (e.getKey().method().startsWith("metarec implicit") && (best == null || e.getValue().mean() > best.mean())) { best = e.getValue(); bestName = e.getKey().method() + " @" + e.getKey().steps(); }
        }
        if (pop == null || best == null) { b.append("- Ranking bar (implicit model beats popularity on Recall@10 for new users): not run.\n"); return; }
        boolean met = pop.entirelyBelow(best);
        b.append(String.format(Locale.ROOT, "- Ranking bar: %s — %s Recall@10 %s vs popularity %s.%n", met ? "met" : "**NOT met**", bestName,
                ReportWriter.cell(best), ReportWriter.cell(pop)));
    }
}
