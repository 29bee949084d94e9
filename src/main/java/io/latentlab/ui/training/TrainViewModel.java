package io.latentlab.ui.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelStore;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.Evaluator;
import io.latentlab.training.Monitor;
import io.latentlab.training.RunCheckpoint;
import io.latentlab.training.StopReason;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingControl;
import io.latentlab.training.TrainingEvent;
import io.latentlab.training.TrainingListener;
import io.latentlab.training.TrainingLoop;
import io.latentlab.training.TrainingResult;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.FormFields;
import io.latentlab.ui.LegacyStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and actions of the Train view: the hyperparameter form with inline validation, the
 * run (on the DJL thread), and what the chart, progress bar and reconstruction strip show.
 *
 * <p>The training listener runs on the DJL thread and only enqueues plain records; the view
 * calls {@link #drain()} on the FX thread at a bounded rate, so a fast run never floods the FX
 * thread with one update per batch. Needs no FX toolkit: UI updates go through the context's
 * executor, which tests make direct.
 */
public final class TrainViewModel {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainViewModel.class);

    /** The form's fields. */
    public enum Field {
        /** Encoding dimension. */ ED(true),
        /** Learning rate. */ LR(false),
        /** Weight decay. */ WD(false),
        /** Batch size. */ BATCH(true),
        /** Max epochs. */ MAX_EPOCHS(true),
        /** Early-stopping window. */ PATIENCE(true),
        /** Tolerance. */ TOLERANCE(false),
        /** Validation fraction. */ VAL_FRACTION(false),
        /** Seed. */ SEED(true),
        /** Training subset size. */ TRAIN_LIMIT(true);

        private final boolean integer;

        Field(boolean integer) {
            this.integer = integer;
        }
    }

    /** Where a run stands. */
    public enum State {
        /** No run yet. */ IDLE,
        /** Training. */ RUNNING,
        /** Paused between batches. */ PAUSED,
        /** Cancel requested, waiting for the batch to end. */ STOPPING,
        /** Ended by early stopping or the epoch limit. */ FINISHED,
        /** Stopped by the user. */ CANCELLED,
        /** Diverged or failed with an error. */ FAILED;

        /** @return whether a run is in progress */
        public boolean active() {
            return this == RUNNING || this == PAUSED || this == STOPPING;
        }
    }

    /**
     * One batch loss on the chart.
     *
     * @param x fractional epoch (epoch - 1 + batch / batches)
     * @param loss the batch's MSE
     */
    public record BatchPoint(double x, double loss) {}

    /**
     * Reconstructions of the preview digits after an epoch.
     *
     * @param epoch the epoch
     * @param images one 28x28 float[] per preview digit
     */
    public record Preview(int epoch, float[][] images) {}

    /** Test digits shown in the reconstruction strip. */
    public static final int[] PREVIEW_INDICES = {0, 1, 2, 3, 4, 5, 6, 7};
    /** Default epoch limit in the GUI: the study's 2000 would run for hours. */
    public static final int GUI_MAX_EPOCHS = 50;
    /** Above this many batch points the series is thinned, so the chart stays fast. */
    static final int MAX_BATCH_POINTS = 4000;

    private final AppContext ctx;
    private final Executor fx;
    private final ResourceBundle strings;
    private final FormFields<Field> fields;
    private final StringProperty formError = new SimpleStringProperty(this, "formError", "");
    private final ReadOnlyObjectWrapper<TrainingConfig> config =
            new ReadOnlyObjectWrapper<>(this, "config");
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.IDLE);
    private final BooleanBinding canStart;
    private final ObservableList<EpochMetrics> epochs = FXCollections.observableArrayList();
    private final ObservableList<BatchPoint> batches = FXCollections.observableArrayList();
    private final ObjectProperty<Preview> preview = new SimpleObjectProperty<>(this, "preview");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty progressText = new SimpleStringProperty(this, "progressText", "");
    private final StringProperty etaText = new SimpleStringProperty(this, "etaText", "");
    private final StringProperty bestText = new SimpleStringProperty(this, "bestText", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ObjectProperty<String> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<Path> lastRunDir = new SimpleObjectProperty<>(this, "lastRunDir");
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", false);
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.6);

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private Path runsDir = Path.of("runs");
    private volatile TrainingControl control;
    private TrainingConfig runConfig;
    private int batchesPerEpoch = 1;
    private int lastEpoch;
    private int lastBatch;
    private long startNanos;

    /**
     * @param ctx shared services; its executor is used for UI updates
     */
    public TrainViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.fx = ctx.fx();
        this.strings = ResourceBundle.getBundle("io.latentlab.ui.training.strings", Locale.getDefault());
        TrainingConfig d = TrainingConfig.defaults(32).withMaxEpochs(GUI_MAX_EPOCHS);
        Map<Field, String> initial = Map.of(Field.ED, fmt(d.encodingDim()),
                Field.LR, fmt(d.learningRate()), Field.WD, fmt(d.weightDecay()),
                Field.BATCH, fmt(d.batchSize()), Field.MAX_EPOCHS, fmt(d.maxEpochs()),
                Field.PATIENCE, fmt(d.patience()), Field.TOLERANCE, fmt(d.tolerance()),
                Field.VAL_FRACTION, fmt(d.valFraction()), Field.SEED, fmt(d.seed()),
                Field.TRAIN_LIMIT, fmt(d.trainLimit()));
        fields = new FormFields<>(Field.class, this, initial, this::validate);
        ctx.dataProperty().addListener((o, a, b) -> validate());
        canStart = Bindings.createBooleanBinding(() -> config.get() != null
                && ctx.dataProperty().get() != null && !state.get().active(),
                config, ctx.dataProperty(), state);
        bestText.set(text("best.none"));
        message.set(text("state.IDLE"));
        validate();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** @return the UI strings of this view */
    public ResourceBundle strings() {
        return strings;
    }

    String text(String key) {
        return strings.getString(key);
    }

    // ---- form ---------------------------------------------------------------------------

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

    /** @return the configuration the form describes, null while it is invalid */
    public ReadOnlyObjectProperty<TrainingConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** @return whether Start is possible: valid form, data loaded, nothing running */
    public BooleanBinding canStartProperty() {
        return canStart;
    }

    private void validate() {
        Map<Field, Number> parsed = new EnumMap<>(Field.class);
        boolean ok = true;
        for (Field f : Field.values()) {
            String s = fields.text(f);
            try {
                parsed.put(f, f.integer ? (f == Field.SEED ? Long.parseLong(s)
                        : (Number) Integer.parseInt(s)) : Double.parseDouble(s));
                fields.error(f).set("");
            } catch (NumberFormatException e) {
                fields.error(f).set(text(f.integer ? "error.notInteger" : "error.notNumber"));
                ok = false;
            }
        }
        // each field alone against the defaults, so TrainingConfig's message lands on its field
        for (Map.Entry<Field, Number> e : parsed.entrySet()) {
            try {
                build(Map.of(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                fields.error(e.getKey()).set(ex.getMessage());
                ok = false;
            }
        }
        MnistData data = ctx.dataProperty().get();
        Number limit = parsed.get(Field.TRAIN_LIMIT);
        if (data != null && limit != null && limit.intValue() > data.train().size()
                && fields.error(Field.TRAIN_LIMIT).get().isEmpty()) {
            fields.error(Field.TRAIN_LIMIT).set(String.format(text("error.trainLimit"),
                    data.train().size()));
            ok = false;
        }
        formError.set("");
        if (!ok) {
            config.set(null);
            return;
        }
        try {
            config.set(build(parsed));
        } catch (IllegalArgumentException ex) {
            formError.set(ex.getMessage());
            config.set(null);
        }
    }

    /**
     * Builds a configuration from GUI defaults with some values replaced. Without a validation
     * split the test loss is monitored, as in the original study.
     */
    static TrainingConfig build(Map<Field, Number> v) {
        TrainingConfig d = TrainingConfig.defaults(32).withMaxEpochs(GUI_MAX_EPOCHS);
        double val = num(v, Field.VAL_FRACTION, d.valFraction()).doubleValue();
        return new TrainingConfig(num(v, Field.ED, d.encodingDim()).intValue(),
                num(v, Field.LR, d.learningRate()).doubleValue(),
                num(v, Field.WD, d.weightDecay()).doubleValue(),
                num(v, Field.BATCH, d.batchSize()).intValue(),
                num(v, Field.MAX_EPOCHS, d.maxEpochs()).intValue(),
                num(v, Field.PATIENCE, d.patience()).intValue(),
                num(v, Field.TOLERANCE, d.tolerance()).doubleValue(),
                num(v, Field.SEED, d.seed()).longValue(),
                num(v, Field.TRAIN_LIMIT, d.trainLimit()).intValue(),
                val, val > 0 ? Monitor.VALIDATION : Monitor.TEST, true);
    }

    private static Number num(Map<Field, Number> v, Field f, Number fallback) {
        Number n = v.get(f);
        return n == null ? fallback : n;
    }

    // ---- run ----------------------------------------------------------------------------

    /** @return where runs are saved ({@code runs/} by default) */
    public Path getRunsDir() {
        return runsDir;
    }

    /**
     * @param dir where new runs are saved (tests use a temporary folder)
     */
    public void setRunsDir(Path dir) {
        this.runsDir = dir;
    }

    /** Result of a run, made on the DJL thread. */
    private record Outcome(TrainingResult result, AppContext.ActiveModel model) {}

    /**
     * Starts a run with the form's settings. Does nothing unless {@link #canStartProperty}.
     *
     * @return completes (after the UI was updated) when the run has ended, successfully or not
     */
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!canStart.get()) {
            done.complete(null);
            return done;
        }
        TrainingConfig cfg = config.get();
        MnistData data = ctx.dataProperty().get();
        TrainingControl c = new TrainingControl();
        control = c;
        runConfig = cfg;
        queue.clear();
        epochs.clear();
        batches.clear();
        preview.set(null);
        progress.set(0);
        lastEpoch = 0;
        lastBatch = 0;
        batchesPerEpoch = 1;
        bestText.set(text("best.none"));
        etaText.set("");
        Path dir = runsDir.resolve("ed" + cfg.encodingDim() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        lastRunDir.set(dir);
        startNanos = System.nanoTime();
        state.set(State.RUNNING);
        message.set(text("state.RUNNING"));
        ctx.legacyStatus().start(String.format(text("job.name"), cfg.encodingDim()), this::stop);
        DjlThread djl = ctx.djl();
        djl.submit(() -> train(djl, cfg, data, c, dir)).whenComplete((outcome, err) ->
                fx.execute(() -> {
                    try {
                        ended(outcome, err);
                    } finally {
                        done.complete(null);
                    }
                }));
        return done;
    }

    /** Runs on the DJL thread. */
    private Outcome train(DjlThread djl, TrainingConfig cfg, MnistData data, TrainingControl c,
            Path dir) throws IOException {
        TrainingResult result;
        try (Autoencoder model = Autoencoder.create(cfg.encodingDim(), cfg.seed())) {
            TrainingListener listener = event -> {
                queue.add(event);
                if (event instanceof TrainingEvent.EpochEnd end) {
                    queue.add(preview(model, data, end.metrics().epoch()));
                }
                if (event instanceof TrainingEvent.BatchEnd
                        || event instanceof TrainingEvent.EpochEnd) {
                    // no gradient collector is open here: let other views' small tasks run
                    djl.runQueued();
                }
            };
            result = new TrainingLoop(cfg, data, listener, c).run(model, new RunCheckpoint(dir));
        }
        AppContext.ActiveModel active = null;
        if (Files.exists(dir.resolve(ModelStore.PARAMS))) {
            ModelStore.Loaded loaded = ModelStore.load(dir);
            active = new AppContext.ActiveModel(modelName(loaded.metadata().encodingDim(), dir),
                    dir, loaded.metadata(), new io.latentlab.service.ModelHandle(loaded.model(), loaded.metadata()));
        }
        return new Outcome(result, active);
    }

    /**
     * @param ed encoding dimension
     * @param dir checkpoint folder
     * @return the display name used in the model selector
     */
    public static String modelName(int ed, Path dir) {
        Path shown = dir;
        try {
            Path cwd = Path.of("").toAbsolutePath();
            Path abs = dir.toAbsolutePath().normalize();
            if (abs.startsWith(cwd)) {
                shown = cwd.relativize(abs);
            }
        } catch (RuntimeException e) {
            // keep the path as given
        }
        return "ED=" + ed + " \u00b7 " + shown;
    }

    /** Reconstructs the preview digits; DJL thread, outside any gradient collector. */
    private static Preview preview(Autoencoder model, MnistData data, int epoch) {
        int n = Math.min(PREVIEW_INDICES.length, data.test().size());
        int[] idx = java.util.Arrays.copyOf(PREVIEW_INDICES, n);
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = Evaluator.toNDArray(m, data.test(), idx);
            float[] all = model.reconstruct(x, false).toFloatArray();
            int ppi = data.test().pixelsPerImage();
            float[][] images = new float[n][];
            for (int i = 0; i < n; i++) {
                images[i] = java.util.Arrays.copyOfRange(all, i * ppi, (i + 1) * ppi);
            }
            return new Preview(epoch, images);
        }
    }

    /** Pauses the run after the current batch. */
    public void pause() {
        TrainingControl c = control;
        if (c != null && state.get() == State.RUNNING) {
            c.pause();
            state.set(State.PAUSED);
            message.set(text("state.PAUSED"));
        }
    }

    /** Resumes a paused run. */
    public void resume() {
        TrainingControl c = control;
        if (c != null && state.get() == State.PAUSED) {
            c.resume();
            state.set(State.RUNNING);
            message.set(text("state.RUNNING"));
        }
    }

    /** Stops the run after the current batch (also ends a pause). */
    public void stop() {
        TrainingControl c = control;
        if (c != null && state.get().active()) {
            c.cancel();
            state.set(State.STOPPING);
            message.set(text("state.STOPPING"));
        }
    }

    private void ended(Outcome outcome, Throwable err) {
        drain();
        control = null;
        if (err != null) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null
                    ? err.getCause() : err;
            String msg = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            LOG.warn("training failed", cause);
            state.set(State.FAILED);
            message.set(text("state.FAILED") + ": " + msg);
            ctx.legacyStatus().finish(String.format(text("job.done"), msg));
            showError(msg);
            return;
        }
        TrainingResult r = outcome.result();
        State end = r.reason() == StopReason.DIVERGED ? State.FAILED
                : r.reason() == StopReason.CANCELLED ? State.CANCELLED : State.FINISHED;
        if (end == State.FINISHED) {
            // early stopping ends before max epochs: the bar completes anyway
            progress.set(1);
        }
        etaText.set("");
        state.set(end);
        message.set(text("state." + end.name()) + ": " + r.message());
        if (outcome.model() != null) {
            ctx.models().add(0, outcome.model());
            ctx.activeModelProperty().set(outcome.model());
        }
        ctx.legacyStatus().finish(String.format(text("job.done"), r.message()));
        if (end == State.FAILED) {
            showError(r.message());
        }
    }

    private void showError(String msg) {
        // reset first so the same message twice is still reported
        error.set(null);
        error.set(msg);
    }

    /**
     * Moves queued events into the observable state. FX thread; the view calls it at ~15 Hz.
     * Batch events are coalesced: all batch points since the last call are added at once.
     */
    public void drain() {
        List<BatchPoint> newPoints = new ArrayList<>();
        List<EpochMetrics> newEpochs = new ArrayList<>();
        Preview latest = null;
        for (Object o; (o = queue.poll()) != null; ) {
            if (o instanceof TrainingEvent.Started s) {
                batchesPerEpoch = Math.max(1, s.batchesPerEpoch());
            } else if (o instanceof TrainingEvent.BatchEnd b) {
                lastBatch = b.batch();
                batchesPerEpoch = b.batches();
                newPoints.add(new BatchPoint(b.epoch() - 1 + (double) b.batch() / b.batches(),
                        b.loss()));
            } else if (o instanceof TrainingEvent.EpochEnd e) {
                newEpochs.add(e.metrics());
                lastEpoch = e.metrics().epoch();
                lastBatch = 0;
            } else if (o instanceof Preview p) {
                latest = p;
            }
        }
        if (!newPoints.isEmpty()) {
            batches.addAll(newPoints);
            if (batches.size() > MAX_BATCH_POINTS) {
                List<BatchPoint> thinned = new ArrayList<>(batches.size() / 2 + 1);
                for (int i = 0; i < batches.size(); i += 2) {
                    thinned.add(batches.get(i));
                }
                batches.setAll(thinned);
            }
        }
        if (!newEpochs.isEmpty()) {
            epochs.addAll(newEpochs);
            updateBest();
        }
        if (latest != null) {
            preview.set(latest);
        }
        if (state.get().active()) {
            updateProgress();
        }
    }

    private void updateBest() {
        EpochMetrics best = null;
        for (EpochMetrics m : epochs) {
            if (m.best()) {
                best = m;
            }
        }
        if (best == null || runConfig == null) {
            bestText.set(text("best.none"));
            return;
        }
        Monitor mon = runConfig.monitor();
        String which = switch (mon) {
            case VALIDATION -> "val";
            case TEST -> "test";
            case TRAIN -> "train";
        };
        bestText.set(String.format(text("best.text"), best.epoch(), which, best.monitored(mon)));
    }

    /** @return the best epoch so far, or null */
    public EpochMetrics bestEpoch() {
        EpochMetrics best = null;
        for (EpochMetrics m : epochs) {
            if (m.best()) {
                best = m;
            }
        }
        return best;
    }

    private void updateProgress() {
        if (runConfig == null) {
            return;
        }
        int max = runConfig.maxEpochs();
        double done = lastEpoch + (double) lastBatch / batchesPerEpoch;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        progress.set(Math.min(1, done / max));
        double remaining;
        if (!epochs.isEmpty()) {
            double sum = 0;
            for (EpochMetrics m : epochs) {
                sum += m.seconds();
            }
            remaining = sum / epochs.size() * (max - done);
        } else if (done > 0) {
            remaining = elapsed / done * (max - done);
        } else {
            remaining = Double.NaN;
        }
        String eta = Double.isFinite(remaining)
                ? String.format(text("progress.eta"), LegacyStatus.formatDuration(remaining)) : "";
        etaText.set(eta);
        progressText.set(String.format(text("progress.text"), Math.min(max, lastEpoch + 1), max,
                LegacyStatus.formatDuration(elapsed)));
        ctx.legacyStatus().update(progress.get(), eta);
    }

    // ---- chart helpers ------------------------------------------------------------------

    /**
     * The value plotted for an MSE: itself, or log10 of it on the log scale.
     *
     * @param mse a loss
     * @param log whether the log scale is on
     * @return the plotted value, NaN for a loss that cannot be plotted
     */
    public static double plotted(double mse, boolean log) {
        if (!log) {
            return mse;
        }
        return mse > 0 ? Math.log10(mse) : Double.NaN;
    }

    /**
     * Exponential moving average step.
     *
     * @param previous the average so far (NaN for none)
     * @param value the new value
     * @param smoothing 0 = no smoothing, towards 1 = very smooth
     * @return the new average
     */
    public static double ema(double previous, double value, double smoothing) {
        if (Double.isNaN(previous)) {
            return value;
        }
        return smoothing * previous + (1 - smoothing) * value;
    }

    /**
     * Writes the history as CSV (temporary file, then renamed).
     *
     * @param file target
     * @throws IOException on failure
     */
    public void exportHistory(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "history", ".tmp");
        try {
            Files.writeString(tmp, RunCheckpoint.historyCsv(List.copyOf(epochs)),
                    StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ---- observable state ---------------------------------------------------------------

    /** @return where the run stands */
    public ObjectProperty<State> stateProperty() {
        return state;
    }

    /** @return metrics of the finished epochs of the current run */
    public ObservableList<EpochMetrics> epochs() {
        return epochs;
    }

    /** @return batch losses of the current run (thinned when very many) */
    public ObservableList<BatchPoint> batchPoints() {
        return batches;
    }

    /** @return the latest reconstructions of the preview digits, or null */
    public ObjectProperty<Preview> previewProperty() {
        return preview;
    }

    /** @return progress 0..1 towards max epochs */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** @return "Epoch n of at most m · elapsed t" */
    public StringProperty progressTextProperty() {
        return progressText;
    }

    /** @return "at most t left" or "" */
    public StringProperty etaTextProperty() {
        return etaText;
    }

    /** @return "best: epoch N, val MSE x" */
    public StringProperty bestTextProperty() {
        return bestText;
    }

    /** @return a one-line status of the run */
    public StringProperty messageProperty() {
        return message;
    }

    /** @return the latest error to show the user (set to null, then the message) */
    public ObjectProperty<String> errorProperty() {
        return error;
    }

    /** @return the folder of the latest run */
    public ObjectProperty<Path> lastRunDirProperty() {
        return lastRunDir;
    }

    /** @return whether the chart plots log10 MSE */
    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    /** @return EMA smoothing factor of the batch loss, 0..0.99 */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    /** @return the context */
    public AppContext context() {
        return ctx;
    }
}
