package io.latentlab.cli;

import io.latentlab.data.MnistData;
import io.latentlab.study.GridSearch;
import io.latentlab.study.ParallelGridSearch;
import io.latentlab.study.GridSearchReport;
import io.latentlab.study.GridSearchResume;
import io.latentlab.study.MeanImageBaseline;
import io.latentlab.training.TrainingControl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** LR x WD grid search with k-fold cross-validation. */
@Command(name = "grid-search",
        description = "Grid search over learning rate and weight decay with k-fold "
                + "cross-validation; prints progress and a table, writes a CSV.")
final class GridSearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Mixin
    EdOption ed;

    @Option(names = "--lr", split = ",", defaultValue = "1e-2,1e-3,1e-4",
            description = "Learning rates, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Double> lr;

    @Option(names = "--wd", split = ",", defaultValue = "1e-3,1e-4,1e-5",
            description = "Weight decays, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Double> wd;

    @Option(names = "--folds", defaultValue = "3", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs per fit, no early stopping (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Mixin
    BatchOption batch;

    @Mixin
    TrainingSubsetOptions subset;

    @Mixin
    WorkersOption workers;

    @Mixin
    ClusterSearchOptions cluster;

    @Option(names = "--max-loss", defaultValue = "0.1", description = "Discard a setting whose final validation MSE on any fold is above this (default: ${DEFAULT-VALUE}).")
    double maxLoss;

    @Option(names = "--oscillation", defaultValue = "0.25",
            description = "Discard a setting whose validation MSE rises, summed over the last half of the epochs, by more than this fraction of that half's starting value (default: ${DEFAULT-VALUE}).")
    double oscillation;

    @Option(names = "--baseline-margin", defaultValue = "0.1", paramLabel = "FRACTION",
            description = "Discard a setting that never learned: its final validation MSE on a "
                    + "fold is not at least this fraction below that fold's mean-image baseline "
                    + "(the MSE of predicting every validation digit by the mean image of the "
                    + "fold's training digits); below 1, 0.1 = 10%% below, a negative margin "
                    + "accepts that much above (default: ${DEFAULT-VALUE}).")
    double baselineMargin;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv",
            description = "Summary CSV; the per-epoch curves go to FILE-curves.csv. Both are "
                    + "saved after every setting, the summary last, so an interrupted search "
                    + "loses at most the setting in progress.")
    Path out;

    @Option(names = "--resume", description = "Continue the search saved in --out: its "
            + "finished settings are kept, the others trained (the same grid, options and "
            + "data are required). With --cluster, the fits saved one by one in "
            + "FILE-fits.csv are kept too.")
    boolean resume;

    @Option(names = "--rerank", description = "Judge the search saved in --out again by "
            + "today's discard rule, without training, and rewrite both files: the fold "
            + "baselines are computed on --data, --max-loss, --oscillation and --baseline-margin "
            + "replace the file's when given; the grid is the file's.")
    boolean rerank;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        if (rerank) {
            return rerank(pw);
        }
        GridSearch.Options options = options();
        GridSearch.Result earlier = earlier(options, pw);
        MnistData mnist = data.load();
        List<GridSearch.SettingResult> finished = List.of();
        if (earlier != null) {
            GridSearchResume.checkData(out, earlier, mnist.checksum(), data.resolve());
            finished = earlier.settings();
            pw.printf(Locale.ROOT, "resuming %s: %d of %d settings already finished%n", out,
                    finished.size(), options.learningRates().size()
                    * options.weightDecays().size());
        }
        GridSearchReport.removeStaleTemps(out);
        TrainingControl control = new TrainingControl();
        // Ctrl+C or kill: stop after the current step; the finished settings are on disk
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            control.cancel();
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        GridSearch.Result result;
        try {
            // saved after every setting (both files, the summary committed last)
            GridSearch.Listener progress = p -> {
                pw.printf(Locale.ROOT, "fit %d/%d %s fold=%d epoch=%d/%d elapsed=%s eta=%s%n",
                        p.fit(), p.fits(), p.label(), p.fold() + 1, p.epoch(), p.epochs(),
                        duration(p.seconds()), duration(p.etaSeconds()));
                pw.flush();
            };
            GridSearch.SettingHook save = soFar -> GridSearchReport.write(soFar, out);
            if (cluster.given()) {
                // --workers 0 is allowed here: this process then only sends fits
                result = cluster.run(mnist, options, progress, control, finished, save, pw,
                        spec.commandLine().getParseResult(), out, resume);
            } else if (workers.workers() == 1) {
                result = GridSearch.run(mnist, options, progress, control, finished, save);
            } else {
                int n = workers.workers();
                pw.printf(Locale.ROOT, "workers=%d (fits side by side, %d PyTorch thread%s each)%n",
                        n, workers.threadsPerWorker(), workers.threadsPerWorker() == 1 ? "" : "s");
                result = ParallelGridSearch.run(mnist, options, n, workers.threadsPerWorker(),
                        progress, control, finished, save);
            }
        } catch (GridSearch.Cancelled c) {
            int done = c.partial().settings().size();
            pw.println("cancelled: " + done + " of " + options.learningRates().size()
                    * options.weightDecays().size() + " settings finished"
                    + (done == 0 ? "" : ", saved in " + out.toAbsolutePath().normalize()
                    + "; continue with --resume"));
            pw.flush();
            return LatentLabCli.EXIT_ERROR;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        pw.println("seed=" + options.seed());
        pw.print(GridSearchReport.table(result));
        pw.println("saved=" + out.toAbsolutePath().normalize());
        pw.println("curves=" + GridSearchReport.curvesPath(out).toAbsolutePath().normalize());
        pw.flush();
        return 0;
    }

    /**
     * The search's options from the command line.
     *
     * @return the options
     * @throws IllegalArgumentException naming an invalid option
     */
    GridSearch.Options options() {
        return GridSearch.Options.builder(ed.value).learningRates(lr).weightDecays(wd)
                .folds(folds).epochs(epochs).batchSize(batch.value).seed(subset.seed.value)
                .trainLimit(subset.trainLimit).maxLoss(maxLoss).oscillation(oscillation)
                .baselineMargin(baselineMargin).build();
    }

    /**
     * {@code --rerank}: the saved search judged again, its grid unchanged, the thresholds given
     * on the command line replacing the file's. Only a file {@link GridSearchReport#read} takes
     * for a grid-search summary is rewritten.
     */
    private int rerank(PrintWriter pw) throws IOException {
        if (resume) {
            throw new IllegalArgumentException("--rerank and --resume do not go together: "
                    + "--rerank trains nothing");
        }
        if (!Files.exists(out)) {
            throw new IllegalArgumentException(out + ": no such file (--rerank judges a saved "
                    + "search again)");
        }
        GridSearch.Result earlier = GridSearchReport.read(out);
        ParseResult given = spec.commandLine().getParseResult();
        GridSearch.Options options = earlier.options().toBuilder()
                .maxLoss(given.hasMatchedOption("--max-loss") ? maxLoss
                        : earlier.options().maxLoss())
                .oscillation(given.hasMatchedOption("--oscillation") ? oscillation
                        : earlier.options().oscillation())
                .baselineMargin(given.hasMatchedOption("--baseline-margin") ? baselineMargin
                        : earlier.options().baselineMargin()).build();
        // the grid options are checked only when given: their defaults are not the file's
        GridSearchResume.checkGrid(out, earlier, options(), given::hasMatchedOption);
        MnistData mnist = data.load();
        if (earlier.dataSha256() == null) {
            pw.println("note: " + out + " does not record its data; the mean-image baselines "
                    + "are computed on " + data.resolve());
        } else {
            GridSearchResume.checkData(out, earlier, mnist.checksum(), data.resolve());
        }
        GridSearch.Result result = GridSearch.rerank(earlier, options,
                MeanImageBaseline.perFold(mnist.train(), options));
        GridSearchReport.removeStaleTemps(out);
        GridSearchReport.write(result, out);
        pw.printf(Locale.ROOT, "re-ranked %s: %d of %d settings discarded (the file had %d)%n",
                out, discarded(result), result.settings().size(), discarded(earlier));
        pw.print(GridSearchReport.table(result));
        pw.println("seed=" + options.seed());
        pw.println("saved=" + out.toAbsolutePath().normalize());
        pw.println("curves=" + GridSearchReport.curvesPath(out).toAbsolutePath().normalize());
        pw.flush();
        return 0;
    }

    private static long discarded(GridSearch.Result r) {
        return r.settings().stream().filter(GridSearch.SettingResult::discarded).count();
    }

    /**
     * The search an earlier run saved in --out (with --resume), checked against these options
     * before the data is loaded; null when there is none. Refuses to overwrite one.
     */
    private GridSearch.Result earlier(GridSearch.Options options, PrintWriter pw)
            throws IOException {
        if (!Files.exists(out)) {
            if (resume) {
                pw.println("resume: " + out + " does not exist yet, starting the whole grid");
            }
            return null;
        }
        if (!resume) {
            throw new IllegalArgumentException(out + ": already exists (use --resume to continue "
                    + "that search, or another --out)");
        }
        GridSearch.Result earlier = GridSearchReport.read(out);
        GridSearchResume.checkOptions(out, earlier, options);
        return earlier;
    }

    /** e.g. 0s, 42s, 3m05s, 2h07m. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
