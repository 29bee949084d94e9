package io.latentlab.report;

import io.latentlab.analysis.LatentCodes;
import io.latentlab.analysis.LatentMetrics;
import io.latentlab.analysis.Pca;
import io.latentlab.analysis.Silhouette;
import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.data.Noise;
import io.latentlab.model.AtomicFiles;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.CheckpointException;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.study.Csv;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchReport;
import io.latentlab.study.NoiseTable;
import io.latentlab.study.ReconstructionGrid;
import io.latentlab.study.StudyReference;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.RunCheckpoint;
import io.latentlab.training.Split;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

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
 *       {@code grid-search-ed32-curves.csv} and {@code grid-search-ed32.png} (mean validation
 *       curve of every setting) when its curves file is next to it;</li>
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

    private static final int BATCH = 1000;
    private static final int SCALE = 3;
    private static final int CHART_W = 800;
    private static final int CHART_H = 500;

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

        /** @return all test digits, seed 0, no clipping, no grid search, 8 digits, 10,000 kNN
         *     reference digits */
        public static Options defaults() {
            return new Options(0, 0, false, null, 8, LatentMetrics.DEFAULT_REFERENCE);
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

    /** A loaded model with its report name. */
    private record Item(String name, Path dir, ModelStore.Loaded loaded) {

        Autoencoder model() {
            return loaded.model();
        }

        ModelMetadata meta() {
            return loaded.metadata();
        }

        int ed() {
            return loaded.model().encodingDim();
        }

        String label() {
            return name + " (ED=" + ed() + ")";
        }
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
        try (java.util.stream.Stream<Path> s = Files.list(outDir)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (names.isEmpty()) {
            return;
        }
        Path index = outDir.resolve("index.md");
        if (Files.isRegularFile(index)) {
            try (java.io.BufferedReader r = Files.newBufferedReader(index)) {
                if (TITLE.equals(r.readLine())) {
                    return; // an earlier report: ours to replace
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                // not our text: fall through
            }
        }
        throw new IllegalArgumentException(outDir + ": holds files that are not a Latent Lab "
                + "report (" + String.join(", ", names.subList(0, Math.min(3, names.size())))
                + (names.size() > 3 ? ", ..." : "") + "); choose an empty folder, or add "
                + "--force to write into it anyway");
    }

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
        List<Item> items = new ArrayList<>();
        try {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < modelDirs.size(); i++) {
                Path dir = modelDirs.get(i);
                ModelStore.Loaded loaded = ModelStore.load(dir);
                String name = uniqueName(safeName(dir), names);
                items.add(new Item(name, dir, loaded));
                progress.accept("loaded model " + (i + 1) + "/" + modelDirs.size() + ": " + name
                        + " (ED=" + loaded.model().encodingDim() + ")");
            }
            // a study reads best in order of encoding dimension
            items.sort(Comparator.comparingInt(Item::ed).thenComparing(Item::name));
            return new Writer(outDir, items, data, opts, progress).run();
        } finally {
            for (Item it : items) {
                it.loaded().close();
            }
        }
    }

    /** The state of one report being written. */
    private static final class Writer {
        private final Path out;
        private final List<Item> items;
        private final MnistData data;
        private final Options opts;
        private final Consumer<String> progress;
        private final Dataset test;
        private final List<Path> files = new ArrayList<>();
        private final StringBuilder index = new StringBuilder();
        /** Per model: the section of index.md with its figures. */
        private final Map<String, StringBuilder> modelSections = new LinkedHashMap<>();

        Writer(Path out, List<Item> items, MnistData data, Options opts,
                Consumer<String> progress) {
            this.out = out;
            this.items = items;
            this.data = data;
            this.opts = opts;
            this.progress = progress;
            this.test = opts.limit() == 0 ? data.test()
                    : data.test().slice(0, Math.min(opts.limit(), data.test().size()));
        }

        Report run() throws IOException {
            int n = items.size();
            List<LatentCodes> codes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Item it = items.get(i);
                progress.accept("figures: model " + (i + 1) + "/" + n + " (" + it.name() + ")");
                StringBuilder sec = new StringBuilder();
                modelSections.put(it.name(), sec);
                sec.append("### ").append(it.label()).append("\n\n")
                        .append("Checkpoint: `").append(it.dir().toAbsolutePath().normalize())
                        .append("`\n\n");
                lossFigure(it, sec);
                LatentCodes c = LatentCodes.encode(it.model(), test, BATCH);
                codes.add(c);
                latentFigure(it, c, sec);
                reconFigure(it, sec);
            }
            NoiseTable table = noiseTable();
            String mseSection = msePerEd(table);
            String noiseSection = noiseSection(table);
            String metricsSection = latentMetrics(codes);
            String gridSection = opts.grids().isEmpty() ? null : gridSearches();
            return writeIndex(mseSection, noiseSection, metricsSection, gridSection);
        }

        // ------------------------------------------------------------ per-model figures

        private void lossFigure(Item it, StringBuilder sec) throws IOException {
            Path history = RunCheckpoint.historyFile(it.dir());
            if (!Files.exists(history)) {
                sec.append("No `history.csv` in the checkpoint folder, so no loss curve.\n\n");
                return;
            }
            List<EpochMetrics> epochs;
            try {
                epochs = RunCheckpoint.readHistory(history);
            } catch (CheckpointException e) {
                progress.accept("skipped loss curve of " + it.name() + ": " + e.getMessage());
                sec.append("The loss curve is missing: ").append(e.getMessage()).append("\n\n");
                return;
            }
            int len = epochs.size();
            double[] x = new double[len];
            double[] train = new double[len];
            double[] val = new double[len];
            double[] tst = new double[len];
            int best = 0;
            for (int i = 0; i < len; i++) {
                EpochMetrics m = epochs.get(i);
                x[i] = m.epoch();
                train[i] = m.trainMse();
                val[i] = m.valMse();
                tst[i] = m.testMse();
                if (m.best()) {
                    best = m.epoch();
                }
            }
            List<Charts.Series> series = new ArrayList<>();
            series.add(new Charts.Series("train", x, train));
            if (anyFinite(val)) {
                series.add(new Charts.Series("validation", x, val));
            }
            if (anyFinite(tst)) {
                series.add(new Charts.Series("test", x, tst));
            }
            String title = "Loss of " + it.label() + (best > 0 ? ", best epoch " + best : "");
            BufferedImage img = Charts.lineChart(new Charts.LineChart(title, "epoch",
                    "MSE (log scale)", series, true, len <= 40), CHART_W, CHART_H);
            String file = "loss-" + it.name() + ".png";
            png(img, file);
            sec.append(image(file, "loss of " + it.name()))
                    .append("Train (mean batch loss), validation and test MSE per epoch from "
                            + "`history.csv` (").append(len).append(" epochs")
                    .append(best > 0 ? ", best epoch " + best : "").append(").\n\n");
        }

        private void latentFigure(Item it, LatentCodes c, StringBuilder sec) throws IOException {
            Pca pca = Pca.fit(c.codes(), c.n(), c.dim());
            double[] ratio = pca.explainedVarianceRatio();
            float[] plane = pca.project(c.codes(), c.n(), 2);
            String xl = String.format(Locale.ROOT, "PC1 (%.1f%% of variance)", 100 * ratio[0]);
            String yl = ratio.length > 1
                    ? String.format(Locale.ROOT, "PC2 (%.1f%% of variance)", 100 * ratio[1])
                    : "PC2 (none: ED=1)";
            BufferedImage img = Charts.scatter("Latent space of " + it.label() + ", " + c.n()
                    + " test digits", plane, c.labels(), xl, yl, CHART_W, 640);
            String file = "latent-" + it.name() + ".png";
            png(img, file);
            sec.append(image(file, "latent space of " + it.name()))
                    .append("The codes of ").append(c.n()).append(" test digits projected "
                            + "onto their first two principal components, coloured by class.\n\n");
        }

        private void reconFigure(Item it, StringBuilder sec) throws IOException {
            int count = Math.min(opts.digits(), test.size());
            // same per-image seeding as the noise table, so these are the digits it scores
            ReconstructionGrid grid = ReconstructionGrid.compute(it.label(), it.model(), test,
                    count, opts.seed(), opts.clip());
            BufferedImage img = Charts.reconstructionGrid(grid, "Reconstructions by "
                    + it.label(), SCALE);
            String file = "recon-" + it.name() + ".png";
            png(img, file);
            sec.append(image(file, "reconstructions by " + it.name()))
                    .append("The first ").append(count).append(" test digits under each noise: "
                            + "noisy input above its reconstruction (inputs shown clamped to "
                            + "[0, 1]; noise seed ").append(opts.seed()).append(").\n\n");
        }

        // ------------------------------------------------------------ tables

        private NoiseTable noiseTable() {
            double[] sigmas = NoiseTable.sigmaGrid(SIGMA_MAX, SIGMA_STEP);
            int n = items.size();
            List<NoiseTable> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                progress.accept("noise table: model " + (i + 1) + "/" + n + " ("
                        + items.get(i).name() + ")");
                // one model at a time so that progress can be reported between models
                parts.add(NoiseTable.compute(List.of(new NoiseTable.Entry(items.get(i).label(),
                        items.get(i).model())), test, 0, opts.seed(), opts.clip(), sigmas));
            }
            List<Noise> noises = parts.get(0).noises();
            double[][] mse = new double[noises.size()][n];
            double[][] sigmaMse = new double[sigmas.length][n];
            List<String> labels = new ArrayList<>();
            for (int m = 0; m < n; m++) {
                labels.add(parts.get(m).models().get(0));
                for (int r = 0; r < noises.size(); r++) {
                    mse[r][m] = parts.get(m).mse()[r][0];
                }
                for (int s = 0; s < sigmas.length; s++) {
                    sigmaMse[s][m] = parts.get(m).sigmaMse()[s][0];
                }
            }
            return new NoiseTable(labels, noises, mse, sigmas, sigmaMse, test.size(),
                    opts.seed(), opts.clip());
        }

        private String msePerEd(NoiseTable table) throws IOException {
            List<String> header = List.of("model", "ed", "test_mse_stored", "val_mse_stored",
                    "epochs", "best_epoch", "early_stopped", "training_seconds",
                    "test_mse_measured", "measured_n", "study_test_mse");
            List<List<String>> rows = new ArrayList<>();
            int n = items.size();
            double[] ed = new double[n];
            double[] stored = new double[n];
            double[] val = new double[n];
            double[] measured = new double[n];
            double[] study = new double[n];
            for (int m = 0; m < n; m++) {
                Item it = items.get(m);
                ModelMetadata meta = it.meta();
                ed[m] = it.ed();
                stored[m] = meta.getDouble("test_mse");
                val[m] = meta.getDouble("val_mse");
                // the noise table's "none" row is exactly the clean test MSE
                measured[m] = table.mse()[0][m];
                study[m] = StudyReference.testMseOrNaN(it.ed());
                rows.add(List.of(it.name(), Integer.toString(it.ed()), str(meta.get("test_mse")),
                        str(meta.get("val_mse")), str(meta.get("epochs")),
                        str(meta.get("best_epoch")), str(meta.get("early_stopped")),
                        str(meta.get("training_seconds")), fmt(measured[m]),
                        Integer.toString(table.count()),
                        Double.isFinite(study[m]) ? Double.toString(study[m]) : ""));
            }
            AtomicFiles.writeString(file("mse-per-ed.csv"), Tables.csv(header, rows));
            String note = "Stored values come from each checkpoint's `model.properties` (the "
                    + "best epoch, on the full test set and the validation split; empty when "
                    + "the checkpoint does not record them). `test_mse_measured` was measured "
                    + "now on " + digitsText() + ". `study_test_mse` is the study's published "
                    + "result, where it gives one.\n";
            String md = "# Reconstruction error per encoding dimension\n\n" + note + "\n"
                    + Tables.markdown(header, rows);
            AtomicFiles.writeString(file("mse-per-ed.md"), md);

            List<Charts.Series> series = new ArrayList<>();
            if (anyFinite(stored)) {
                series.add(new Charts.Series("test MSE (stored)", ed, stored));
            }
            if (anyFinite(val)) {
                series.add(new Charts.Series("validation MSE (stored)", ed, val));
            }
            series.add(new Charts.Series("test MSE (measured, n=" + table.count() + ")", ed,
                    measured));
            if (anyFinite(study)) {
                // NaN between the study's points: dots, no line
                series.add(new Charts.Series("the study's test MSE", ed, study));
            }
            png(Charts.lineChart(new Charts.LineChart("Reconstruction MSE vs encoding dimension",
                    "encoding dimension (ED)", "MSE (log scale)", series, true, true),
                    CHART_W, CHART_H), "mse-vs-ed.png");
            return "## Reconstruction error per encoding dimension\n\n"
                    + image("mse-vs-ed.png", "MSE vs ED")
                    + "Test and validation MSE per encoding dimension (log scale). " + note
                    + "\n" + Tables.markdown(header, rows) + "\nTable: "
                    + link("mse-per-ed.md") + " · " + link("mse-per-ed.csv") + "\n\n";
        }

        private String noiseSection(NoiseTable table) throws IOException {
            Path csv = file("noise-table.csv");
            table.write(csv);
            files.add(NoiseTable.sigmaPath(csv));
            String settings = "MSE against the clean digit of the reconstruction of a noisy "
                    + "input, on " + digitsText() + ", noise seed " + opts.seed()
                    + (opts.clip() ? ", noisy inputs clamped to [0, 1]" : ", noisy inputs not "
                            + "clipped") + ".\n";
            AtomicFiles.writeString(file("noise-table.md"), "# Noise robustness\n\n" + settings
                    + "\n" + table.markdown());
            List<Charts.Series> series = new ArrayList<>();
            for (int m = 0; m < table.models().size(); m++) {
                double[] y = new double[table.sigmas().length];
                for (int s = 0; s < y.length; s++) {
                    y[s] = table.sigmaMse()[s][m];
                }
                series.add(new Charts.Series(table.models().get(m), table.sigmas(), y));
            }
            png(Charts.lineChart(new Charts.LineChart("Reconstruction MSE vs Gaussian noise",
                    "sigma", "MSE against the clean digit (log scale)", series, true, false),
                    CHART_W, CHART_H), "mse-vs-sigma.png");
            return "## Noise robustness\n\n" + settings + "\n" + table.markdown() + "\nTable: "
                    + link("noise-table.md") + " · " + link("noise-table.csv") + "\n\n"
                    + image("mse-vs-sigma.png", "MSE vs sigma")
                    + "MSE for Gaussian noise with sigma from 0 to " + fmtShort(SIGMA_MAX)
                    + " in steps of " + fmtShort(SIGMA_STEP) + ", one line per model (data: "
                    + link("noise-table-sigma.csv") + ").\n\n";
        }

        private String latentMetrics(List<LatentCodes> codes) throws IOException {
            int n = items.size();
            int[] refIdx = Split.of(data.train().size(), opts.knnReference(), 0, opts.seed())
                    .train();
            Dataset refSet = data.train().subset(refIdx);
            List<String> header = List.of("model", "ed", "pc1_ratio", "pc2_ratio",
                    "silhouette_2d", "silhouette_full", "knn_accuracy", "test_n", "reference_n");
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Item it = items.get(i);
                progress.accept("latent metrics: model " + (i + 1) + "/" + n + " (" + it.name()
                        + ")");
                LatentCodes ref = LatentCodes.encode(it.model(), refSet, BATCH);
                // the test codes were already encoded for the scatter plot
                LatentMetrics m = LatentMetrics.of(ref, codes.get(i), Silhouette.DEFAULT_SAMPLE,
                        opts.seed());
                rows.add(List.of(it.name(), Integer.toString(m.encodingDim()),
                        fmt4(m.pc1Ratio()), fmt4(m.pc2Ratio()), fmt4(m.silhouette2d()),
                        fmt4(m.silhouetteFull()), fmt4(m.knnAccuracy()),
                        Integer.toString(m.testCount()), Integer.toString(m.referenceCount())));
            }
            AtomicFiles.writeString(file("latent-metrics.csv"), Tables.csv(header, rows));
            String note = "Share of variance along PC1 and PC2, silhouette by class in the PCA "
                    + "plane and in the full latent space (subsample of at most "
                    + Silhouette.DEFAULT_SAMPLE + "), and accuracy of a " + "5-nearest-neighbour "
                    + "classifier of the test codes against " + refIdx.length + " random "
                    + "training codes; on " + digitsText() + ".\n";
            AtomicFiles.writeString(file("latent-metrics.md"), "# Latent-space metrics\n\n"
                    + note + "\n" + Tables.markdown(header, rows));
            return "## Latent-space metrics\n\n" + note + "\n" + Tables.markdown(header, rows)
                    + "\nTable: " + link("latent-metrics.md") + " · "
                    + link("latent-metrics.csv") + "\n\n";
        }

        /**
         * The grid-search section: one line per search comparing their winners (the study ran
         * one per ED), then each search's figure; each search also gets its own page.
         */
        private String gridSearches() throws IOException {
            Set<String> taken = new HashSet<>();
            List<List<String>> overview = new ArrayList<>();
            StringBuilder figures = new StringBuilder();
            for (Path csv : opts.grids()) {
                String stem = csv.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
                String name = "grid-search-" + uniqueName(safeName(stem, "grid"), taken);
                figures.append(gridSearch(csv, name, overview));
            }
            List<String> cols = List.of("search", "ED", "folds x epochs", "winner",
                    "mean val MSE", "runner-up", "kept", "discarded");
            return "## Grid search\n\nLearning rate and weight decay chosen by cross-validation"
                    + ": the setting with the lowest mean validation MSE over the folds among "
                    + "those the discard rule kept.\n\n" + Tables.markdown(cols, overview) + "\n"
                    + figures;
        }

        /** Writes one search's files and adds its overview row; returns its index part. */
        private String gridSearch(Path csv, String name, List<List<String>> overview)
                throws IOException {
            progress.accept("grid search: " + csv);
            byte[] bytes = Files.readAllBytes(csv);
            AtomicFiles.write(file(name + ".csv"), o -> o.write(bytes));
            List<List<String>> all = Csv.parse(new String(bytes, StandardCharsets.UTF_8));
            StringBuilder md = new StringBuilder("# Grid search\n\nFrom `")
                    .append(csv.toAbsolutePath().normalize()).append("`.\n\n");
            String figure = "";
            GridSearch.Result r = null;
            String missing = "(empty file)"; // why the overview has no numbers, if it has none
            if (!all.isEmpty()) {
                List<String> header = all.get(0);
                List<List<String>> rows = all.subList(1, all.size());
                String summary = gridSummary(header, rows);
                missing = "(not a grid-search summary)";
                if (summary != null) {
                    missing = "(no curves: see its table)";
                    r = readGrid(csv);
                    figure = r == null ? "" : gridFigure(csv, name, r);
                    md.append("## Per setting\n\n").append(summary).append(figure)
                            .append("\n## Per fold\n\n");
                }
                md.append(Tables.markdown(header, rows));
            } else {
                md.append("The file is empty.\n");
            }
            AtomicFiles.writeString(file(name + ".md"), md.toString());
            String links = link(name + ".md") + " · " + link(name + ".csv");
            overview.add(r == null ? List.of(links, "", "", missing, "", "", "", "")
                    : overviewRow(links, r));
            return "### " + (r == null ? "" : "ED=" + r.options().encodingDim() + ": ")
                    + "`" + csv.getFileName() + "`\n\n" + figure;
        }

        private GridSearch.Result readGrid(Path csv) {
            try {
                return GridSearchReport.read(csv);
            } catch (IOException e) {
                progress.accept("grid search: no curves figure (" + e.getMessage() + ")");
                return null;
            }
        }

        private static List<String> overviewRow(String links, GridSearch.Result r) {
            List<GridSearch.SettingResult> ranked = r.ranking();
            GridSearch.SettingResult second = ranked.size() > 1 ? ranked.get(1) : null;
            return List.of(links, Integer.toString(r.options().encodingDim()),
                    r.options().folds() + " x " + r.options().epochs(),
                    r.winner() == null ? "none" : r.winner().label(),
                    r.winner() == null ? "" : fmt(r.winner().meanValMse()),
                    second == null ? "" : second.label() + " (" + fmt(second.meanValMse()) + ")",
                    Integer.toString(ranked.size()),
                    Integer.toString(r.settings().size() - ranked.size()));
        }

        /** The mean validation curve of every setting, and a copy of the curves file. */
        private String gridFigure(Path csv, String name, GridSearch.Result r) throws IOException {
            byte[] bytes = Files.readAllBytes(GridSearchReport.curvesPath(csv));
            String curvesFile = name + "-curves.csv";
            AtomicFiles.write(file(curvesFile), o -> o.write(bytes));
            List<Charts.Series> series = new ArrayList<>();
            int epochs = r.options().epochs();
            double[] x = new double[epochs];
            for (int t = 0; t < epochs; t++) {
                x[t] = t + 1;
            }
            for (GridSearch.SettingResult s : r.settings()) {
                double[] mean = new double[epochs];
                for (GridSearch.FoldCurve c : s.folds()) {
                    for (int t = 0; t < epochs; t++) {
                        mean[t] += c.validation()[t] / s.folds().size();
                    }
                }
                int rank = r.rank(s);
                series.add(new Charts.Series(s.label() + (rank == 0 ? " (discarded)"
                        : " (rank " + rank + ")"), x, mean));
            }
            String title = "Grid search, ED=" + r.options().encodingDim() + ": mean validation MSE"
                    + " over " + r.options().folds() + " folds";
            png(Charts.lineChart(new Charts.LineChart(title, "epoch", "MSE (log scale)", series,
                    true, epochs <= 40), CHART_W, CHART_H), name + ".png");
            return image(name + ".png", "grid search curves")
                    + "Mean validation MSE per epoch of every setting (curves: "
                    + link(curvesFile) + "). Winner: "
                    + (r.winner() == null ? "none" : r.winner().label()) + "; " + r.why()
                    + ".\n\n";
        }

        // ------------------------------------------------------------ index

        private Report writeIndex(String mse, String noise, String metrics, String grid)
                throws IOException {
            index.append(TITLE).append("\n\n")
                    .append("Generated ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                    .append(".\n\n## Settings\n\n");
            for (Item it : items) {
                index.append("- model `").append(it.name()).append("`: ED=").append(it.ed())
                        .append(", `").append(it.dir().toAbsolutePath().normalize())
                        .append("`\n");
            }
            index.append("- data: `").append(data.dir()).append("`")
                    .append(data.checksum() == null ? "" : " (SHA-256 "
                            + data.checksum().substring(0, Math.min(12, data.checksum().length()))
                            + "…)")
                    .append("\n- test digits: ").append(digitsText())
                    .append("\n- seed: ").append(opts.seed())
                    .append("\n- noisy inputs: ").append(opts.clip() ? "clamped to [0, 1]"
                            : "not clipped")
                    .append("\n- reconstruction grids: first ")
                    .append(Math.min(opts.digits(), test.size())).append(" test digits")
                    .append("\n- grid search: ").append(opts.grids().isEmpty() ? "none"
                            : opts.grids().stream().map(g -> "`" + g.toAbsolutePath()
                                    .normalize() + "`").collect(Collectors.joining(", ")))
                    .append("\n\n");
            index.append(mse).append(noise).append(metrics);
            if (grid != null) {
                index.append(grid);
            }
            index.append("## Models\n\n");
            for (StringBuilder sec : modelSections.values()) {
                index.append(sec);
            }
            Path idx = file("index.md");
            AtomicFiles.writeString(idx, index.toString());
            progress.accept("index: " + idx.toAbsolutePath().normalize());
            return new Report(idx, files);
        }

        // ------------------------------------------------------------ helpers

        private Path file(String name) {
            Path p = out.resolve(name);
            files.add(p);
            return p;
        }

        private void png(BufferedImage img, String name) throws IOException {
            Charts.writePng(img, file(name));
        }

        private String digitsText() {
            return opts.limit() == 0 ? "all " + test.size() + " test digits"
                    : "the first " + test.size() + " test digits (--limit " + opts.limit() + ")";
        }
    }

    /** The grid-search summary per setting, when the CSV is a {@link GridSearchReport} one. */
    private static String gridSummary(List<String> header, List<List<String>> rows) {
        if (!GridSearchReport.isSummaryHeader(String.join(",", header))) {
            return null;
        }
        List<String> cols = List.of("lr", "wd", "mean_val_mse", "mean_gap", "rank", "status");
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (List<String> r : rows) {
            if (r.size() < header.size()) {
                continue;
            }
            String status = Boolean.parseBoolean(r.get(8)) ? "discarded: " + r.get(9) : "kept";
            settings.putIfAbsent(r.get(0) + "," + r.get(1), List.of(r.get(0), r.get(1),
                    r.get(6), r.get(7), r.get(10).equals("0") ? "-" : r.get(10), status));
        }
        List<List<String>> out = new ArrayList<>(settings.values());
        // kept settings by rank, then the discarded ones in grid order
        out.sort(Comparator.comparingInt(r -> r.get(4).equals("-") ? Integer.MAX_VALUE
                : Integer.parseInt(r.get(4))));
        String winner = out.stream().filter(r -> r.get(4).equals("1"))
                .map(r -> "lr=" + r.get(0) + " wd=" + r.get(1)).findFirst().orElse("none");
        return Tables.markdown(cols, out) + "\nWinner: " + winner + ".\n";
    }

    private static String safeName(Path dir) {
        Path f = dir.toAbsolutePath().normalize().getFileName();
        return safeName(f == null ? "" : f.toString(), "model");
    }

    private static String safeName(String name, String prefix) {
        // the name becomes part of file names and Markdown links
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? prefix + safe : safe;
    }

    private static String uniqueName(String base, Set<String> taken) {
        String name = base;
        for (int k = 2; !taken.add(name); k++) {
            name = base + "-" + k;
        }
        return name;
    }

    private static String image(String file, String alt) {
        return "![" + alt + "](" + file + ")\n\n";
    }

    private static String link(String file) {
        return "[" + file + "](" + file + ")";
    }

    private static boolean anyFinite(double[] v) {
        for (double d : v) {
            if (Double.isFinite(d)) {
                return true;
            }
        }
        return false;
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
    }

    private static String fmt4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "";
    }

    private static String fmtShort(double v) {
        return Charts.tickLabel(v);
    }
}
