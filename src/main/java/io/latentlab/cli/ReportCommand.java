package io.latentlab.cli;

import io.latentlab.data.AppDirs;
import io.latentlab.data.MnistData;
import io.latentlab.model.ModelStore;
import io.latentlab.report.ReportWriter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a report (figures, tables, index.md) of one or more saved models. */
@Command(name = "report",
        description = "Write a study report of saved models into a folder: loss curves, "
                + "latent scatter plots, reconstruction grids, MSE per ED, noise table and "
                + "MSE-vs-sigma, latent metrics, optionally a grid search; index.md links all.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (created).")
    Path out;

    @Option(names = "--force",
            description = "Write into an --out folder that holds files other than an earlier report.")
    boolean force;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Checkpoint folder (repeatable; default: every folder in ./models "
                    + "with a model.properties).")
    List<Path> models;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Folder searched for checkpoints when no --model is given "
                    + "(default: models, or the installed app's).")
    Path modelsDir;

    @Mixin
    LimitOption testDigits;

    @Mixin
    NoiseOptions noiseOptions;

    @Option(names = "--grid", paramLabel = "FILE.csv",
            description = "A grid-search summary CSV to include; repeat for several (e.g. one "
                    + "per ED).")
    List<Path> grids;

    @Option(names = "--digits", defaultValue = "8",
            description = "Test digits per reconstruction grid (default: ${DEFAULT-VALUE}).")
    int digits;

    @Mixin
    KnnOption knnTrain;

    @Override
    public Integer call() throws Exception {
        // Java2D only: never try to open a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + ": is a file; --out needs a folder");
        }
        ReportWriter.checkTarget(out, force);
        ReportWriter.Options opts = new ReportWriter.Options(testDigits.value(),
                noiseOptions.seed.value, noiseOptions.clip, grids, digits, knnTrain.value);
        Path searched = modelsDir != null ? modelsDir : AppDirs.shipped("models");
        List<Path> dirs = models != null && !models.isEmpty() ? models
                : discover(searched);
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("no models: give --model DIR or put checkpoint "
                    + "folders (with " + ModelStore.META + ") in "
                    + searched.toAbsolutePath().normalize());
        }
        MnistData mnist = data.load();
        PrintWriter pw = spec.commandLine().getOut();
        ReportWriter.Report report = ReportWriter.write(out, dirs, mnist, opts, line -> {
            pw.println(line);
            pw.flush();
        });
        pw.println("seed=" + opts.seed());
        pw.println("saved=" + report.index().toAbsolutePath().normalize());
        pw.flush();
        return 0;
    }

    /**
     * The checkpoint folders directly inside {@code root}, sorted by name.
     *
     * @param root folder to search
     * @return folders holding a {@code model.properties}; empty if {@code root} does not exist
     * @throws IOException if listing fails
     */
    static List<Path> discover(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(ModelStore::isCheckpoint).sorted()
                    .toList();
        }
    }
}
