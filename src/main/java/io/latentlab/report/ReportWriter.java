package io.latentlab.report;

import static io.latentlab.report.ReportContext.safeName;
import static io.latentlab.report.ReportContext.uniqueName;

import io.latentlab.analysis.LatentCodes;
import io.latentlab.analysis.LatentMetrics;
import io.latentlab.data.MnistData;
import io.latentlab.data.Seeds;
import io.latentlab.model.ModelStore;
import io.latentlab.study.NoiseTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes a study report of saved models into a folder: PNG figures, CSV and Markdown tables and
 * an {@code index.md} that links all of them.
 *
 * <p>Files written, for models named after their folders (e.g. {@code ed32}):
 * <ul>
 *   <li>per model: {@code loss-<name>.png} (only when the folder has a {@code history.csv}),
 *       {@code latent-<name>.png}, {@code recon-<name>.png};</li>
 *   <li>{@code mse-vs-ed.png}, {@code mse-per-ed.csv}, {@code mse-per-ed.md};</li>
 *   <li>{@code noise-table.csv}, {@code noise-table-sigma.csv}, {@code noise-table.md},
 *       {@code mse-vs-sigma.png};</li>
 *   <li>{@code latent-metrics.csv}, {@code latent-metrics.md};</li>
 *   <li>per grid-search summary CSV given, named after its file (e.g. {@code ed32.csv}):
 *       {@code grid-search-ed32.csv} and {@code grid-search-ed32.md}, and
 *       {@code grid-search-ed32-curves.csv} and {@code grid-search-ed32.png} (training and
 *       validation curves of every setting, one panel per fold) when its curves file is next
 *       to it; the search is then judged by today's discard rule, and the CSV is its summary
 *       so judged (see {@link GridSearchSection});</li>
 *   <li>{@code index.md}.</li>
 * </ul>
 * Every file is written atomically. DJL work runs on the calling thread, which must own DJL.
 */
public final class ReportWriter {

    /** The first line of every index.md we write: how a folder is recognised as a report. */
    static final String TITLE = "# Latent Lab report";

    /** Largest sigma of the MSE-versus-sigma series. */
    public static final double SIGMA_MAX = 2;
    /** Sigma step of the series. */
    public static final double SIGMA_STEP = 0.1;

    private ReportWriter() {}

    /**
     * Report settings.
     *
     * @param limit test digits used for the noise table, the measured MSE and the latent
     *     metrics and scatter (0 = all)
     * @param seed noise seed, also the seed of the kNN reference and silhouette subsets
     * @param clip clamp noisy inputs to [0, 1]
     * @param grids grid-search summary CSVs to include (null = none), e.g. one per ED
     * @param digits test digits shown in each reconstruction grid (1..32)
     * @param knnReference random training digits used as kNN reference (0 = all)
     */
    public record Options(int limit, long seed, boolean clip, List<Path> grids, int digits,
            int knnReference) {

        /** Validates the values and copies the list; messages name the CLI option. */
        public Options {
            grids = grids == null ? List.of() : List.copyOf(grids);
            if (limit < 0) {
                throw new IllegalArgumentException("--limit must be >= 0 (0 = all), got "
                        + limit);
            }
            if (digits < 1 || digits > 32) {
                throw new IllegalArgumentException("--digits must be between 1 and 32, got "
                        + digits);
            }
            if (knnReference < 0) {
                throw new IllegalArgumentException("--knn-train must be >= 0 (0 = all), got "
                        + knnReference);
            }
        }

        /** @return all test digits, seed {@link Seeds#DEFAULT}, no clipping, no grid search,
         *     8 digits, 10,000 kNN reference digits */
        public static Options defaults() {
            return new Options(0, Seeds.DEFAULT, false, null, 8,
                    LatentMetrics.DEFAULT_REFERENCE);
        }

        /**
         * @param list grid-search summary CSVs
         * @return these options with those grid searches
         */
        public Options withGrids(List<Path> list) {
            return new Options(limit, seed, clip, list, digits, knnReference);
        }
    }

    /**
     * What was written.
     *
     * @param index the {@code index.md}
     * @param files every file written, index included, in writing order
     */
    public record Report(Path index, List<Path> files) {

        /** Copies the list. */
        public Report {
            files = List.copyOf(files);
        }
    }

    /**
     * A report goes into an empty folder or over an earlier report (its {@code index.md}
     * starts with our title); anything else is someone else's and is refused unless forced.
     *
     * @param outDir the output folder
     * @param force write anyway
     * @throws IllegalArgumentException naming the folder and what is in it
     * @throws IOException if the folder cannot be listed
     */
    public static void checkTarget(Path outDir, boolean force) throws IOException {
        if (force || !Files.isDirectory(outDir)) {
            return;
        }
        List<String> names;
        try (Stream<Path> s = Files.list(outDir)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (names.isEmpty()) {
            return;
        }
        Path index = outDir.resolve("index.md");
        if (Files.isRegularFile(index)) {
            try (BufferedReader r = Files.newBufferedReader(index)) {
                if (TITLE.equals(r.readLine())) {
                    return; // an earlier report: ours to replace
                }
            } catch (CharacterCodingException e) {
                // not our text: fall through
            }
        }
        throw new IllegalArgumentException(outDir + ": holds files that are not a Latent Lab "
                + "report (" + String.join(", ", names.subList(0, Math.min(3, names.size())))
                + (names.size() > 3 ? ", ..." : "") + "); choose an empty folder, or add "
                + "--force to write into it anyway");
    }

    /**
     * Writes the report. Call on the thread that owns DJL.
     *
     * @param outDir output folder (created; files of the same names are replaced)
     * @param modelDirs checkpoint folders, at least one
     * @param data MNIST (test digits for everything, training digits for the kNN reference)
     * @param opts settings
     * @param progress receives one line per step
     * @return the index and every file written
     * @throws IOException if a model cannot be loaded or a file cannot be written
     */
    public static Report write(Path outDir, List<Path> modelDirs, MnistData data, Options opts,
            Consumer<String> progress) throws IOException {
        if (modelDirs.isEmpty()) {
            throw new IllegalArgumentException("need at least one model");
        }
        for (Path grid : opts.grids()) {
            if (!Files.isRegularFile(grid)) {
                throw new IOException(grid + ": no such file");
            }
        }
        Files.createDirectories(outDir);
        List<ReportItem> items = new ArrayList<>();
        try {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < modelDirs.size(); i++) {
                Path dir = modelDirs.get(i);
                ModelStore.Loaded loaded = ModelStore.load(dir);
                String name = uniqueName(safeName(dir), names);
                items.add(new ReportItem(name, dir, loaded));
                progress.accept("loaded model " + (i + 1) + "/" + modelDirs.size() + ": " + name
                        + " (ED=" + loaded.model().encodingDim() + ")");
            }
            // a study reads best in order of encoding dimension
            items.sort(Comparator.comparingInt(ReportItem::ed).thenComparing(ReportItem::name));
            return run(new ReportContext(outDir, items, data, opts, progress));
        } finally {
            for (ReportItem it : items) {
                it.loaded().close();
            }
        }
    }

    /** Writes the sections in order: the model figures, the tables, grid searches, index. */
    private static Report run(ReportContext ctx) throws IOException {
        int n = ctx.items.size();
        ModelFigures figures = new ModelFigures(ctx);
        List<LatentCodes> codes = new ArrayList<>();
        List<StringBuilder> modelSections = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReportItem it = ctx.items.get(i);
            ctx.progress.accept("figures: model " + (i + 1) + "/" + n + " (" + it.name() + ")");
            StringBuilder sec = new StringBuilder();
            modelSections.add(sec);
            codes.add(figures.write(it, sec));
        }
        TableSections tables = new TableSections(ctx);
        NoiseTable table = tables.noiseTable();
        // before the MSE table, which shows each model's kNN accuracy beside its test MSE
        List<LatentMetrics> metrics = tables.latentMetrics(codes);
        List<String> results = new ArrayList<>();
        results.add(tables.msePerEd(table, metrics));
        results.add(tables.noiseSection(table));
        results.add(tables.latentMetricsSection(metrics));
        if (!ctx.opts.grids().isEmpty()) {
            results.add(new GridSearchSection(ctx).write());
        }
        return IndexPage.write(ctx, results, modelSections);
    }
}
