package io.latentlab.cli;

import io.latentlab.analysis.LatentTrail;
import io.latentlab.data.AppDirs;
import io.latentlab.data.Corruption;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.Monitor;
import io.latentlab.model.AtomicFiles;
import io.latentlab.model.ModelStore;
import io.latentlab.training.RunCheckpoint;
import io.latentlab.training.RunFolders;
import io.latentlab.training.RunLock;
import io.latentlab.training.StopReason;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingControl;
import io.latentlab.training.TrainingEvent;
import io.latentlab.training.TrainingLoop;
import io.latentlab.training.TrainingResult;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Trains a model headless, one line per epoch. */
@Command(name = "train", description = "Train a model; prints one line per epoch and the saved path.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Mixin
    EdOption ed;

    @Option(names = "--lr", defaultValue = "1e-2", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--wd", defaultValue = "1e-5", description = "Weight decay, L2 as in PyTorch's Adam (default: ${DEFAULT-VALUE}).")
    double wd;

    @Mixin
    BatchOption batch;

    @Option(names = "--max-epochs", defaultValue = "2000", description = "Epoch limit (default: ${DEFAULT-VALUE}).")
    int maxEpochs;

    @Option(names = "--patience", defaultValue = "100", description = "Early-stopping window in epochs, 0 = off (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--tolerance", defaultValue = "1e-4", description = "Smallest improvement over the window (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Mixin
    TrainingSubsetOptions subset;

    @Option(names = "--val-fraction", defaultValue = "0.1", description = "Held-out validation fraction (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--monitor", defaultValue = "validation",
            description = "Loss for early stopping and best weights: validation, test (as the study did) or train (default: ${DEFAULT-VALUE}).")
    String monitor;

    @Option(names = "--corrupt", paramLabel = "NOISE[,NOISE...]", defaultValue = "none",
            description = "Denoising training: corrupt every batch's inputs afresh with this noise, or with one drawn per digit from a comma list (gaussian:SIGMA, uniform, occlusion:SIZE[:quadrant|:partial]); the targets stay clean and the validation loss is taken on corrupted inputs (default: ${DEFAULT-VALUE}).")
    String corrupt;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/ed<ED>-<time>).")
    Path out;

    @Option(names = "--force",
            description = "Train into an --out folder that holds files Latent Lab did not write there (a model saved elsewhere, other files); they may be replaced.")
    boolean force;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run saved in DIR with its own settings; only --max-epochs may be changed (other training options are ignored, --out may only name DIR).")
    Path resume;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        // every option is checked before the data is read
        TrainingConfig fresh = resume == null ? config() : null;
        Path dir = resume != null ? resumeDir() : out != null ? out
                : RunFolders.create(AppDirs.runs(), fresh.encodingDim(), LocalDateTime.now());
        // the folder's one owner from here to the end; a second training is refused untouched
        try (RunLock lock = RunLock.acquire(dir)) {
            return train(fresh, dir, pw);
        }
    }

    private Integer train(TrainingConfig fresh, Path dir, PrintWriter pw) throws Exception {
        if (fresh != null) {
            checkNewRunDir(dir);
        } else if (!Files.exists(dir.resolve(ModelStore.META))) {
            throw new IllegalArgumentException(dir + ": no epoch was saved before the run stopped "
                    + "(nothing to resume); start it again with --out " + dir);
        }
        RunCheckpoint checkpoint = new RunCheckpoint(dir);
        MnistData mnist = data.load();
        TrainingControl control = new TrainingControl();
        // Ctrl+C or kill: stop after the current batch and let the loop record the outcome
        // before the JVM exits (the last finished epoch is already on disk)
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
        TrainingResult result;
        try {
            result = fresh == null ? resume(checkpoint, mnist, pw, control)
                    : start(fresh, checkpoint, mnist, pw, control);
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        pw.println(result.message());
        if (result.bestEpoch() > 0) {
            pw.println("saved=" + checkpoint.dir().toAbsolutePath().normalize());
        }
        pw.flush();
        return result.reason() == StopReason.DIVERGED ? LatentLabCli.EXIT_ERROR : 0;
    }

    /** The folder of a resumed run; --out may only name that same folder. */
    private Path resumeDir() {
        if (out != null && !out.toAbsolutePath().normalize()
                .equals(resume.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--out " + out + " cannot be used with --resume: "
                    + "the run continues in its own folder " + resume);
        }
        return resume;
    }

    /**
     * A new run goes into an empty folder (one left by a run stopped before its first commit
     * counts as empty): never over a run, and over other files only with --force.
     */
    private void checkNewRunDir(Path dir) throws java.io.IOException {
        if (Files.exists(dir.resolve(ModelStore.META))) {
            boolean run = ModelStore.readMetadata(dir).get("config.ed") != null;
            if (run) {
                throw new IllegalArgumentException(dir + ": already holds a run (use --resume "
                        + dir + " to continue it, or another --out)");
            }
        }
        if (force) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            java.util.List<String> foreign = files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals(RunLock.FILE) && !AtomicFiles.isTemp(n)).sorted()
                    .toList();
            if (!foreign.isEmpty()) {
                throw new IllegalArgumentException(dir + ": not empty (" + String.join(", ",
                        foreign.subList(0, Math.min(3, foreign.size())))
                        + (foreign.size() > 3 ? ", ..." : "") + "); choose another --out, or "
                        + "add --force to train into it anyway");
            }
        }
    }

    private TrainingResult start(TrainingConfig config, RunCheckpoint checkpoint,
            MnistData mnist, PrintWriter pw, TrainingControl control) throws Exception {
        printSettings(pw, config);
        try (Autoencoder model = Autoencoder.create(config.encodingDim(), config.seed())) {
            return new TrainingLoop(config, mnist, event -> print(pw, event), control)
                    .latentTrail(new LatentTrail(mnist.test(), LatentTrail.POINTS))
                    .run(model, checkpoint);
        }
    }

    private TrainingResult resume(RunCheckpoint checkpoint, MnistData mnist, PrintWriter pw,
            TrainingControl control) throws Exception {
        RunCheckpoint.State state = checkpoint.load();
        TrainingConfig config = state.config();
        if (spec.commandLine().getParseResult().hasMatchedOption("--max-epochs")) {
            config = config.withMaxEpochs(maxEpochs);
        }
        pw.printf(Locale.ROOT, "resuming %s at epoch %d%n", resume, state.history().size() + 1);
        // the run's own seed, whatever --seed says
        printSettings(pw, config);
        RunCheckpoint.State resumed = new RunCheckpoint.State(config, state.datasetChecksum(),
                state.history(), state.lastParams(), state.optimizer(), state.bestParams());
        try (Autoencoder model = Autoencoder.create(config.encodingDim(), config.seed())) {
            return new TrainingLoop(config, mnist, event -> print(pw, event), control)
                    .latentTrail(new LatentTrail(mnist.test(), LatentTrail.POINTS))
                    .resume(model, checkpoint, resumed);
        }
    }

    /**
     * The settings of a new run from the options.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming an invalid option
     */
    TrainingConfig config() {
        Monitor mon;
        try {
            mon = Monitor.valueOf(monitor.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--monitor must be validation, test or train, got '"
                    + monitor + "'");
        }
        return TrainingConfig.builder(ed.value).learningRate(lr).weightDecay(wd)
                .batchSize(batch.value).maxEpochs(maxEpochs).patience(patience)
                .tolerance(tolerance).seed(subset.seed.value).trainLimit(subset.trainLimit)
                .valFraction(valFraction).monitor(mon).evaluateTest(true)
                .corruption(corruption()).build();
    }

    private Corruption corruption() {
        try {
            return Corruption.parse(corrupt);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--corrupt: " + e.getMessage(), e);
        }
    }

    private static void printSettings(PrintWriter pw, TrainingConfig config) {
        pw.println("seed=" + config.seed());
        if (!config.corruption().isNone()) {
            pw.println("corrupt=" + config.corruption().spec());
        }
    }

    private static void print(PrintWriter pw, TrainingEvent event) {
        if (event instanceof TrainingEvent.EpochEnd e) {
            EpochMetrics m = e.metrics();
            pw.printf(Locale.ROOT, "epoch=%d train_mse=%.6f val_mse=%.6f test_mse=%.6f seconds=%.2f%s%n",
                    m.epoch(), m.trainMse(), m.valMse(), m.testMse(), m.seconds(), m.best() ? " best" : "");
            pw.flush();
        } else if (event instanceof TrainingEvent.Failed f) {
            pw.println("failed: " + f.message());
            pw.flush();
        }
    }
}
