package io.latentlab.service;

import io.latentlab.data.MnistData;
import io.latentlab.report.ReportWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The study report for the app: {@link ReportWriter} over the saved models the app knows,
 * with the grid search on show, reporting each step and stopping between steps on a cancel.
 * Engine thread only (the writer loads the checkpoints and runs them).
 */
public final class ReportService {

    private ReportService() {
    }

    /**
     * Writes the report with {@link ReportWriter.Options#defaults()} (all test digits).
     *
     * @param outDir output folder (created; files of the same names are replaced)
     * @param modelDirs checkpoint folders of the models, at least one; duplicates are dropped
     * @param data MNIST
     * @param grid a grid-search summary CSV to include, or null
     * @param progress receives one line per step
     * @param cancelled checked between steps; true ends the writing
     * @return the index and every file written
     * @throws IOException if a model cannot be loaded or a file cannot be written
     * @throws CancellationException if cancelled (files written so far stay, each complete)
     */
    public static ReportWriter.Report write(Path outDir, List<Path> modelDirs, MnistData data,
            Path grid, Consumer<String> progress, BooleanSupplier cancelled) throws IOException {
        if (modelDirs.isEmpty()) {
            throw new IllegalArgumentException("no saved model to report on");
        }
        // the app never writes over files that are not an earlier report
        ReportWriter.checkTarget(outDir, false);
        ReportWriter.Options opts = ReportWriter.Options.defaults()
                .withGrids(grid == null ? List.of() : List.of(grid));
        return ReportWriter.write(outDir, modelDirs.stream().distinct().toList(), data, opts,
                line -> {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("report cancelled");
                    }
                    progress.accept(line);
                });
    }
}
