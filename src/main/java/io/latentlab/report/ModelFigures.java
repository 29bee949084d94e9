package io.latentlab.report;

import static io.latentlab.report.ReportContext.BATCH;
import static io.latentlab.report.ReportContext.CHART_H;
import static io.latentlab.report.ReportContext.CHART_W;
import static io.latentlab.report.ReportContext.SCALE;
import static io.latentlab.report.ReportContext.anyFinite;
import static io.latentlab.report.ReportContext.image;

import io.latentlab.analysis.LatentCodes;
import io.latentlab.analysis.Pca;
import io.latentlab.model.CheckpointException;
import io.latentlab.study.ReconstructionGrid;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.RunCheckpoint;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one model: loss curve, latent scatter and reconstruction grid. */
final class ModelFigures {

    private final ReportContext ctx;

    ModelFigures(ReportContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Writes the model's figures and appends its index section to {@code sec}.
     *
     * @return the codes of the test digits, for the latent metrics
     */
    LatentCodes write(ReportItem it, StringBuilder sec) throws IOException {
        sec.append("### ").append(it.label()).append("\n\n")
                .append("Checkpoint: `").append(it.dir().toAbsolutePath().normalize())
                .append("`\n\n");
        lossFigure(it, sec);
        LatentCodes c = LatentCodes.encode(it.model(), ctx.test, BATCH);
        latentFigure(it, c, sec);
        reconFigure(it, sec);
        return c;
    }

    private void lossFigure(ReportItem it, StringBuilder sec) throws IOException {
        Path history = RunCheckpoint.historyFile(it.dir());
        if (!Files.exists(history)) {
            sec.append("No `history.csv` in the checkpoint folder, so no loss curve.\n\n");
            return;
        }
        List<EpochMetrics> epochs;
        try {
            epochs = RunCheckpoint.readHistory(history);
        } catch (CheckpointException e) {
            ctx.progress.accept("skipped loss curve of " + it.name() + ": " + e.getMessage());
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
        ctx.png(img, file);
        sec.append(image(file, "loss of " + it.name()))
                .append("Train (mean batch loss), validation and test MSE per epoch from "
                        + "`history.csv` (").append(len).append(" epochs")
                .append(best > 0 ? ", best epoch " + best : "").append(").\n\n");
    }

    private void latentFigure(ReportItem it, LatentCodes c, StringBuilder sec)
            throws IOException {
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
        ctx.png(img, file);
        sec.append(image(file, "latent space of " + it.name()))
                .append("The codes of ").append(c.n()).append(" test digits projected "
                        + "onto their first two principal components, coloured by class.\n\n");
    }

    private void reconFigure(ReportItem it, StringBuilder sec) throws IOException {
        int count = Math.min(ctx.opts.digits(), ctx.test.size());
        // same per-image seeding as the noise table, so these are the digits it scores
        ReconstructionGrid grid = ReconstructionGrid.compute(it.label(), it.model(), ctx.test,
                count, ctx.opts.seed(), ctx.opts.clip());
        BufferedImage img = Charts.reconstructionGrid(grid, "Reconstructions by "
                + it.label(), SCALE);
        String file = "recon-" + it.name() + ".png";
        ctx.png(img, file);
        sec.append(image(file, "reconstructions by " + it.name()))
                .append("The first ").append(count).append(" test digits under each noise: "
                        + "noisy input above its reconstruction (inputs shown clamped to "
                        + "[0, 1]; noise seed ").append(ctx.opts.seed()).append(").\n\n");
    }
}
