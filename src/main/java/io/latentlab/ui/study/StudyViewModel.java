package io.latentlab.ui.study;

import io.latentlab.data.MnistData;
import io.latentlab.service.ReportService;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.study.common.StudyText;
import io.latentlab.ui.study.common.TabStatus;
import io.latentlab.ui.study.ed.EncodingDimViewModel;
import io.latentlab.ui.study.grid.GridSearchViewModel;
import io.latentlab.ui.study.metrics.LatentMetricsViewModel;
import io.latentlab.ui.study.noise.NoiseViewModel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;

/**
 * The Study room: its four tabs' view models, each with its own jobs and messages, and the
 * report over all of them (written by an engine job; the view only asks for the folder).
 * Needs no FX toolkit.
 */
public final class StudyViewModel {

    private final AppContext ctx;
    private final GridSearchViewModel grid;
    private final EncodingDimViewModel ed;
    private final NoiseViewModel noise;
    private final LatentMetricsViewModel metrics;
    private final TabStatus report;
    private final BooleanBinding canWriteReport;
    private final BooleanBinding busy;

    /** @param ctx shared services */
    public StudyViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.grid = new GridSearchViewModel(ctx);
        this.ed = new EncodingDimViewModel(ctx);
        this.noise = new NoiseViewModel(ctx);
        this.metrics = new LatentMetricsViewModel(ctx);
        this.report = new TabStatus(ctx.jobs());
        canWriteReport = Bindings.createBooleanBinding(() -> !report.activeProperty().get()
                && ctx.dataProperty().get() != null && !savedModels().isEmpty(),
                report.activeProperty(), ctx.dataProperty(), ctx.models());
        busy = grid.status().activeProperty().or(noise.status().activeProperty())
                .or(metrics.status().activeProperty()).or(report.activeProperty());
    }

    private List<Path> savedModels() {
        return ctx.models().stream().map(ActiveModel::dir).filter(Objects::nonNull).distinct()
                .toList();
    }

    /**
     * Writes the study report (every figure and table, as {@code latent-lab report} does) for
     * all saved models into {@code dir}, with the grid search on show when it is saved in a
     * file. A visible, cancellable engine job; its progress and outcome are {@link #report()}.
     *
     * @param dir output folder
     * @return the job (its result is the index page), or null when nothing can be reported
     */
    public Job<Path> writeReport(Path dir) {
        MnistData data = ctx.dataProperty().get();
        List<Path> models = savedModels();
        if (!canWriteReport.get()) {
            report.showError(new IllegalStateException(StudyText.get("report.none")));
            return null;
        }
        Path gridFile = grid.fileProperty().get();
        Job<Path> job = Job.onEngine(StudyText.get("report.job"), c -> ReportService.write(dir,
                models, data, gridFile, c::message, c::isCancelled).index());
        job.onSuccess(index -> report.finished(StudyText.format("report.done", index)))
                .onCancelled(() -> report.cancelled(StudyText.get("report.cancelled")))
                .onFailure(report::failed);
        return report.submit(job);
    }

    /** @return whether a report can be written: data, a saved model, none being written */
    public BooleanBinding canWriteReportProperty() {
        return canWriteReport;
    }

    /** @return the report's job, progress and message */
    public TabStatus report() {
        return report;
    }

    /** @return whether any job of the room runs */
    public BooleanBinding busyProperty() {
        return busy;
    }

    /** @return the grid search tab */
    public GridSearchViewModel grid() {
        return grid;
    }

    /** @return the encoding-dimension tab */
    public EncodingDimViewModel ed() {
        return ed;
    }

    /** @return the noise robustness tab */
    public NoiseViewModel noise() {
        return noise;
    }

    /** @return the latent metrics tab */
    public LatentMetricsViewModel metrics() {
        return metrics;
    }

    /** @return the context */
    public AppContext context() {
        return ctx;
    }
}
