package io.latentlab.cli;

import io.latentlab.data.MnistData;
import io.latentlab.model.ModelStore;
import io.latentlab.study.NoiseTable;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Noise robustness table of one or more saved models. */
@Command(name = "noise-table",
        description = "MSE of reconstructions of noisy test digits against the clean digits, "
                + "per model and noise kind; prints a Markdown table with the study's values, "
                + "then each model the study reports beside them.")
final class NoiseTableCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Mixin
    ModelsOption models;

    @Mixin
    LimitOption testDigits;

    @Mixin
    NoiseOptions noiseOptions;

    @Option(names = "--sigma-max", defaultValue = "2", description = "Largest sigma of the MSE-vs-sigma series (default: ${DEFAULT-VALUE}).")
    double sigmaMax;

    @Option(names = "--sigma-step", defaultValue = "0.1", description = "Sigma step of the series, 0 = no series (default: ${DEFAULT-VALUE}).")
    double sigmaStep;

    @Option(names = "--out", paramLabel = "FILE.csv",
            description = "Write the table as CSV, and the series to FILE-sigma.csv.")
    Path out;

    @Override
    public Integer call() throws Exception {
        int limit = testDigits.value();
        long seed = noiseOptions.seed.value;
        boolean clip = noiseOptions.clip;
        double[] sigmas = NoiseTable.sigmaGrid(sigmaMax, sigmaStep);
        MnistData mnist = data.load();
        List<ModelStore.Loaded> loaded = new ArrayList<>();
        try {
            List<NoiseTable.Entry> entries = new ArrayList<>();
            int[] eds = new int[models.dirs.size()];
            Set<String> names = new HashSet<>();
            for (Path dir : models.dirs) {
                ModelStore.Loaded l = ModelStore.load(dir);
                loaded.add(l);
                eds[loaded.size() - 1] = l.model().encodingDim();
                Path file = dir.toAbsolutePath().normalize().getFileName();
                String name = (file == null ? dir.toString() : file.toString())
                        + " (ED=" + l.model().encodingDim() + ")";
                // two folders with the same name: fall back to the path as given
                entries.add(new NoiseTable.Entry(names.add(name) ? name : dir.toString(),
                        l.model()));
            }
            NoiseTable table = NoiseTable.compute(entries, mnist.test(), limit, seed, clip, sigmas);
            PrintWriter pw = spec.commandLine().getOut();
            pw.printf("n=%d seed=%d clip=%s%n", table.count(), seed, clip);
            pw.print(table.markdown());
            String study = table.studyComparison(eds);
            if (!study.isEmpty()) {
                pw.println();
                pw.print(study);
            }
            if (out != null) {
                table.write(out);
                pw.println("saved=" + out.toAbsolutePath().normalize());
                if (sigmas.length > 0) {
                    pw.println("sigma_series=" + NoiseTable.sigmaPath(out).toAbsolutePath().normalize());
                }
            }
            pw.flush();
        } finally {
            for (ModelStore.Loaded l : loaded) {
                l.close();
            }
        }
        return 0;
    }
}
