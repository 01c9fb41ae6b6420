package dev.metarec.eval;

import dev.metarec.eval.data.Dataset;
import dev.metarec.eval.data.Datasets;
import dev.metarec.eval.method.Budget;
import dev.metarec.eval.method.NetworkSettings;
import dev.metarec.eval.method.Progress;
import dev.metarec.eval.protocol.MeluProtocol;
import dev.metarec.eval.protocol.MeluSplitProtocol;
import dev.metarec.eval.protocol.TimeOrderedProtocol;
import dev.metarec.eval.report.ProgressBar;
import dev.metarec.eval.report.ReportWriter;
import dev.metarec.eval.report.Results;
import dev.metarec.eval.run.DriftExperiment;
import dev.metarec.eval.run.RankingExperiment;
import dev.metarec.eval.run.RatingExperiment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * The evaluation tool: loads a data set, runs the chosen protocols over seeds with every floor,
 * baseline and metarec learner, shows a progress bar with ETA on stderr while training, and writes
 * report.md, results.csv, summary.csv, results.json and PNG plots into {@code --out}.
 * Usage: {@link EvaluateOptions#USAGE}.
 */
public final class EvaluateCommand {
    private EvaluateCommand() {}

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            System.out.print(EvaluateOptions.USAGE);
            return;
        }
        EvaluateOptions options;
        try {
            options = EvaluateOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(options, String.join(" ", args), System.err, ProgressBar.stderr(""));
    }

    /** Runs the evaluation and returns the output directory. */
    public static Path run(EvaluateOptions o, String commandLine, PrintStream log, Progress progress) {
        Instant started = Instant.now();
        Dataset data = Datasets.load(o.dataset(), o.data(), 0);
        Budget budget = budget(o);
        NetworkSettings base = switch (o.network()) {
            case "small" -> NetworkSettings.small();
            case "medium" -> NetworkSettings.medium();
            default -> NetworkSettings.melu();
        };
        NetworkSettings settings = base.withSupportShrinkage(o.supportShrinkage()).withShrinkageGrid(o.shrinkageGrid());
        List<Long> seeds = LongStream.range(o.firstSeed(), o.firstSeed() + o.seeds()).boxed().toList();
        Results results = new Results();
        List<String> header = new ArrayList<>();
        header.add("- Command: `evaluate " + commandLine + "`");
        header.add(String.format("- Data: %s — %d users, %d items, %d events", data.name(), data.users().size(), data.items().size(), data.events().size()));
        header.add("- Seeds: " + seeds + "; budget: " + budget + "; network: " + settings);
        header.add("- Machine: " + Runtime.getRuntime().availableProcessors() + " cores visible to the JVM, Java " + Runtime.version());
        var methods = MethodSuite.rating(o.learners(), settings, true);
        for (String protocol : o.protocols()) {
            log.println("== protocol " + protocol + " on " + data.name());
            switch (protocol) {
                case "melu" -> {
                    MeluProtocol p = MeluProtocol.melu(newFrom(o, data));
                    header.add("- MeLU protocol: items released at or after " + p.newFrom() + " are new; " + p);
                    RatingExperiment.run(new RatingExperiment.Spec("melu", seed -> p.split(data, seed), List.of(RatingExperiment.STRICT, RatingExperiment.WARM_UP)),
                            data, methods, seeds, budget, results, progress, log);
                }
                case "melu-split" -> RatingExperiment.run(new RatingExperiment.Spec("melu-split", seed -> MeluSplitProtocol.melu().split(data, seed),
                        List.of(RatingExperiment.STRICT, RatingExperiment.WARM_UP)), data, methods, seeds, budget, results, progress, log);
                case "time-ordered" -> {
                    TimeOrderedProtocol p = TimeOrderedProtocol.standard();
                    header.add("- Time-ordered protocol: " + p);
                    RatingExperiment.run(new RatingExperiment.Spec("time-ordered", seed -> p.split(data, seed), List.of(RatingExperiment.STRICT)),
                            data, methods, seeds, budget, results, progress, log);
                }
                case "ranking" -> {
                    header.add("- Ranking protocol: " + dev.metarec.eval.protocol.RankingProtocol.standard() + "; methods: "
                            + (o.baselinesOnly() ? "ranking baselines only (--baselines-only)" : o.servedOnly() ? "ranking baselines and metarec served (--served-only)"
                            : "ranking baselines, rating models, the implicit model and metarec served"));
                    RankingExperiment.run(data, MethodSuite.ranking(o.learners(), settings, o.baselinesOnly(), o.servedOnly()), seeds, budget, results, progress, log);
                }
                case "ranking-validation" -> {
                    var p = dev.metarec.eval.protocol.RankingProtocol.standard();
                    Dataset period = p.trainingPeriod(data);
                    results.note(dev.metarec.eval.report.Plots.TRAINING_PERIOD, period.users().size() + " of " + data.users().size()
                            + " users, the earliest by first event; its test users are the latest of them; no real test user's event is read");
                    RankingExperiment.run(period, MethodSuite.ranking(o.learners(), settings, o.baselinesOnly(), o.servedOnly()), seeds, budget, results, progress, log);
                }
                case "drift" -> {
                    int users = o.quick() ? 150 : 400;
                    header.add("- Drift: per seed a synthetic world of " + users + " users (40-80 ratings each, half of them change taste at a known event; "
                            + "70% train, 10% validation, drifting users among the rest replayed), prediction from the last 20 events, recency half-life 4 events");
                    DriftExperiment.run(driftMethods(o, settings), budget, users, seeds, results, progress, log);
                }
                default -> throw new IllegalArgumentException("unknown protocol " + protocol);
            }
        }
        header.add("- Wall time: " + Duration.between(started, Instant.now()).toSeconds() + " s; finished " + Instant.now().atZone(ZoneOffset.UTC));
        ReportWriter.write(o.out(), results, "metarec evaluation: " + data.name(), header, Set.of(0, budget.innerSteps()));
        log.println("report written to " + o.out().toAbsolutePath().resolve("report.md"));
        return o.out();
    }

    /** The adapting methods replayed on drifting users: the pooled network and the first chosen learner. */
    static List<dev.metarec.eval.method.RatingMethod> driftMethods(EvaluateOptions o, NetworkSettings settings) {
        List<dev.metarec.eval.method.RatingMethod> m = new ArrayList<>(List.of(new dev.metarec.eval.method.PooledNetwork(settings)));
        m.addAll(Learners.methods(o.learners().subList(0, Math.min(1, o.learners().size())), settings));
        return m;
    }

    static Budget budget(EvaluateOptions o) {
        Budget b = o.quick() ? Budget.quick() : Budget.standard();
        return new Budget(o.epochs() != null ? o.epochs() : b.epochs(), o.innerSteps() != null ? o.innerSteps() : b.innerSteps(),
                b.fmEpochs(), o.threads(), b.validationChecks());
    }

    /**
     * Start of the "new item" period: January 1st of --new-from-year, else of 1997 (ml-100k) or 1998
     * (ml-1m), as MeLU; otherwise the release time after which ~20% of the dated items were released.
     */
    static Instant newFrom(EvaluateOptions o, Dataset data) {
        Integer year = o.newFromYear() != null ? o.newFromYear() : data.name().equals("ml-100k") ? Integer.valueOf(1997) : data.name().equals("ml-1m") ? Integer.valueOf(1998) : null;
        if (year != null) return java.time.LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Instant> dated = data.items().stream().map(i -> i.releasedAt()).filter(java.util.Objects::nonNull).sorted().toList();
        if (dated.isEmpty()) return Instant.MAX;
        Instant cut = dated.get((int) Math.floor(dated.size() * 0.8));
        return cut.equals(dated.get(0)) ? cut.plusMillis(1) : cut;
    }
}
