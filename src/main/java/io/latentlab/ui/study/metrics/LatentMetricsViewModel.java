package io.latentlab.ui.study.metrics;

import io.latentlab.analysis.LatentMetrics;
import io.latentlab.data.MnistData;
import io.latentlab.data.Seeds;
import io.latentlab.model.AtomicFiles;
import io.latentlab.service.StudyService;
import io.latentlab.study.Csv;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
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

    /** Test digits used. */
    public static final int TEST_LIMIT = 2000;
    /** Training digits used as kNN reference. */
    public static final int REFERENCE = 5000;
    /** Silhouette subsample. */
    public static final int SILHOUETTE = 1000;

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

                    @Override
                    public boolean step(JobContext j) {
                        j.checkCancelled();
                        ActiveModel m = chosen.get(out.size());
                        j.message(StudyText.format("progress.metrics", out.size() + 1,
                                chosen.size(), m.name()));
                        out.add(new MetricsRow(m.name(), StudyService.latentMetrics(m.model(),
                                data, TEST_LIMIT, REFERENCE, SILHOUETTE, Seeds.DEFAULT)));
                        j.progress(out.size(), chosen.size());
                        return out.size() < chosen.size();
                    }

                    @Override
                    public List<MetricsRow> result() {
                        return List.copyOf(out);
                    }
                });
        job.onSuccess(r -> {
            status.finishedIn("job.metricsDone");
            rows.setAll(r);
        }).onCancelled(status::cancelled).onFailure(status::failed);
        return status.submit(job);
    }

    /** @return what the metrics are computed on, with the seed of the subsets */
    public String note() {
        return StudyText.format("metrics.note", TEST_LIMIT, REFERENCE, SILHOUETTE,
                Seeds.DEFAULT);
    }

    /** @return the metrics table as CSV */
    public String csv() {
        StringBuilder b = new StringBuilder(Csv.row("name", "ed", "pc1_ratio", "pc2_ratio",
                "silhouette_2d", "silhouette_full", "knn_accuracy"));
        for (MetricsRow r : rows) {
            LatentMetrics m = r.metrics();
            b.append(Csv.row(r.name(), Integer.toString(m.encodingDim()),
                    StudyFormat.csv(m.pc1Ratio()), StudyFormat.csv(m.pc2Ratio()),
                    StudyFormat.csv(m.silhouette2d()), StudyFormat.csv(m.silhouetteFull()),
                    StudyFormat.csv(m.knnAccuracy())));
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
