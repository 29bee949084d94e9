package io.latentlab.ui.study.metrics;

import io.latentlab.analysis.LatentCodes;
import io.latentlab.analysis.LatentMetrics;
import io.latentlab.analysis.TsneMetrics;
import io.latentlab.data.MnistData;
import io.latentlab.data.Seeds;
import io.latentlab.model.AtomicFiles;
import io.latentlab.service.StudyService;
import io.latentlab.study.Csv;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.jobs.Durations;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobContext;
import io.latentlab.ui.study.common.ModelChoice;
import io.latentlab.ui.study.common.StudyFormat;
import io.latentlab.ui.study.common.StudyText;
import io.latentlab.ui.study.common.TabStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The latent metrics tab: PCA variance, silhouettes and kNN accuracy of the chosen models'
 * codes, one model per step of an engine job (other engine work runs between models). A
 * cancelled or failed run publishes nothing. Needs no FX toolkit.
 */
public final class LatentMetricsViewModel {

    /** Test digits used: all of MNIST's (Barnes-Hut t-SNE embeds them all in about 20 s). */
    public static final int TEST_LIMIT = 10_000;
    /** Training digits used as kNN reference. */
    public static final int REFERENCE = 5000;
    /** Silhouette subsample. */
    public static final int SILHOUETTE = 1000;
    /** Test digits t-SNE embeds, the first of the {@link #TEST_LIMIT}. */
    public static final int TSNE_POINTS = TsneMetrics.DEFAULT_POINTS;

    /**
     * Latent metrics of one model.
     *
     * @param name model name
     * @param metrics the metrics
     */
    public record MetricsRow(String name, LatentMetrics metrics) {}

    private final AppContext ctx;
    private final ModelChoice models;
    private final TabStatus status;
    private final BooleanBinding canRun;
    private final ObservableList<MetricsRow> rows = FXCollections.observableArrayList();

    /** @param ctx shared services */
    public LatentMetricsViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.models = new ModelChoice(ctx.models(), ctx.sortedModels());
        this.status = new TabStatus(ctx.jobs());
        canRun = Bindings.createBooleanBinding(() -> !status.activeProperty().get()
                && !models.chosen().isEmpty() && ctx.dataProperty().get() != null,
                status.activeProperty(), models.chosen(), ctx.dataProperty());
    }

    /**
     * Computes the metrics of the chosen models (first {@value #TEST_LIMIT} test digits,
     * {@value #REFERENCE} training digits as kNN reference). Does nothing unless
     * {@link #canRunProperty}.
     *
     * @return the job, or null when nothing started
     */
    public Job<List<MetricsRow>> run() {
        if (!canRun.get()) {
            return null;
        }
        MnistData data = ctx.dataProperty().get();
        List<ActiveModel> chosen = List.copyOf(models.chosen());
        Job<List<MetricsRow>> job = Job.steps(StudyText.format("job.metrics", chosen.size()),
                new Job.Steps<List<MetricsRow>>() {
                    private final List<MetricsRow> out = new ArrayList<>();
                    private final List<LatentCodes> codes = new ArrayList<>();

                    @Override
                    public boolean step(JobContext j) {
                        j.checkCancelled();
                        ActiveModel m = chosen.get(out.size());
                        j.message(StudyText.format("progress.metrics", out.size() + 1,
                                chosen.size(), m.name()));
                        // encoded once: the PCA metrics now, t-SNE on a worker after (plain
                        // arrays), so the engine stays free
                        LatentCodes test = StudyService.testCodes(m.model(), data, TEST_LIMIT);
                        out.add(new MetricsRow(m.name(), StudyService.latentMetrics(m.model(),
                                data, test, REFERENCE, SILHOUETTE, Seeds.DEFAULT)));
                        codes.add(test);
                        j.progress(out.size(), chosen.size());
                        return out.size() < chosen.size();
                    }

                    @Override
                    public List<MetricsRow> result() {
                        tsneInput = List.copyOf(codes);
                        return List.copyOf(out);
                    }
                });
        job.onSuccess(r -> {
            rows.setAll(r);
            runTsne(tsneInput, job.elapsedSeconds(System.nanoTime()));
        }).onCancelled(status::cancelled).onFailure(status::failed);
        return status.submit(job);
    }

    /** The test codes of the last run, for its t-SNE (set on the engine, read on FX after). */
    private volatile List<LatentCodes> tsneInput = List.of();

    /**
     * Second phase: t-SNE of each model's codes on a worker (tens of seconds each), filling the
     * t-SNE columns of the rows already shown; cancel keeps the PCA metrics.
     */
    private void runTsne(List<LatentCodes> codes, double firstPhaseSeconds) {
        int points = Math.min(TSNE_POINTS, TEST_LIMIT);
        List<String> names = rows.stream().map(MetricsRow::name).toList();
        Job<List<TsneMetrics>> job = Job.onWorker(StudyText.format("job.tsne", codes.size()),
                j -> {
                    List<TsneMetrics> out = new ArrayList<>();
                    for (LatentCodes c : codes) {
                        int done = out.size();
                        j.message(StudyText.format("progress.tsne", done + 1, codes.size(),
                                done < names.size() ? names.get(done) : ""));
                        out.add(TsneMetrics.of(c, points, Seeds.DEFAULT, (it, total) -> {
                            j.progress(done + (double) it / total, codes.size());
                            return !j.isCancelled();
                        }));
                    }
                    return out;
                });
        job.onSuccess(t -> {
            List<MetricsRow> filled = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                MetricsRow r = rows.get(i);
                filled.add(i < t.size() ? new MetricsRow(r.name(), r.metrics().withTsne(t.get(i)))
                        : r);
            }
            rows.setAll(filled);
            // both phases: the time the user waited for the whole table
            status.finished(StudyText.format("job.metricsDone", Durations.format(
                    firstPhaseSeconds + job.elapsedSeconds(System.nanoTime()))));
        }).onCancelled(() -> status.cancelled(StudyText.get("metrics.tsneCancelled")))
                .onFailure(status::failed);
        status.submit(job);
    }


    /** @return what the metrics are computed on, with the seed of the subsets */
    public String note() {
        return StudyText.format("metrics.note", TEST_LIMIT, REFERENCE, SILHOUETTE,
                Seeds.DEFAULT, TSNE_POINTS);
    }

    /** @return the metrics table as CSV */
    public String csv() {
        StringBuilder b = new StringBuilder(Csv.row("name", "ed", "pc1_ratio", "pc2_ratio",
                "silhouette_2d", "silhouette_full", "knn_accuracy", "tsne_silhouette",
                "tsne_knn_accuracy"));
        for (MetricsRow r : rows) {
            LatentMetrics m = r.metrics();
            b.append(Csv.row(r.name(), Integer.toString(m.encodingDim()),
                    StudyFormat.csv(m.pc1Ratio()), StudyFormat.csv(m.pc2Ratio()),
                    StudyFormat.csv(m.silhouette2d()), StudyFormat.csv(m.silhouetteFull()),
                    StudyFormat.csv(m.knnAccuracy()), StudyFormat.csv(m.tsne().silhouette()),
                    StudyFormat.csv(m.tsne().knnAccuracy())));
        }
        return b.toString();
    }

    /**
     * @param file where to write {@link #csv()}, atomically
     * @throws IOException on failure
     */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeString(file, csv());
    }

    /** Cancels after the current model; nothing is published. */
    public void cancel() {
        status.cancel();
    }

    /** @return the models to measure */
    public ModelChoice models() {
        return models;
    }

    /** @return this tab's job, progress and message */
    public TabStatus status() {
        return status;
    }

    /** @return whether Compute is possible */
    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** @return the latest metrics, one row per model */
    public ObservableList<MetricsRow> rows() {
        return rows;
    }

    /** @return the context */
    public AppContext context() {
        return ctx;
    }
}
