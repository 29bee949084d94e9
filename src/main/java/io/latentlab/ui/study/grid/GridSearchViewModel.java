package io.latentlab.ui.study.grid;

import io.latentlab.data.AppDirs;
import io.latentlab.data.MnistData;
import io.latentlab.service.ClusterConnection;
import io.latentlab.service.GridSearchRun;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchReport;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobContext;
import io.latentlab.ui.study.common.StudyText;
import io.latentlab.ui.study.common.TabStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid search tab: the form, the search as a stepped engine job (other engine work runs
 * between its batches; progress and ETA come from the job; a cancel keeps the settings that
 * finished), the heat map, the results table and the winner, and saved searches opened from
 * or written to CSV. Needs no FX toolkit.
 */
public final class GridSearchViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(GridSearchViewModel.class);

    /**
     * One row of the results table.
     *
     * @param setting the setting
     * @param rank 1-based rank, 0 when discarded
     */
    public record SettingRow(GridSearch.SettingResult setting, int rank) {
        /** @return "kept" or "discarded: reason" */
        public String status() {
            return setting.discarded() ? "discarded: " + setting.reason() : "kept";
        }
    }

    /**
     * One heat-map cell.
     *
     * @param row LR index
     * @param col WD index
     * @param setting the setting's result
     * @param best whether it is the winner
     * @param shade 0 (lowest mean validation MSE of the kept) .. 1 (highest), NaN if discarded
     */
    public record HeatCell(int row, int col, GridSearch.SettingResult setting, boolean best,
            double shade) {}

    /**
     * What the heat map's colours span: the kept settings' mean validation MSE.
     *
     * @param min the lowest (shade 0)
     * @param max the highest (shade 1)
     */
    public record MseRange(double min, double max) {}

    private final AppContext ctx;
    private final GridForm form;
    private final TabStatus status;
    private final BooleanBinding canRun;
    private final ReadOnlyObjectWrapper<GridSearch.Result> result =
            new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ObservableList<SettingRow> settingRows = FXCollections.observableArrayList();
    private final ObservableList<HeatCell> heatCells = FXCollections.observableArrayList();
    private final ObservableList<String> workerLines = FXCollections.observableArrayList();
    private final ObjectProperty<GridSearch.SettingResult> selected =
            new SimpleObjectProperty<>(this, "selected");
    private final StringProperty winnerText = new SimpleStringProperty(this, "winnerText", "");
    private final ReadOnlyObjectWrapper<MseRange> range = new ReadOnlyObjectWrapper<>(this,
            "range");
    private final DefaultGrid defaults;
    private final ClusterViewModel cluster;
    private long opens;

    /** @param ctx shared services */
    public GridSearchViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.form = new GridForm(ctx.dataProperty());
        this.status = new TabStatus(ctx.jobs());
        canRun = Bindings.createBooleanBinding(() -> form.optionsProperty().get() != null
                && ctx.dataProperty().get() != null && !status.activeProperty().get(),
                form.optionsProperty(), ctx.dataProperty(), status.activeProperty());
        cluster = new ClusterViewModel(ctx);
        cluster.searchingProperty().bind(status.activeProperty());
        defaults = new DefaultGrid(this, AppDirs.shipped("docs/grid-search"));
        defaults.update();
    }

    /** @return the form */
    public GridForm form() {
        return form;
    }

    /** @return the cluster Run sends the fits to while connected */
    public ClusterViewModel cluster() {
        return cluster;
    }

    /** @return this tab's job, progress and message */
    public TabStatus status() {
        return status;
    }

    /** @return whether Run is possible: valid form, data loaded, no search running */
    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /**
     * Starts the grid search with the form's options as a worker job (the fits train side by side on threads of their own). Does nothing
     * unless {@link #canRunProperty}.
     *
     * @return the job, or null when nothing started
     */
    public Job<GridSearch.Result> run() {
        if (!canRun.get()) {
            return null;
        }
        GridSearch.Options opts = form.optionsProperty().get();
        MnistData data = ctx.dataProperty().get();
        ClusterConnection onCluster = cluster.connectionProperty().get();
        GridSearchRun search = onCluster != null ? new GridSearchRun(data, opts, onCluster)
                : new GridSearchRun(data, opts, form.workers());
        clear();
        // the fits train on threads of their own: the engine stays free for the views
        Job<GridSearch.Result> job = Job.stepsOnWorker(
                StudyText.format("job.grid", opts.fits(), opts.encodingDim()), new Job.Steps<>() {
                    private boolean started;
                    private List<String> shownLines = List.of();

                    @Override
                    public boolean step(JobContext c) {
                        if (!started) {
                            started = true;
                            search.start(c::isCancelled);
                        }
                        boolean more = search.step();
                        GridSearchRun.Position p = search.position();
                        c.progress(p.fraction(), 1);
                        c.message(StudyText.format("progress.grid", p.fitsDone(), p.fits(),
                                search.workers()));
                        // what each worker trains, to the FX thread only when it changed
                        List<String> lines = more ? p.activity() : List.of();
                        if (!lines.equals(shownLines)) {
                            shownLines = lines;
                            ctx.jobs().fx().execute(() -> workerLines.setAll(lines));
                        }
                        return more;
                    }

                    @Override
                    public GridSearch.Result result() throws Exception {
                        return search.result();
                    }

                    @Override
                    public void pauseChanged(boolean paused) {
                        search.pause(paused);
                    }
                });
        job.onSuccess(r -> {
            status.finishedIn("job.gridDone");
            publish(r);
        }).onCancelled(() -> keepFinished(search)).onFailure(status::failed)
                .onFinished(() -> {
                    workerLines.clear();
                    // after a failure fits may still run: end them off the FX thread
                    ctx.jobs().submit(Job.onWorker("grid workers", c -> {
                        search.close();
                        return null;
                    }).visible(false));
                });
        // the members' fits cannot be held, only cancelled
        job.pausable(onCluster == null);
        return status.submit(job);
    }

    /** @return one line per worker of the running search (what it trains), empty otherwise */
    public ObservableList<String> workerLines() {
        return workerLines;
    }

    /** Nothing lost: the settings that finished before the cancel stay on show. */
    private void keepFinished(GridSearchRun search) {
        GridSearch.Result partial = search.partial();
        if (partial.settings().isEmpty()) {
            status.cancelled();
            return;
        }
        publish(partial);
        GridSearch.Options o = search.options();
        status.cancelled(StudyText.format("job.gridPartial", partial.settings().size(),
                o.learningRates().size() * o.weightDecays().size()));
    }

    /** Cancels the search after the current batch; the settings finished so far stay. */
    public void cancel() {
        status.cancel();
    }

    private void clear() {
        result.set(null);
        file.set(null);
        settingRows.clear();
        heatCells.clear();
        selected.set(null);
        winnerText.set("");
        range.set(null);
        defaults.userChose();
        opens++; // a default still being read is not shown over this search
    }

    private void publish(GridSearch.Result r) {
        List<SettingRow> rows = new ArrayList<>();
        for (GridSearch.SettingResult s : r.settings()) {
            rows.add(new SettingRow(s, r.rank(s)));
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (GridSearch.SettingResult s : r.ranking()) {
            min = Math.min(min, s.meanValMse());
            max = Math.max(max, s.meanValMse());
        }
        List<HeatCell> cells = new ArrayList<>();
        List<Double> lrs = r.options().learningRates();
        List<Double> wds = r.options().weightDecays();
        for (GridSearch.SettingResult s : r.settings()) {
            double shade = s.discarded() ? Double.NaN : shade(s.meanValMse(), min, max);
            cells.add(new HeatCell(lrs.indexOf(s.lr()), wds.indexOf(s.wd()), s,
                    s == r.winner(), shade));
        }
        settingRows.setAll(rows);
        heatCells.setAll(cells);
        range.set(r.ranking().isEmpty() ? null : new MseRange(min, max));
        winnerText.set(winnerText(r));
        selected.set(r.winner() != null ? r.winner() : r.settings().get(0));
        result.set(r);
    }

    /**
     * @param r a grid search
     * @return "Winner: " and why (which starts with the winner), or that there is none
     */
    static String winnerText(GridSearch.Result r) {
        return r.winner() == null ? StudyText.format("winner.none", r.settings().size())
                : StudyText.format("winner.text", r.why());
    }

    /**
     * Shows a grid search saved earlier (its summary CSV and the curves file next to it, as
     * {@link #writeCsv} and the {@code grid-search} command write them) and puts its options
     * into the form. It is judged by today's discard rule: a file without its fold baselines
     * gets them from the loaded data (without data, the never-learned rule is not applied and
     * the message says so). Read by a worker job; on failure the message names the file and
     * the problem and the shown result stays. Does nothing while a search runs.
     *
     * @param summary the summary CSV
     * @return the job, or null when nothing started
     */
    public Job<GridSearch.Result> open(Path summary) {
        return open(summary, false);
    }

    /**
     * @param summary the summary CSV
     * @param byDefault whether it is the study's search for the active model's ED, opened
     *     without being asked (it gives way to the next one; the user's own search stays)
     * @return the job, or null when nothing started
     */
    Job<GridSearch.Result> open(Path summary, boolean byDefault) {
        if (status.activeProperty().get()) {
            return null;
        }
        MnistData data = ctx.dataProperty().get();
        // the latest request wins: a default read finishing late never hides the user's file
        long request = ++opens;
        return ctx.jobs().submit(Job.onWorker(StudyText.format("job.gridOpening",
                summary.getFileName()), c -> GridSearchReport.read(summary, data))
                .visible(false)
                .onSuccess(r -> {
                    if (status.activeProperty().get() || request != opens) {
                        return;
                    }
                    form.show(r.options());
                    publish(r);
                    file.set(summary);
                    defaults.shown(byDefault ? summary : null, r.baselines() != null);
                    status.show(StudyText.format(r.baselines() == null ? "job.gridOpenedNoData"
                            : byDefault ? "job.gridDefault" : "job.gridOpened",
                            summary.getFileName(), r.options().encodingDim()));
                })
                .onFailure(e -> {
                    // a read superseded by a newer one says nothing over the user's search;
                    // a default that cannot be read is logged, not shown: nobody asked for it
                    if (request != opens) {
                        return;
                    }
                    if (byDefault) {
                        LOG.warn("study grid search {} not shown: {}", summary, e.toString());
                    } else {
                        status.showError(e);
                    }
                }));
    }

    /**
     * Writes the summary CSV and, next to it, the curves CSV; the report then includes it.
     *
     * @param summary the summary file
     * @throws IOException on failure
     * @throws IllegalStateException if there is no result
     */
    public void writeCsv(Path summary) throws IOException {
        GridSearch.Result r = result.get();
        if (r == null) {
            throw new IllegalStateException("no grid search result yet");
        }
        GridSearchReport.write(r, summary);
        file.set(summary);
    }

    /**
     * Position of a value between min and max on a log scale.
     *
     * @param v a value
     * @param min the lowest
     * @param max the highest
     * @return 0..1
     */
    static double shade(double v, double min, double max) {
        if (!(max > min) || !(v > 0) || !(min > 0)) {
            return 0;
        }
        double t = (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min));
        return Math.max(0, Math.min(1, t));
    }

    /** @return the shown result (finished, partial after a cancel, or opened), or null */
    public ReadOnlyObjectProperty<GridSearch.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /**
     * @return the summary CSV the shown search was opened from or last saved to (the report
     *     includes it), or null when it is unsaved or none is shown
     */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** @return the results table rows, in grid order */
    public ObservableList<SettingRow> settingRows() {
        return settingRows;
    }

    /** @return the heat-map cells */
    public ObservableList<HeatCell> heatCells() {
        return heatCells;
    }

    /** @return the setting whose curves are shown */
    public ObjectProperty<GridSearch.SettingResult> selectedProperty() {
        return selected;
    }

    /** @return the span of the heat map's colours, or null when no setting was kept */
    public ReadOnlyObjectProperty<MseRange> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    /**
     * @param folder where the study's searches are ({@code edN.csv}); by default
     *     {@code docs/grid-search}
     */
    public void setDefaultFolder(Path folder) {
        defaults.setFolder(folder);
    }

    /** @return the winner and why */
    public StringProperty winnerTextProperty() {
        return winnerText;
    }

    /** @return the context */
    public AppContext context() {
        return ctx;
    }
}
