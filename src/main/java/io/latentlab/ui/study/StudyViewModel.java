package io.latentlab.ui.study;

import io.latentlab.analysis.LatentMetrics;
import io.latentlab.data.MnistData;
import io.latentlab.model.AtomicFiles;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchReport;
import io.latentlab.study.NoiseTable;
import io.latentlab.study.ReconstructionGrid;
import io.latentlab.study.StudyReference;
import io.latentlab.training.TrainingControl;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.FormFields;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.LegacyStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.BooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * State and actions of the Study view: the grid search (form, run, heat map, results), the
 * encoding-dimension summary of the available models, the noise table and the latent metrics.
 *
 * <p>All model work runs on the context's DJL thread; progress is queued there and moved into
 * the observable state by {@link #drain()} (the view calls it from a Timeline, tests call it
 * directly). Results are published on the context's FX executor in one step, so a cancelled
 * or failed job never leaves half a result behind. Needs no FX toolkit.
 */
public final class StudyViewModel {

    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(StudyViewModel.class);

    /** Fields of the grid search form. */
    public enum Field {
        /** Encoding dimension. */ ED,
        /** Learning rates, comma separated. */ LRS,
        /** Weight decays, comma separated. */ WDS,
        /** Folds. */ FOLDS,
        /** Epochs per fit. */ EPOCHS,
        /** Batch size. */ BATCH,
        /** Training subset size (0 = all). */ TRAIN_LIMIT,
        /** Seed. */ SEED,
        /** Max final validation loss. */ MAX_LOSS,
        /** Oscillation threshold. */ OSCILLATION
    }

    /** Where a study job stands. */
    public enum State {
        /** Nothing ran yet. */ IDLE,
        /** Running. */ RUNNING,
        /** Cancel requested. */ STOPPING,
        /** Ended with a result. */ FINISHED,
        /** Cancelled by the user. */ CANCELLED,
        /** Failed with an error. */ FAILED;

        /** @return whether a job is in progress */
        public boolean active() {
            return this == RUNNING || this == STOPPING;
        }
    }

    /**
     * One row of the grid search results table.
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
     * One row of the models table (from checkpoint metadata).
     *
     * @param name display name
     * @param ed encoding dimension
     * @param testMse test MSE (NaN if unknown)
     * @param valMse validation MSE (NaN if unknown)
     * @param epochs epochs trained ("" if unknown)
     * @param bestEpoch best epoch ("" if unknown)
     * @param earlyStopped "yes", "no" or ""
     */
    public record ModelRow(String name, int ed, double testMse, double valMse, String epochs,
            String bestEpoch, String earlyStopped) {

        /** @return the study's published test MSE at this ED, NaN when it gives none */
        public double studyTestMse() {
            return StudyReference.testMseOrNaN(ed);
        }

        static ModelRow of(ActiveModel m) {
            ModelMetadata md = m.metadata();
            String es = md.get("early_stopped");
            return new ModelRow(m.name(), md.encodingDim(), md.getDouble("test_mse"),
                    md.getDouble("val_mse"), orEmpty(md.get("epochs")),
                    orEmpty(md.get("best_epoch")),
                    es == null ? "" : Boolean.parseBoolean(es) ? "yes" : "no");
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }
    }

    /**
     * Latent metrics of one model.
     *
     * @param name model name
     * @param metrics the metrics
     */
    public record MetricsRow(String name, LatentMetrics metrics) {}

    /** Noise table default limit: the first 2000 test digits, fast enough for the GUI. */
    public static final String DEFAULT_NOISE_LIMIT = "2000";
    /** Test digits used by the latent metrics. */
    static final int METRICS_TEST_LIMIT = 2000;
    /** Test digits in the noise tab's reconstruction grids. */
    static final int GRID_DIGITS = 8;
    /** Training digits used as kNN reference by the latent metrics. */
    static final int METRICS_REFERENCE = 5000;
    /** Silhouette subsample of the latent metrics. */
    static final int METRICS_SILHOUETTE = 1000;

    private final AppContext ctx;
    private final Executor fx;
    private final ResourceBundle strings;
    private final FormFields<Field> fields;
    private final StringProperty formError = new SimpleStringProperty(this, "formError", "");
    private final ReadOnlyObjectWrapper<GridSearch.Options> options =
            new ReadOnlyObjectWrapper<>(this, "options");
    private final ObjectProperty<State> gridState =
            new SimpleObjectProperty<>(this, "gridState", State.IDLE);
    private final ObjectProperty<State> noiseState =
            new SimpleObjectProperty<>(this, "noiseState", State.IDLE);
    private final ObjectProperty<State> metricsState =
            new SimpleObjectProperty<>(this, "metricsState", State.IDLE);
    private final BooleanBinding busy;
    private final BooleanBinding canRunGrid;
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty progressText = new SimpleStringProperty(this, "progressText", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ObjectProperty<String> error = new SimpleObjectProperty<>(this, "error");

    private final ObjectProperty<GridSearch.Result> gridResult =
            new SimpleObjectProperty<>(this, "gridResult");
    /** Where the shown grid search is saved (opened from or written to), or null. */
    private final ObjectProperty<Path> gridFile = new SimpleObjectProperty<>(this, "gridFile");
    private final ObservableList<SettingRow> settingRows = FXCollections.observableArrayList();
    private final ObservableList<HeatCell> heatCells = FXCollections.observableArrayList();
    private final ObjectProperty<GridSearch.SettingResult> selectedSetting =
            new SimpleObjectProperty<>(this, "selectedSetting");
    private final StringProperty winnerText = new SimpleStringProperty(this, "winnerText", "");

    private final ObservableList<ModelRow> modelRows = FXCollections.observableArrayList();

    private final ObservableList<ActiveModel> noiseModels = FXCollections.observableArrayList();
    private final StringProperty noiseLimit =
            new SimpleStringProperty(this, "noiseLimit", DEFAULT_NOISE_LIMIT);
    private final StringProperty noiseSeed = new SimpleStringProperty(this, "noiseSeed", "42");
    private final BooleanProperty noiseClip = new SimpleBooleanProperty(this, "noiseClip", false);
    private final StringProperty noiseError = new SimpleStringProperty(this, "noiseError", "");
    private final ObservableList<ReconstructionGrid> noiseGrids =
            FXCollections.observableArrayList();
    private final ObjectProperty<NoiseTable> noiseTable =
            new SimpleObjectProperty<>(this, "noiseTable");

    private final ObservableList<ActiveModel> metricsModels = FXCollections.observableArrayList();
    private final ObservableList<MetricsRow> metricsRows = FXCollections.observableArrayList();

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private volatile TrainingControl gridControl;
    private volatile boolean noiseCancelled;
    private volatile boolean metricsCancelled;
    private long startNanos;

    /** Progress of a noise or metrics job. */
    private record Step(int done, int total) {}

    /**
     * @param ctx shared services; its executor is used for UI updates
     */
    public StudyViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.fx = ctx.fx();
        this.strings = ResourceBundle.getBundle("io.latentlab.ui.study.strings",
                Locale.getDefault());
        Map<Field, String> initial = new EnumMap<>(Field.class);
        initial.put(Field.ED, "32");
        initial.put(Field.LRS, "1e-2, 1e-3, 1e-4");
        initial.put(Field.WDS, "1e-3, 1e-4, 1e-5");
        initial.put(Field.FOLDS, "3");
        initial.put(Field.EPOCHS, "5");
        initial.put(Field.BATCH, "1000");
        initial.put(Field.TRAIN_LIMIT, "6000");
        initial.put(Field.SEED, "1");
        initial.put(Field.MAX_LOSS, "0.1");
        initial.put(Field.OSCILLATION, "0.25");
        fields = new FormFields<>(Field.class, this, initial, this::validate);
        ctx.dataProperty().addListener((o, a, b) -> validate());
        busy = Bindings.createBooleanBinding(() -> gridState.get().active()
                || noiseState.get().active() || metricsState.get().active(),
                gridState, noiseState, metricsState);
        canRunGrid = Bindings.createBooleanBinding(() -> options.get() != null
                && ctx.dataProperty().get() != null && !busy.get(),
                options, ctx.dataProperty(), busy);
        noiseLimit.addListener((o, a, b) -> validateNoise());
        noiseSeed.addListener((o, a, b) -> validateNoise());
        ctx.models().addListener((ListChangeListener<ActiveModel>) c -> modelsChanged());
        modelsChanged();
        validate();
        validateNoise();
    }

    /** @return the UI strings of this view */
    public ResourceBundle strings() {
        return strings;
    }

    String text(String key) {
        return strings.getString(key);
    }

    // ---- grid search form -------------------------------------------------------------

    /**
     * @param f a field
     * @return its text as typed
     */
    public StringProperty valueProperty(Field f) {
        return fields.value(f);
    }

    /**
     * @param f a field
     * @return why its value is invalid, or ""
     */
    public StringProperty errorProperty(Field f) {
        return fields.error(f);
    }

    /** @return an error involving several fields, or "" */
    public StringProperty formErrorProperty() {
        return formError;
    }

    /** @return the options the form describes, null while invalid */
    public ReadOnlyObjectProperty<GridSearch.Options> optionsProperty() {
        return options.getReadOnlyProperty();
    }

    /**
     * Parses a list of numbers separated by commas, semicolons or spaces.
     *
     * @param text the text
     * @return the numbers
     * @throws NumberFormatException if a part is not a number or there is none
     */
    static List<Double> parseList(String text) {
        List<Double> out = new ArrayList<>();
        for (String part : (text == null ? "" : text).trim().split("[,;\\s]+")) {
            if (!part.isEmpty()) {
                out.add(Double.parseDouble(part));
            }
        }
        if (out.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        return out;
    }

    private void validate() {
        boolean ok = true;
        Map<Field, Object> parsed = new EnumMap<>(Field.class);
        for (Field f : Field.values()) {
            String s = fields.text(f);
            String err = "";
            try {
                Object v = switch (f) {
                    case LRS, WDS -> parseList(s);
                    case SEED -> Long.parseLong(s);
                    case MAX_LOSS, OSCILLATION -> Double.parseDouble(s);
                    default -> Integer.parseInt(s);
                };
                parsed.put(f, v);
                err = check(f, v);
            } catch (NumberFormatException e) {
                err = text(switch (f) {
                    case LRS, WDS -> "error.notList";
                    case MAX_LOSS, OSCILLATION -> "error.notNumber";
                    default -> "error.notInteger";
                });
            }
            fields.error(f).set(err);
            ok &= err.isEmpty();
        }
        formError.set("");
        if (ok) {
            MnistData data = ctx.dataProperty().get();
            int limit = (Integer) parsed.get(Field.TRAIN_LIMIT);
            if (data != null) {
                int pool = limit == 0 ? data.train().size() : limit;
                if (limit > data.train().size()) {
                    fields.error(Field.TRAIN_LIMIT).set(String.format(text("error.trainLimit"),
                            data.train().size()));
                    ok = false;
                } else if ((Integer) parsed.get(Field.FOLDS) > pool) {
                    fields.error(Field.FOLDS).set(String.format(text("error.folds"), pool));
                    ok = false;
                }
            }
        }
        if (!ok) {
            options.set(null);
            return;
        }
        try {
            @SuppressWarnings("unchecked")
            List<Double> lrs = (List<Double>) parsed.get(Field.LRS);
            @SuppressWarnings("unchecked")
            List<Double> wds = (List<Double>) parsed.get(Field.WDS);
            options.set(new GridSearch.Options((Integer) parsed.get(Field.ED), lrs, wds,
                    (Integer) parsed.get(Field.FOLDS), (Integer) parsed.get(Field.EPOCHS),
                    (Integer) parsed.get(Field.BATCH), (Long) parsed.get(Field.SEED),
                    (Integer) parsed.get(Field.TRAIN_LIMIT), (Double) parsed.get(Field.MAX_LOSS),
                    (Double) parsed.get(Field.OSCILLATION)));
        } catch (IllegalArgumentException e) {
            formError.set(e.getMessage());
            options.set(null);
        }
    }

    /** The rules of one field alone; "" when fine. */
    @SuppressWarnings("unchecked")
    private String check(Field f, Object v) {
        return switch (f) {
            case ED -> range((Integer) v, 1, 4096);
            case FOLDS -> (Integer) v >= 2 ? "" : text("error.folds2");
            case EPOCHS, BATCH -> (Integer) v >= 1 ? "" : text("error.positive");
            case TRAIN_LIMIT -> (Integer) v >= 0 ? "" : text("error.nonNegative");
            case SEED -> "";
            case MAX_LOSS, OSCILLATION -> (Double) v > 0 && Double.isFinite((Double) v) ? ""
                    : text("error.positive");
            case LRS -> ((List<Double>) v).stream().allMatch(x -> x > 0 && x <= 10) ? ""
                    : text("error.lr");
            case WDS -> ((List<Double>) v).stream().allMatch(x -> x >= 0 && x <= 1) ? ""
                    : text("error.wd");
        };
    }

    private String range(int v, int min, int max) {
        return v >= min && v <= max ? "" : String.format(text("error.range"), min, max);
    }

    // ---- grid search run ---------------------------------------------------------------

    /** @return whether Run is possible: valid form, data loaded, no study job running */
    public BooleanBinding canRunGridProperty() {
        return canRunGrid;
    }

    /** @return whether any study job runs */
    public BooleanBinding busyProperty() {
        return busy;
    }

    /**
     * Starts the grid search with the form's options. Does nothing unless
     * {@link #canRunGridProperty}.
     *
     * @return completes after the UI was updated, when the search has ended in any way
     */
    public CompletableFuture<Void> runGrid() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!canRunGrid.get()) {
            done.complete(null);
            return done;
        }
        GridSearch.Options opts = options.get();
        MnistData data = ctx.dataProperty().get();
        TrainingControl control = new TrainingControl();
        gridControl = control;
        queue.clear();
        gridResult.set(null);
        gridFile.set(null);
        settingRows.clear();
        heatCells.clear();
        selectedSetting.set(null);
        winnerText.set("");
        beginJob(gridState, String.format(text("job.grid"), opts.fits(), opts.encodingDim()),
                this::cancelGrid);
        DjlThread djl = ctx.djl();
        djl.submit(() -> GridSearch.run(data, opts, queue::add, control, djl::runQueued))
                .whenComplete((r, err) -> fx.execute(() -> {
                    try {
                        gridControl = null;
                        drain();
                        if (endJob(gridState, err, "job.gridDone")) {
                            publishGrid(r);
                        } else if (cause(err) instanceof GridSearch.Cancelled c
                                && !c.partial().settings().isEmpty()) {
                            // nothing lost: show the settings that finished before the cancel
                            publishGrid(c.partial());
                            message.set(String.format(text("job.gridPartial"),
                                    c.partial().settings().size(), opts.learningRates().size()
                                            * opts.weightDecays().size()));
                        }
                    } finally {
                        done.complete(null);
                    }
                }));
        return done;
    }

    /** Cancels the grid search after the current batch. */
    public void cancelGrid() {
        TrainingControl c = gridControl;
        if (c != null && gridState.get() == State.RUNNING) {
            c.cancel();
            gridState.set(State.STOPPING);
            message.set(text("state.STOPPING"));
        }
    }

    private void publishGrid(GridSearch.Result r) {
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
        winnerText.set(r.winner() == null ? text("winner.none") + " (" + r.why() + ")"
                : String.format(text("winner.text"), r.winner().label(), r.why()));
        selectedSetting.set(r.winner() != null ? r.winner() : r.settings().get(0));
        gridResult.set(r);
    }

    /**
     * Shows a grid search saved earlier (its summary CSV and the curves file next to it, as
     * {@link #writeGridCsv} and the {@code grid-search} command write them) and puts its
     * options into the form, so Run would repeat it. The files are read off the FX thread; on
     * failure the error property gets a message naming the file and the problem and the shown
     * result stays. Does nothing while a study job runs.
     *
     * @param summary the summary CSV
     * @return completes once the UI was updated, in any case
     */
    public CompletableFuture<Void> openGrid(Path summary) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (busy.get()) {
            done.complete(null);
            return done;
        }
        CompletableFuture.supplyAsync(() -> {
            try {
                return GridSearchReport.read(summary);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }).whenComplete((r, err) -> fx.execute(() -> {
            try {
                if (err != null) {
                    Throwable cause = cause(err);
                    String msg = cause.getMessage() == null ? cause.toString() : cause.getMessage();
                    message.set(text("state.FAILED") + ": " + msg);
                    error.set(null);
                    error.set(msg);
                } else if (!busy.get()) {
                    showOptions(r.options());
                    gridState.set(State.IDLE);
                    publishGrid(r);
                    gridFile.set(summary);
                    message.set(String.format(text("job.gridOpened"), summary.getFileName()));
                }
            } finally {
                done.complete(null);
            }
        }));
        return done;
    }

    private void showOptions(GridSearch.Options o) {
        valueProperty(Field.ED).set(Integer.toString(o.encodingDim()));
        valueProperty(Field.LRS).set(joinNumbers(o.learningRates()));
        valueProperty(Field.WDS).set(joinNumbers(o.weightDecays()));
        valueProperty(Field.FOLDS).set(Integer.toString(o.folds()));
        valueProperty(Field.EPOCHS).set(Integer.toString(o.epochs()));
        valueProperty(Field.BATCH).set(Integer.toString(o.batchSize()));
        valueProperty(Field.TRAIN_LIMIT).set(Integer.toString(o.trainLimit()));
        valueProperty(Field.SEED).set(Long.toString(o.seed()));
        valueProperty(Field.MAX_LOSS).set(GridSearch.num(o.maxLoss()));
        valueProperty(Field.OSCILLATION).set(GridSearch.num(o.oscillation()));
    }

    private static String joinNumbers(List<Double> values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(GridSearch.num(v));
        }
        return String.join(", ", parts);
    }

    /** Position of a value between min and max on a log scale, 0..1. */
    static double shade(double v, double min, double max) {
        if (!(max > min) || !(v > 0) || !(min > 0)) {
            return 0;
        }
        double t = (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min));
        return Math.max(0, Math.min(1, t));
    }

    /**
     * Writes the grid search summary CSV and, next to it, the curves CSV.
     *
     * @param file the summary file
     * @throws IOException on failure
     * @throws IllegalStateException if there is no result
     */
    public void writeGridCsv(Path file) throws IOException {
        GridSearch.Result r = gridResult.get();
        if (r == null) {
            throw new IllegalStateException("no grid search result yet");
        }
        GridSearchReport.write(r, file);
        gridFile.set(file);
    }

    // ---- models (encoding dimension) ---------------------------------------------------

    private void modelsChanged() {
        List<ModelRow> rows = new ArrayList<>();
        for (ActiveModel m : ctx.models()) {
            try {
                rows.add(ModelRow.of(m));
            } catch (RuntimeException e) {
                LOG.debug("model without a readable ED: {}", m.name());
            }
        }
        rows.sort(Comparator.comparingInt(ModelRow::ed).thenComparing(ModelRow::name));
        modelRows.setAll(rows);
        noiseModels.removeIf(m -> !ctx.models().contains(m));
        metricsModels.removeIf(m -> !ctx.models().contains(m));
    }

    /** @return the available models, sorted by ED */
    public ObservableList<ModelRow> modelRows() {
        return modelRows;
    }

    /**
     * The study's published test MSE at the EDs of {@link #testMseByEd()} that it gives one for,
     * drawn next to them (only there, so a category axis keeps the EDs in order).
     *
     * @return ED to the study's test MSE, ascending ED
     */
    public Map<Integer, Double> studyTestMseByEd() {
        Map<Integer, Double> out = new TreeMap<>();
        for (int ed : testMseByEd().keySet()) {
            StudyReference.testMse(ed).ifPresent(v -> out.put(ed, v));
        }
        return out;
    }

    /**
     * The best (lowest) known test MSE per ED, for the "test MSE vs ED" chart.
     *
     * @return ED to test MSE, ascending ED; models without a test MSE are left out
     */
    public Map<Integer, Double> testMseByEd() {
        Map<Integer, Double> out = new TreeMap<>();
        for (ModelRow r : modelRows) {
            if (Double.isFinite(r.testMse())) {
                out.merge(r.ed(), r.testMse(), Math::min);
            }
        }
        return out;
    }

    /**
     * The default models to compare: the first with ED=4 and the first with ED=32 when
     * present, topped up with the first models so that two are chosen when possible.
     *
     * @param models the available models
     * @return the choice
     */
    public static List<ActiveModel> defaultSelection(List<ActiveModel> models) {
        List<ActiveModel> out = new ArrayList<>();
        for (int ed : new int[] {4, 32}) {
            models.stream().filter(m -> edOf(m) == ed).findFirst().ifPresent(out::add);
        }
        for (ActiveModel m : models) {
            if (out.size() >= 2) {
                break;
            }
            if (!out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    private static int edOf(ActiveModel m) {
        try {
            return m.metadata().encodingDim();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    // ---- noise table -------------------------------------------------------------------

    /** @return the models checked for the noise table */
    public ObservableList<ActiveModel> noiseModels() {
        return noiseModels;
    }

    /** @return test digits to use: a number or "all" */
    public StringProperty noiseLimitProperty() {
        return noiseLimit;
    }

    /** @return the noise seed as text */
    public StringProperty noiseSeedProperty() {
        return noiseSeed;
    }

    /** @return whether noisy inputs are clamped to [0, 1] */
    public BooleanProperty noiseClipProperty() {
        return noiseClip;
    }

    /** @return why the noise settings are invalid, or "" */
    public StringProperty noiseErrorProperty() {
        return noiseError;
    }

    /** @return the latest noise table, or null */
    public ObjectProperty<NoiseTable> noiseTableProperty() {
        return noiseTable;
    }

    /**
     * @param text "all" (or empty) or a positive number
     * @return the limit, 0 for all
     * @throws NumberFormatException if invalid
     */
    static int parseLimit(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("all")) {
            return 0;
        }
        int v = Integer.parseInt(s);
        if (v < 1) {
            throw new NumberFormatException("must be positive");
        }
        return v;
    }

    private void validateNoise() {
        try {
            parseLimit(noiseLimit.get());
        } catch (NumberFormatException e) {
            noiseError.set(text("error.limit"));
            return;
        }
        try {
            Long.parseLong(noiseSeed.get().trim());
        } catch (NumberFormatException | NullPointerException e) {
            noiseError.set(text("error.seed"));
            return;
        }
        noiseError.set("");
    }

    /**
     * Computes the noise table of the checked models on the DJL thread (8 noise rows plus a
     * Gaussian sigma series 0..2 in steps of 0.1).
     *
     * @return completes after the UI was updated
     */
    public CompletableFuture<Void> runNoise() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MnistData data = ctx.dataProperty().get();
        if (busy.get() || data == null || noiseModels.isEmpty() || !noiseError.get().isEmpty()) {
            done.complete(null);
            return done;
        }
        int limit = parseLimit(noiseLimit.get());
        long seed = Long.parseLong(noiseSeed.get().trim());
        boolean clip = noiseClip.get();
        List<ActiveModel> models = List.copyOf(noiseModels);
        noiseCancelled = false;
        queue.clear();
        noiseTable.set(null);
        beginJob(noiseState, String.format(text("job.noise"), models.size()), this::cancelNoise);
        DjlThread djl = ctx.djl();
        noiseGrids.clear();
        djl.submit(() -> {
            List<NoiseTable.Entry> entries = new ArrayList<>();
            for (ActiveModel m : models) {
                entries.add(new NoiseTable.Entry(m.name(), m.model().autoencoder()));
            }
            NoiseTable table = NoiseTable.compute(entries, data.test(), limit, seed, clip,
                    NoiseTable.sigmaGrid(2, 0.1), (d, t) -> {
                        queue.add(new Step(d, t));
                        if (noiseCancelled) {
                            throw new CancellationException("noise table cancelled");
                        }
                        djl.runQueued();
                    });
            // the figure of the study: a few of the same noisy digits and their reconstructions
            List<ReconstructionGrid> grids = new ArrayList<>();
            for (ActiveModel m : models) {
                grids.add(ReconstructionGrid.compute(m.name(), m.model().autoencoder(), data.test(),
                        Math.min(GRID_DIGITS, data.test().size()), seed, clip));
            }
            return new NoiseResult(table, grids);
        }).whenComplete((r, err) -> fx.execute(() -> {
            try {
                drain();
                if (endJob(noiseState, err, "job.noiseDone")) {
                    noiseTable.set(r.table());
                    noiseGrids.setAll(r.grids());
                }
            } finally {
                done.complete(null);
            }
        }));
        return done;
    }

    /** What the noise job computes on the DJL thread. */
    private record NoiseResult(NoiseTable table, List<ReconstructionGrid> grids) {}

    /**
     * @return one reconstruction grid per model of the latest noise table (the first
     *     {@value #GRID_DIGITS} test digits under each noise), in the table's model order
     */
    public ObservableList<ReconstructionGrid> noiseGrids() {
        return noiseGrids;
    }

    /** Cancels the noise table after the current evaluation. */
    public void cancelNoise() {
        if (noiseState.get() == State.RUNNING) {
            noiseCancelled = true;
            noiseState.set(State.STOPPING);
            message.set(text("state.STOPPING"));
        }
    }

    /**
     * Writes the noise table CSV and, next to it, the sigma series CSV.
     *
     * @param file the table file
     * @throws IOException on failure
     */
    public void writeNoiseCsv(Path file) throws IOException {
        NoiseTable t = noiseTable.get();
        if (t == null) {
            throw new IllegalStateException("no noise table yet");
        }
        t.write(file);
    }

    // ---- latent metrics ----------------------------------------------------------------

    /** @return the models checked for the latent metrics */
    public ObservableList<ActiveModel> metricsModels() {
        return metricsModels;
    }

    /** @return the latest latent metrics, one row per model */
    public ObservableList<MetricsRow> metricsRows() {
        return metricsRows;
    }

    /**
     * Computes the latent metrics of the checked models on the DJL thread (first
     * {@value #METRICS_TEST_LIMIT} test digits, {@value #METRICS_REFERENCE} training digits as
     * kNN reference).
     *
     * @return completes after the UI was updated
     */
    public CompletableFuture<Void> runMetrics() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MnistData data = ctx.dataProperty().get();
        if (busy.get() || data == null || metricsModels.isEmpty()) {
            done.complete(null);
            return done;
        }
        List<ActiveModel> models = List.copyOf(metricsModels);
        metricsCancelled = false;
        queue.clear();
        beginJob(metricsState, String.format(text("job.metrics"), models.size()),
                this::cancelMetrics);
        DjlThread djl = ctx.djl();
        djl.submit(() -> {
            List<MetricsRow> rows = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                if (metricsCancelled) {
                    throw new CancellationException("latent metrics cancelled");
                }
                ActiveModel m = models.get(i);
                rows.add(new MetricsRow(m.name(), LatentMetrics.compute(m.model().autoencoder(), data,
                        METRICS_TEST_LIMIT, METRICS_REFERENCE, METRICS_SILHOUETTE, 42)));
                queue.add(new Step(i + 1, models.size()));
                djl.runQueued();
            }
            return rows;
        }).whenComplete((rows, err) -> fx.execute(() -> {
            try {
                drain();
                if (endJob(metricsState, err, "job.metricsDone")) {
                    metricsRows.setAll(rows);
                }
            } finally {
                done.complete(null);
            }
        }));
        return done;
    }

    /** Cancels the latent metrics after the current model. */
    public void cancelMetrics() {
        if (metricsState.get() == State.RUNNING) {
            metricsCancelled = true;
            metricsState.set(State.STOPPING);
            message.set(text("state.STOPPING"));
        }
    }

    // ---- jobs, progress ----------------------------------------------------------------

    private void beginJob(ObjectProperty<State> state, String name, Runnable cancel) {
        startNanos = System.nanoTime();
        progress.set(0);
        progressText.set("");
        state.set(State.RUNNING);
        message.set(name);
        ctx.legacyStatus().start(name, cancel);
    }

    private static Throwable cause(Throwable err) {
        Throwable cause = err;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** @return true when the job succeeded and its result should be published */
    private boolean endJob(ObjectProperty<State> state, Throwable err, String doneKey) {
        Throwable cause = cause(err);
        if (cause == null) {
            state.set(State.FINISHED);
            progress.set(1);
            progressText.set("");
            message.set(String.format(text(doneKey), LegacyStatus.formatDuration(elapsed())));
            ctx.legacyStatus().finish(message.get());
            return true;
        }
        progressText.set("");
        if (cause instanceof CancellationException) {
            state.set(State.CANCELLED);
            message.set(text("state.CANCELLED"));
            ctx.legacyStatus().finish(message.get());
            return false;
        }
        LOG.warn("study job failed", cause);
        String msg = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        state.set(State.FAILED);
        message.set(text("state.FAILED") + ": " + msg);
        ctx.legacyStatus().finish(message.get());
        error.set(null);
        error.set(msg);
        return false;
    }

    private double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Moves queued progress into the observable state. FX thread (or a test thread). */
    public void drain() {
        Object last = null;
        for (Object o; (o = queue.poll()) != null; ) {
            last = o;
        }
        if (last instanceof GridSearch.Progress p) {
            long total = (long) p.fits() * p.epochs();
            long doneEpochs = (long) (p.fit() - 1) * p.epochs() + p.epoch();
            progress.set((double) doneEpochs / total);
            String eta = etaText(p.etaSeconds());
            progressText.set(String.format(text("progress.grid"), p.fit(), p.fits(),
                    p.label(), p.fold() + 1, p.epoch(), p.epochs(),
                    LegacyStatus.formatDuration(p.seconds()), eta));
            ctx.legacyStatus().update(progress.get(), eta);
        } else if (last instanceof Step s) {
            progress.set((double) s.done() / s.total());
            double secs = elapsed();
            String eta = etaText(secs / s.done() * (s.total() - s.done()));
            progressText.set(String.format(text("progress.steps"), s.done(), s.total(),
                    LegacyStatus.formatDuration(secs), eta));
            ctx.legacyStatus().update(progress.get(), eta);
        }
    }

    private String etaText(double seconds) {
        return Double.isFinite(seconds)
                ? String.format(text("progress.eta"), LegacyStatus.formatDuration(seconds)) : "";
    }

    // ---- observable state --------------------------------------------------------------

    /** @return state of the grid search */
    public ObjectProperty<State> gridStateProperty() {
        return gridState;
    }

    /** @return state of the noise table job */
    public ObjectProperty<State> noiseStateProperty() {
        return noiseState;
    }

    /** @return state of the latent metrics job */
    public ObjectProperty<State> metricsStateProperty() {
        return metricsState;
    }

    /** @return progress 0..1 of the running job */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** @return a line describing the progress, with ETA */
    public StringProperty progressTextProperty() {
        return progressText;
    }

    /** @return a one-line status */
    public StringProperty messageProperty() {
        return message;
    }

    /** @return the latest error to show (set to null, then the message) */
    public ObjectProperty<String> errorProperty() {
        return error;
    }

    /** @return the latest grid search result, or null */
    public ObjectProperty<GridSearch.Result> gridResultProperty() {
        return gridResult;
    }

    /**
     * @return the summary CSV the shown grid search was opened from or last saved to (the
     *     report includes it), or null when it is unsaved or none is shown
     */
    public ObjectProperty<Path> gridFileProperty() {
        return gridFile;
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
    public ObjectProperty<GridSearch.SettingResult> selectedSettingProperty() {
        return selectedSetting;
    }

    /** @return the winner and why */
    public StringProperty winnerTextProperty() {
        return winnerText;
    }

    /** @return the context */
    public AppContext context() {
        return ctx;
    }

    /**
     * Writes a CSV atomically (helper for small tables).
     *
     * @param file target
     * @param text content
     * @throws IOException on failure
     */
    static void writeText(Path file, String text) throws IOException {
        AtomicFiles.writeString(file, text);
    }

    /**
     * The models table as CSV.
     *
     * @return the text
     */
    public String modelsCsv() {
        StringBuilder b = new StringBuilder("name,ed,test_mse,val_mse,epochs,best_epoch,"
                + "early_stopped,study_test_mse\n");
        for (ModelRow r : modelRows) {
            b.append('"').append(r.name().replace("\"", "\"\"")).append("\",").append(r.ed())
                    .append(',').append(num(r.testMse())).append(',').append(num(r.valMse()))
                    .append(',').append(r.epochs()).append(',').append(r.bestEpoch())
                    .append(',').append(r.earlyStopped()).append(',')
                    .append(num(r.studyTestMse())).append('\n');
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
    }
}
