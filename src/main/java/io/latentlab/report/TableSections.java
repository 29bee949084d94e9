package io.latentlab.report;

import static io.latentlab.report.ReportContext.BATCH;
import static io.latentlab.report.ReportContext.CHART_H;
import static io.latentlab.report.ReportContext.CHART_W;
import static io.latentlab.report.ReportContext.anyFinite;
import static io.latentlab.report.ReportContext.fmt;
import static io.latentlab.report.ReportContext.fmt4;
import static io.latentlab.report.ReportContext.fmtShort;
import static io.latentlab.report.ReportContext.image;
import static io.latentlab.report.ReportContext.link;
import static io.latentlab.report.ReportContext.str;
import static io.latentlab.report.ReportWriter.SIGMA_MAX;
import static io.latentlab.report.ReportWriter.SIGMA_STEP;

import io.latentlab.analysis.Knn;
import io.latentlab.analysis.LatentCodes;
import io.latentlab.analysis.LatentMetrics;
import io.latentlab.analysis.TsneMetrics;
import io.latentlab.analysis.Silhouette;
import io.latentlab.data.Dataset;
import io.latentlab.data.Noise;
import io.latentlab.model.AtomicFiles;
import io.latentlab.model.ModelMetadata;
import io.latentlab.study.NoiseTable;
import io.latentlab.study.StudyReference;
import io.latentlab.training.Split;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The measured sections across all models: MSE per encoding dimension, noise robustness and
 * latent-space metrics, each as CSV, Markdown page, figure where it has one, and index part.
 */
final class TableSections {

    private final ReportContext ctx;

    TableSections(ReportContext ctx) {
        this.ctx = ctx;
    }

    /** The noise table of all models, computed one model at a time. */
    NoiseTable noiseTable() {
        double[] sigmas = NoiseTable.sigmaGrid(SIGMA_MAX, SIGMA_STEP);
        int n = ctx.items.size();
        List<NoiseTable> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReportItem it = ctx.items.get(i);
            ctx.progress.accept("noise table: model " + (i + 1) + "/" + n + " (" + it.name()
                    + ")");
            // one model at a time so that progress can be reported between models
            parts.add(NoiseTable.compute(List.of(new NoiseTable.Entry(it.label(), it.model())),
                    ctx.test, 0, ctx.opts.seed(), ctx.opts.clip(), sigmas));
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
        return new NoiseTable(labels, noises, mse, sigmas, sigmaMse, ctx.test.size(),
                ctx.opts.seed(), ctx.opts.clip());
    }

    /** The columns of the MSE-per-ED table. */
    static final List<String> MSE_HEADER = List.of("model", "ed", "test_mse_stored",
            "val_mse_stored", "epochs", "best_epoch", "early_stopped", "training_seconds",
            "test_mse_measured", "knn_accuracy", "measured_n", "study_test_mse");

    /**
     * One model's row of the MSE-per-ED table.
     *
     * @param name model name
     * @param ed its encoding dimension
     * @param meta its checkpoint metadata (stored values; empty cells where it has none)
     * @param measured test MSE measured now
     * @param count test digits measured
     * @param metrics its latent metrics on the same digits (the kNN accuracy)
     * @return the cells, in {@link #MSE_HEADER} order
     */
    static List<String> mseRow(String name, int ed, ModelMetadata meta, double measured,
            int count, LatentMetrics metrics) {
        double study = StudyReference.testMseOrNaN(ed);
        return List.of(name, Integer.toString(ed), str(meta.get("test_mse")),
                str(meta.get("val_mse")), str(meta.get("epochs")), str(meta.get("best_epoch")),
                str(meta.get("early_stopped")), str(meta.get("training_seconds")),
                fmt(measured), fmt4(metrics.knnAccuracy()), Integer.toString(count),
                Double.isFinite(study) ? Double.toString(study) : "");
    }

    /**
     * The MSE-vs-ED chart. The stored test MSE of a checkpoint equals the measured one, so it
     * is drawn on top, dashed with hollow markers, to leave the measured line visible.
     */
    static Charts.LineChart mseVsEdChart(double[] ed, double[] stored, double[] val,
            double[] measured, int count, double[] study) {
        List<Charts.Series> series = new ArrayList<>();
        if (anyFinite(stored)) {
            series.add(new Charts.Series("test MSE (stored)", ed, stored,
                    Charts.Style.DASHED_HOLLOW));
        }
        if (anyFinite(val)) {
            series.add(new Charts.Series("validation MSE (stored)", ed, val));
        }
        series.add(new Charts.Series("test MSE (measured, n=" + count + ")", ed, measured));
        if (anyFinite(study)) {
            // NaN between the study's points: dots, no line
            series.add(new Charts.Series("the study's test MSE", ed, study));
        }
        return new Charts.LineChart("Reconstruction MSE vs encoding dimension",
                "encoding dimension (ED)", "MSE (log scale)", series, true, true);
    }

    /**
     * Writes {@code mse-per-ed.*} and {@code mse-vs-ed.png}; returns the index section.
     *
     * @param table the noise table (its "none" row is the measured clean test MSE)
     * @param metrics each model's latent metrics, in model order (the kNN accuracy)
     */
    String msePerEd(NoiseTable table, List<LatentMetrics> metrics) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        int n = ctx.items.size();
        double[] ed = new double[n];
        double[] stored = new double[n];
        double[] val = new double[n];
        double[] measured = new double[n];
        double[] study = new double[n];
        for (int m = 0; m < n; m++) {
            ReportItem it = ctx.items.get(m);
            ModelMetadata meta = it.meta();
            ed[m] = it.ed();
            stored[m] = meta.getDouble("test_mse");
            val[m] = meta.getDouble("val_mse");
            // the noise table's "none" row is exactly the clean test MSE
            measured[m] = table.mse()[0][m];
            study[m] = StudyReference.testMseOrNaN(it.ed());
            rows.add(mseRow(it.name(), it.ed(), meta, measured[m], table.count(), metrics.get(m)));
        }
        AtomicFiles.writeString(ctx.file("mse-per-ed.csv"), Tables.csv(MSE_HEADER, rows));
        String note = "Stored values come from each checkpoint's `model.properties` (the "
                + "best epoch, on the full test set and the validation split; empty when "
                + "the checkpoint does not record them). `test_mse_measured` was measured "
                + "now on " + ctx.digitsText() + "; `knn_accuracy` is the share of those "
                + "digits whose code a " + Knn.DEFAULT_K + "-nearest-neighbour classifier "
                + "labels right against " + metrics.get(0).referenceCount() + " random "
                + "training codes (seed " + ctx.opts.seed() + "; see the latent-space "
                + "metrics). `study_test_mse` is the study's published result, where it gives "
                + "one.\n";
        String md = "# Reconstruction error per encoding dimension\n\n" + note + "\n"
                + Tables.markdown(MSE_HEADER, rows);
        AtomicFiles.writeString(ctx.file("mse-per-ed.md"), md);
        ctx.png(Charts.lineChart(mseVsEdChart(ed, stored, val, measured, table.count(), study),
                CHART_W, CHART_H), "mse-vs-ed.png");
        return "## Reconstruction error per encoding dimension\n\n"
                + image("mse-vs-ed.png", "MSE vs ED")
                + "Test and validation MSE per encoding dimension (log scale). " + note
                + "\n" + Tables.markdown(MSE_HEADER, rows) + "\nTable: "
                + link("mse-per-ed.md") + " · " + link("mse-per-ed.csv") + "\n\n";
    }

    /** Writes {@code noise-table*} and {@code mse-vs-sigma.png}; returns the index section. */
    String noiseSection(NoiseTable table) throws IOException {
        Path csv = ctx.file("noise-table.csv");
        table.write(csv);
        ctx.files.add(NoiseTable.sigmaPath(csv));
        String settings = "MSE against the clean digit of the reconstruction of a noisy "
                + "input, on " + ctx.digitsText() + ", noise seed " + ctx.opts.seed()
                + (ctx.opts.clip() ? ", noisy inputs clamped to [0, 1]" : ", noisy inputs not "
                        + "clipped") + ".\n";
        String study = studyComparison(table);
        AtomicFiles.writeString(ctx.file("noise-table.md"), "# Noise robustness\n\n" + settings
                + "\n" + table.markdown() + study);
        List<Charts.Series> series = new ArrayList<>();
        for (int m = 0; m < table.models().size(); m++) {
            double[] y = new double[table.sigmas().length];
            for (int s = 0; s < y.length; s++) {
                y[s] = table.sigmaMse()[s][m];
            }
            series.add(new Charts.Series(table.models().get(m), table.sigmas(), y));
        }
        ctx.png(Charts.lineChart(new Charts.LineChart("Reconstruction MSE vs Gaussian noise",
                "sigma", "MSE against the clean digit (log scale)", series, true, false),
                CHART_W, CHART_H), "mse-vs-sigma.png");
        return "## Noise robustness\n\n" + settings + "\n" + table.markdown() + study
                + "\nTable: "
                + link("noise-table.md") + " · " + link("noise-table.csv") + "\n\n"
                + image("mse-vs-sigma.png", "MSE vs sigma")
                + "MSE for Gaussian noise with sigma from 0 to " + fmtShort(SIGMA_MAX)
                + " in steps of " + fmtShort(SIGMA_STEP) + ", one line per model (data: "
                + link("noise-table-sigma.csv") + ").\n\n";
    }

    /** The measured values the study gives a number for, beside them, or "". */
    private String studyComparison(NoiseTable table) {
        int[] eds = new int[ctx.items.size()];
        for (int m = 0; m < eds.length; m++) {
            eds[m] = ctx.items.get(m).ed();
        }
        String rows = table.studyComparison(eds);
        return rows.isEmpty() ? "" : "\nThe study's occlusion row does not say where its "
                + "randomly chosen 14x14 portion lies, so two readings are measured: anywhere "
                + "inside the image (this app's reading from the start) and one of the four "
                + "quadrants (the closest to the study's numbers). Against the study:\n\n"
                + rows;
    }

    /**
     * The latent metrics of every model, in model order.
     *
     * @param codes each model's test codes (already encoded for its scatter plot)
     */
    List<LatentMetrics> latentMetrics(List<LatentCodes> codes) {
        int n = ctx.items.size();
        int[] refIdx = Split.of(ctx.data.train().size(), ctx.opts.knnReference(), 0,
                ctx.opts.seed()).train();
        Dataset refSet = ctx.data.train().subset(refIdx);
        List<LatentMetrics> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReportItem it = ctx.items.get(i);
            ctx.progress.accept("latent metrics: model " + (i + 1) + "/" + n + " (" + it.name()
                    + ")");
            LatentCodes ref = LatentCodes.encode(it.model(), refSet, BATCH);
            String which = "latent metrics: model " + (i + 1) + "/" + n + " (" + it.name()
                    + "), t-SNE ";
            out.add(LatentMetrics.of(ref, codes.get(i), Silhouette.DEFAULT_SAMPLE,
                    TsneMetrics.DEFAULT_POINTS, ctx.opts.seed(), (done, total) -> {
                        if (done % 250 == 0) {
                            ctx.progress.accept(which + done + "/" + total);
                        }
                        return true;
                    }));
        }
        return out;
    }

    /** Writes {@code latent-metrics.*}; returns the index section. */
    String latentMetricsSection(List<LatentMetrics> metrics) throws IOException {
        List<String> header = List.of("model", "ed", "pc1_ratio", "pc2_ratio",
                "silhouette_2d", "silhouette_full", "knn_accuracy", "tsne_silhouette",
                "tsne_knn_accuracy", "test_n", "reference_n", "tsne_n");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            LatentMetrics m = metrics.get(i);
            rows.add(List.of(ctx.items.get(i).name(), Integer.toString(m.encodingDim()),
                    fmt4(m.pc1Ratio()), fmt4(m.pc2Ratio()), fmt4(m.silhouette2d()),
                    fmt4(m.silhouetteFull()), fmt4(m.knnAccuracy()), fmt4(m.tsne().silhouette()),
                    fmt4(m.tsne().knnAccuracy()), Integer.toString(m.testCount()),
                    Integer.toString(m.referenceCount()), Integer.toString(m.tsne().count())));
        }
        AtomicFiles.writeString(ctx.file("latent-metrics.csv"), Tables.csv(header, rows));
        String note = "Share of variance along PC1 and PC2, silhouette by class in the PCA "
                + "plane and in the full latent space (subsample of at most "
                + Silhouette.DEFAULT_SAMPLE + "), and accuracy of a " + Knn.DEFAULT_K
                + "-nearest-neighbour classifier of the test codes against "
                + metrics.get(0).referenceCount() + " random training codes; on "
                + ctx.digitsText() + "; seed " + ctx.opts.seed() + " (both subsets). Barnes-Hut "
                + "t-SNE (theta 0.5, perplexity 30, 1,000 iterations, seed " + ctx.opts.seed()
                + ") of the "
                + "first " + metrics.get(0).tsne().count() + " test codes: silhouette by class and "
                + "leave-one-out " + Knn.DEFAULT_K + "-NN accuracy in that plane, a non-linear map "
                + "beside the PCA plane.\n";
        AtomicFiles.writeString(ctx.file("latent-metrics.md"), "# Latent-space metrics\n\n"
                + note + "\n" + Tables.markdown(header, rows));
        return "## Latent-space metrics\n\n" + note + "\n" + Tables.markdown(header, rows)
                + "\nTable: " + link("latent-metrics.md") + " · "
                + link("latent-metrics.csv") + "\n\n";
    }
}
