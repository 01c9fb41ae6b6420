package dev.metarec.eval;

import dev.metarec.eval.data.Datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command-line options of {@link EvaluateCommand}. Unknown options and bad values are rejected with a
 * message naming the option and what it accepts.
 */
public record EvaluateOptions(String dataset, Path data, List<String> protocols, int seeds, Path out, boolean quick,
                              Integer epochs, Integer innerSteps, List<String> learners, Integer newFromYear, int threads, String network,
                              double supportShrinkage, List<Double> shrinkageGrid, boolean baselinesOnly, boolean servedOnly, long firstSeed) {

    /** What {@code --protocol all} runs. */
    public static final List<String> PROTOCOLS = List.of("melu", "melu-split", "time-ordered", "ranking", "drift");
    /** Every protocol name: {@link #PROTOCOLS} and {@code ranking-validation} (for choosing designs, never in "all"). */
    public static final List<String> ACCEPTED = java.util.stream.Stream.concat(PROTOCOLS.stream(), java.util.stream.Stream.of("ranking-validation")).toList();
    public static final List<String> LEARNERS = List.of("maml", "fomaml", "reptile", "metasgd");

    public static final String USAGE = """
            usage: evaluate --dataset <ml-100k|ml-1m|ml-latest-small|custom|synthetic> [--data <dir>]
                            [--protocol melu,melu-split,time-ordered,ranking,drift|all] [--seeds 5] [--first-seed 1] [--out eval-out]
                                        (ranking-validation: the ranking protocol on the training-period users only,
                                         its test users the latest of them: for choosing designs)
                            [--quick] [--epochs N] [--inner-steps K] [--learners maml,fomaml,reptile,metasgd]
                            [--new-from-year YEAR] [--threads T] [--network melu|medium|small]
                            [--support-shrinkage TAU]   (tau >= 0 of meta-training's inner loss sum/(n+tau); default 0;
                                                          adaptation's tau is then chosen on validation users)
                            [--shrinkage-grid 0,1,2,5,10,20,50]   (candidate adaptation tau; "0" with
                                                          --support-shrinkage 0 turns shrinkage off)
                            [--baselines-only]   (ranking protocol: only popularity, recent popularity, attribute popularity, item-kNN,
                                                          EASE and random; no networks)
                            [--served-only]   (ranking protocol: those baselines and what /recommend serves,
                                                          "metarec served"; no research networks)
            """;

    public static EvaluateOptions parse(String... args) {
        String dataset = null, network = null;
        Path data = null, out = Path.of("eval-out");
        List<String> protocols = List.of("melu");
        Integer seeds = null, epochs = null, innerSteps = null, year = null;
        int threads = 1;
        long firstSeed = 1;
        double tau = 0;
        List<Double> grid = dev.metarec.eval.method.NetworkSettings.SHRINKAGE_GRID;
        boolean quick = false, baselinesOnly = false, servedOnly = false;
        List<String> learners = LEARNERS;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--baselines-only" -> baselinesOnly = true;
                case "--served-only" -> servedOnly = true;
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> {
                    if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value\n" + USAGE);
                    String v = args[++i];
                    switch (a) {
                        case "--dataset" -> dataset = oneOf("--dataset", v, Datasets.NAMES);
                        case "--data" -> data = Path.of(v);
                        case "--protocol" -> protocols = v.equals("all") ? PROTOCOLS : listOf("--protocol", v, ACCEPTED);
                        case "--seeds" -> seeds = positive("--seeds", v);
                        case "--first-seed" -> firstSeed = positive("--first-seed", v);
                        case "--out" -> out = Path.of(v);
                        case "--epochs" -> epochs = positive("--epochs", v);
                        case "--inner-steps" -> innerSteps = positive("--inner-steps", v);
                        case "--learners" -> learners = listOf("--learners", v, LEARNERS);
                        case "--new-from-year" -> year = positive("--new-from-year", v);
                        case "--threads" -> threads = positive("--threads", v);
                        case "--support-shrinkage" -> tau = nonNegative("--support-shrinkage", v);
                        case "--shrinkage-grid" -> {
                            List<Double> g = new ArrayList<>();
                            for (String x : v.split(",")) g.add(nonNegative("--shrinkage-grid", x.trim()));
                            grid = List.copyOf(g);
                        }
                        case "--network" -> network = oneOf("--network", v, List.of("melu", "medium", "small"));
                        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                    }
                }
            }
        }
        if (dataset == null) throw new IllegalArgumentException("--dataset is required\n" + USAGE);
        if (data == null && !dataset.equals("synthetic")) throw new IllegalArgumentException("--data <dir> is required for dataset " + dataset);
        return new EvaluateOptions(dataset, data, protocols, seeds != null ? seeds : quick ? 2 : 5, out, quick, epochs, innerSteps,
                learners, year, threads, network != null ? network : quick ? "small" : "melu", tau, grid, baselinesOnly, servedOnly, firstSeed);
    }

    private static String oneOf(String option, String v, List<String> allowed) {
        if (!allowed.contains(v)) throw new IllegalArgumentException(option + " must be one of " + allowed + ", was '" + v + "'");
        return v;
    }

    private static List<String> listOf(String option, String v, List<String> allowed) {
        List<String> out = new ArrayList<>();
        for (String x : v.toLowerCase(Locale.ROOT).split(",")) out.add(oneOf(option, x.trim(), allowed));
        return out;
    }

    private static double nonNegative(String option, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!(d >= 0) || !Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a finite number >= 0, was '" + v + "'");
        }
    }

    private static int positive(String option, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a positive integer, was '" + v + "'");
        }
    }
}
