package io.latentlab.ui.training;

import io.latentlab.data.AppDirs;
import io.latentlab.data.Corruption;
import io.latentlab.data.MnistData;
import io.latentlab.model.AtomicFiles;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.RunCheckpoint;
import io.latentlab.training.StopReason;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingEvent;
import io.latentlab.training.TrainingResult;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * State and actions of the Train view: the hyperparameter form, the run, and what the chart,
 * progress bar and reconstruction strip show.
 *
 * <p>The run is one stepped engine job ({@link TrainSteps}): one batch per step, so other
 * engine work runs between batches and a paused run holds no thread. Its events go to a queue
 * that the view drains on the FX thread at a bounded rate ({@link #drain()}), so a fast run
 * never floods the FX thread. A finished or stopped run is added to the model list and
 * offered ({@link #offeredModelProperty()}); only {@link #useOfferedModel()} makes it active.
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

        /** @return whether the field takes a whole number */
        public boolean isInteger() {
            return integer;
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

    /** Test digits shown in the reconstruction strip. */
    public static final int[] PREVIEW_INDICES = {0, 1, 2, 3, 4, 5, 6, 7};
    /** Default epoch limit in the GUI: the study's 2000 would run for hours. */
    public static final int GUI_MAX_EPOCHS = 50;

    private final AppContext ctx;
    private final ResourceBundle strings;
    private final TrainForm form;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.IDLE);
    private final BooleanBinding canStart;
    private final RunDisplay display;
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ObjectProperty<String> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<Path> lastRunDir = new SimpleObjectProperty<>(this, "lastRunDir");
    private final ObjectProperty<Corruption> corruption =
            new SimpleObjectProperty<>(this, "corruption", Corruption.NONE);
    private final RunOffer offer;
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", false);
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.6);

    private Path runsDir = AppDirs.runs();
    private LongSupplier clock = System::nanoTime;
    private ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private Job<TrainSteps.Outcome> job;

    /** @param ctx shared services; runs go through its jobs */
    public TrainViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.strings = ResourceBundle.getBundle("io.latentlab.ui.training.strings", Locale.getDefault());
        this.form = new TrainForm(this, strings, () -> ctx.dataProperty().get());
        this.display = new RunDisplay(this, strings);
        this.offer = new RunOffer(this, ctx, text("offer.text"));
        ctx.dataProperty().addListener((o, a, b) -> form.validate());
        canStart = Bindings.createBooleanBinding(() -> form.config().get() != null
                && ctx.dataProperty().get() != null && !state.get().active(),
                form.config(), ctx.dataProperty(), state);
        message.set(text("state.IDLE"));
        ctx.liveTraining().follow(Bindings.createBooleanBinding(() -> state.get().active(), state),
                display.latent(), lastRunDir);
    }

    /** @return the UI strings of this view */
    public ResourceBundle strings() {
        return strings;
    }

    String text(String key) {
        return strings.getString(key);
    }

    // ---- form ---------------------------------------------------------------------------

    /** @param f a field @return its text as typed */
    public StringProperty valueProperty(Field f) {
        return form.value(f);
    }

    /** @param f a field @return why its value is invalid, or "" */
    public StringProperty errorProperty(Field f) {
        return form.error(f);
    }

    /** @return an error involving several fields, or "" */
    public StringProperty formErrorProperty() {
        return form.formError();
    }

    /** @return a warning about a valid but ineffective setting, or "" */
    public StringProperty formWarningProperty() {
        return form.formWarning();
    }

    /** @return noise for the inputs of the next run (denoising training); not in the form's fields */
    public ObjectProperty<Corruption> corruptionProperty() {
        return corruption;
    }

    /** @return the configuration the form describes, null while it is invalid */
    public ReadOnlyObjectProperty<TrainingConfig> configProperty() {
        return form.config();
    }

    /** @return whether Start is possible: valid form, data loaded, nothing running */
    public BooleanBinding canStartProperty() {
        return canStart;
    }

    // ---- run ----------------------------------------------------------------------------

    /** @param dir where new runs are saved (tests use a temporary folder) */
    public void setRunsDir(Path dir) {
        this.runsDir = dir;
    }

    /** @param nanos the clock elapsed time is read from (tests move it) */
    void setClock(LongSupplier nanos) {
        this.clock = nanos;
    }

    /**
     * Starts a run with the form's settings. Does nothing unless {@link #canStartProperty}.
     *
     * @return the run's job, or null if nothing was started
     */
    public Job<?> start() {
        if (!canStart.get()) {
            return null;
        }
        TrainingConfig cfg = form.config().get().toBuilder().corruption(corruption.get()).build();
        MnistData data = ctx.dataProperty().get();
        // a fresh queue: nothing of an earlier run can reach this one's chart
        queue = new ConcurrentLinkedQueue<>();
        display.reset(cfg);
        offer.clear();
        lastRunDir.set(null);
        Job<TrainSteps.Outcome> j = Job.steps(String.format(text("job.name"), cfg.encodingDim()),
                new TrainSteps(cfg, data, runsDir, PREVIEW_INDICES, queue));
        j.onSuccess(outcome -> ended(j, outcome))
                .onFailure(e -> failed(j, e))
                .onCancelled(() -> stoppedBeforeStart(j));
        // pause, resume and cancel may also come from the status bar
        j.stateProperty().addListener((o, a, s) -> jobStateChanged(j, s));
        job = j;
        setState(State.RUNNING);
        // with same-thread jobs the whole run happens inside submit: state is set before
        ctx.jobs().submit(j);
        return j;
    }

    /** Pauses the run after the current batch; the engine is free meanwhile. */
    public void pause() {
        if (job != null && state.get() == State.RUNNING) {
            setState(State.PAUSED);
            job.pause();
        }
    }

    /** Resumes a paused run. */
    public void resume() {
        if (job != null && state.get() == State.PAUSED) {
            setState(State.RUNNING);
            job.resume();
        }
    }

    /** Stops the run after the current batch (also ends a pause). */
    public void stop() {
        if (job != null && (state.get() == State.RUNNING || state.get() == State.PAUSED)) {
            setState(State.STOPPING);
            job.cancel();
        }
    }

    private void jobStateChanged(Job<?> j, JobState s) {
        if (j != job) {
            return;
        }
        if (s == JobState.PAUSED && state.get() == State.RUNNING) {
            setState(State.PAUSED);
        } else if (s == JobState.RUNNING && state.get() == State.PAUSED) {
            setState(j.isCancelRequested() ? State.STOPPING : State.RUNNING);
        }
    }

    /** Sets the state with its messages: the view's line and the job's (the status bar). */
    private void setState(State s) {
        if (s == State.RUNNING) {
            message.set(text("state.RUNNING"));
        } else if (s == State.PAUSED) {
            message.set(text("state.PAUSED"));
        } else if (s == State.STOPPING) {
            message.set(text("state.STOPPING"));
        }
        state.set(s);
        updateJobMessage();
    }

    private void updateJobMessage() {
        if (job == null || !state.get().active()) {
            return;
        }
        String line = switch (state.get()) {
            case PAUSED -> RunDisplay.joined(text("state.PAUSED"), display.progressText().get());
            case STOPPING -> text("state.STOPPING");
            default -> RunDisplay.joined(display.progressText().get(), display.etaText().get());
        };
        job.messageProperty().set(line.isEmpty() ? text("state.RUNNING") : line);
    }

    private void ended(Job<?> j, TrainSteps.Outcome outcome) {
        if (j != job) {
            return;
        }
        drain();
        TrainingResult r = outcome.result();
        lastRunDir.set(outcome.dir());
        State end = r.reason() == StopReason.DIVERGED ? State.FAILED
                : r.reason() == StopReason.CANCELLED ? State.CANCELLED : State.FINISHED;
        if (end == State.FINISHED) {
            // early stopping ends before max epochs: the bar completes anyway
            display.progress().set(1);
        }
        String summary = switch (end) {
            case CANCELLED -> r.history().isEmpty() ? text("stopped.none")
                    : String.format(text("stopped.after"), r.history().get(r.history().size() - 1).epoch());
            case FAILED -> text("state.FAILED") + ": " + r.message();
            default -> text("state.FINISHED") + ": " + r.message();
        };
        if (outcome.saved() != null) {
            offer.offer(outcome.saved(), outcome.dir());
        }
        finish(end, summary);
        if (outcome.loadError() != null) {
            LOG.warn("could not load the saved run {}", outcome.dir(), outcome.loadError());
            showError(String.format(text("error.load"), message(outcome.loadError())));
        } else if (end == State.FAILED) {
            showError(r.message());
        }
    }

    private void failed(Job<?> j, Throwable e) {
        if (j != job) {
            return;
        }
        drain();
        LOG.warn("training failed", e);
        String msg = message(e);
        finish(State.FAILED, text("state.FAILED") + ": " + msg);
        showError(msg);
    }

    private void stoppedBeforeStart(Job<?> j) {
        if (j != job) {
            return;
        }
        drain();
        finish(State.CANCELLED, text("stopped.none"));
    }

    /** Messages first, then the state: whoever listens to the state reads the final text. */
    private void finish(State end, String text) {
        display.ended(job.elapsedSeconds(clock.getAsLong()));
        message.set(text);
        job.messageProperty().set(text);
        state.set(end);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private void showError(String msg) {
        // reset first so the same message twice is still reported
        error.set(null);
        error.set(msg);
    }

    /** Makes the offered run the active model of every view (the user chose it). */
    public void useOfferedModel() {
        offer.use();
    }

    /** Hides the offer; the run stays in the model list. */
    public void dismissOffer() {
        offer.clear();
    }

    /**
     * Moves queued events into the observable state. FX thread; the view calls it at ~15 Hz,
     * so a fast run never floods the FX thread with one update per batch.
     */
    public void drain() {
        boolean[] stopping = {false};
        display.drain(queue, o -> {
            if (o instanceof TrainSteps.Opened opened) {
                lastRunDir.set(opened.dir());
            } else if (o == TrainSteps.STOPPING) {
                stopping[0] = true;
            }
        });
        if (stopping[0] && (state.get() == State.RUNNING || state.get() == State.PAUSED)) {
            // cancelled from the status bar
            setState(State.STOPPING);
        }
        if (job != null && state.get().active()) {
            // the job's running time: paused time does not count
            display.updateProgress(job.elapsedSeconds(clock.getAsLong()));
            updateJobMessage();
        }
    }

    /** @return the best epoch so far, or null */
    public EpochMetrics bestEpoch() {
        return display.bestEpoch();
    }

    /** @return the history of the current run as CSV text */
    public String historyCsv() {
        return RunCheckpoint.historyCsv(List.copyOf(display.epochs()));
    }

    /**
     * Writes the history as CSV, atomically (FX thread; a few hundred lines at most).
     *
     * @param file target
     * @throws IOException on failure
     */
    public void exportHistory(Path file) throws IOException {
        AtomicFiles.writeString(file, historyCsv());
    }

    // ---- observable state ---------------------------------------------------------------

    /** @return where the run stands */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    /** @return metrics of the finished epochs of the current run */
    public ObservableList<EpochMetrics> epochs() {
        return display.epochs();
    }

    /** @return batch losses of the current run (thinned when very many) */
    public ObservableList<BatchPoint> batchPoints() {
        return display.batches();
    }

    /** @return the latest reconstructions of the preview digits, or null */
    public ReadOnlyObjectProperty<TrainingEvent.Preview> previewProperty() {
        return display.preview();
    }

    /** @return the latest aligned PCA picture of the followed test digits, or null */
    public ReadOnlyObjectProperty<TrainingEvent.LatentSnapshot> latentProperty() {
        return display.latent();
    }

    /** @return progress 0..1 towards max epochs */
    public DoubleProperty progressProperty() {
        return display.progress();
    }

    /** @return "Epoch n of at most m · t" */
    public StringProperty progressTextProperty() {
        return display.progressText();
    }

    /** @return "at most t left" or "" */
    public StringProperty etaTextProperty() {
        return display.etaText();
    }

    /** @return "best: epoch N, val MSE x" */
    public StringProperty bestTextProperty() {
        return display.bestText();
    }

    /** @return a one-line status of the run */
    public StringProperty messageProperty() {
        return message;
    }

    /** @return the latest error to show the user (set to null, then the message) */
    public ObjectProperty<String> errorProperty() {
        return error;
    }

    /** @return the folder of the latest run, once it exists */
    public ObjectProperty<Path> lastRunDirProperty() {
        return lastRunDir;
    }

    /** @return the saved model of the run that just ended, until used or dismissed */
    public ReadOnlyObjectProperty<ActiveModel> offeredModelProperty() {
        return offer.model();
    }

    /** @return "Run saved: ED=32 · runs/…", or "" without an offer */
    public ReadOnlyStringProperty offerTextProperty() {
        return offer.text();
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
