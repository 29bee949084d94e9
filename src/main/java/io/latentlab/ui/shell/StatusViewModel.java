package io.latentlab.ui.shell;

import io.latentlab.ui.AppContext;
import io.latentlab.ui.jobs.Durations;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobState;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.WeakHashMap;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The status bar as a view of {@code ctx.jobs().running()}: the newest running job (title,
 * message, progress, ETA, cancel), how many more run, and the final message of the job that
 * ended last, shown only while nothing runs. FX thread only; the view calls {@link #tick}
 * about once a second so ETAs move.
 */
public final class StatusViewModel {

    private final ResourceBundle s;
    private final ObservableList<Job<?>> running;
    private final Map<Job<?>, String> finalTexts = new WeakHashMap<>();
    private final ReadOnlyLongWrapper now = new ReadOnlyLongWrapper(this, "now", System.nanoTime());
    private final ReadOnlyObjectWrapper<Job<?>> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyIntegerWrapper more = new ReadOnlyIntegerWrapper(this, "more");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper(this, "eta", "");
    private final ReadOnlyBooleanWrapper cancellable =
            new ReadOnlyBooleanWrapper(this, "cancellable");
    private final ReadOnlyStringWrapper finalMessage =
            new ReadOnlyStringWrapper(this, "finalMessage", "");

    /** @param ctx shared services; its job registry is what the bar shows */
    public StatusViewModel(AppContext ctx) {
        this.s = ResourceBundle.getBundle("io.latentlab.ui.shell.strings", Locale.getDefault());
        this.running = ctx.jobs().running();
        running.addListener((ListChangeListener<Job<?>>) c -> update());
        ctx.jobs().lastEndedProperty().addListener((o, a, job) -> ended(job));
        update();
    }

    private void update() {
        Job<?> newest = running.isEmpty() ? null : running.get(running.size() - 1);
        more.set(Math.max(0, running.size() - 1));
        if (!running.isEmpty()) {
            finalMessage.set("");
        }
        if (newest == current.get()) {
            return;
        }
        current.set(newest);
        title.unbind();
        message.unbind();
        progress.unbind();
        eta.unbind();
        cancellable.unbind();
        if (newest == null) {
            title.set("");
            message.set("");
            progress.set(0);
            eta.set("");
            cancellable.set(false);
        } else {
            title.bind(newest.titleProperty());
            message.bind(newest.messageProperty());
            progress.bind(newest.progressProperty());
            eta.bind(etaOf(newest));
            cancellable.bind(Bindings.createBooleanBinding(
                    () -> newest.isCancellable() && !newest.stateProperty().get().done(),
                    newest.stateProperty()));
        }
    }

    /** Jobs ends a job (running list first, then lastEnded): its message shows if none runs. */
    private void ended(Job<?> job) {
        if (job == null) {
            return;
        }
        String text = finalTexts.remove(job);
        if (running.isEmpty()) {
            finalMessage.set(text != null ? text : summary(job));
        }
    }

    /**
     * @param job an ended job
     * @return "Latent metrics finished in 3 s", "… failed" or "… cancelled"
     */
    String summary(Job<?> job) {
        String name = job.titleProperty().get();
        return switch (job.stateProperty().get()) {
            case SUCCEEDED -> String.format(s.getString("status.finished"), name,
                    Durations.format(job.elapsedSeconds(now.get())));
            case FAILED -> String.format(s.getString("status.failed"), name);
            case CANCELLED -> String.format(s.getString("status.cancelled"), name);
            default -> name;
        };
    }

    /**
     * Replaces the "… finished in 3 s" of a job that has not ended yet by its own text
     * ("Model saved to …"); call it from the job's callbacks.
     *
     * @param job the job
     * @param text what to show when it ends
     */
    public void setFinalMessage(Job<?> job, String text) {
        finalTexts.put(job, text);
    }

    /**
     * @param job a job
     * @return its ETA ("12 s left"), "Paused", "Waiting" or "", refreshed on every {@link #tick}
     */
    public StringBinding etaOf(Job<?> job) {
        return Bindings.createStringBinding(() -> etaText(job, now.get()), now,
                job.stateProperty(), job.progressProperty());
    }

    String etaText(Job<?> job, long nowNanos) {
        JobState state = job.stateProperty().get();
        if (state == JobState.PAUSED) {
            return s.getString("status.paused");
        }
        if (state == JobState.WAITING) {
            return s.getString("status.waiting");
        }
        if (state != JobState.RUNNING) {
            return "";
        }
        return Durations.left(job.remainingSeconds(nowNanos), s.getString("status.eta"),
                s.getString("status.finishing"));
    }

    /** @param nowNanos {@link System#nanoTime()}; ETAs are computed for this time */
    public void tick(long nowNanos) {
        now.set(nowNanos);
    }

    /** Hides the final message (the view fades it out after a few seconds). */
    public void dismissFinalMessage() {
        finalMessage.set("");
    }

    /** Cancels the job the bar shows. */
    public void cancelCurrent() {
        Job<?> j = current.get();
        if (j != null && j.isCancellable()) {
            j.cancel();
        }
    }

    /** @return visible jobs that have not ended, oldest first */
    public ObservableList<Job<?>> running() {
        return running;
    }

    /** @return the newest running job, or null */
    public ReadOnlyObjectProperty<Job<?>> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** @return how many jobs run besides the one shown */
    public ReadOnlyIntegerProperty moreProperty() {
        return more.getReadOnlyProperty();
    }

    /** @return "+2 more", or "" */
    public String moreText() {
        return more.get() == 0 ? "" : String.format(s.getString("status.more"), more.get());
    }

    /** @return the shown job's title, "" while none runs */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** @return the shown job's latest message */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return the shown job's progress 0..1, -1 while unknown */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** @return the shown job's ETA or state */
    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    /** @return whether the shown job offers Cancel */
    public ReadOnlyBooleanProperty cancellableProperty() {
        return cancellable.getReadOnlyProperty();
    }

    /** @return what the last job to end left, "" while a job runs or once dismissed */
    public ReadOnlyStringProperty finalMessageProperty() {
        return finalMessage.getReadOnlyProperty();
    }

    /** @return the time ETAs are computed for */
    public ReadOnlyLongProperty nowProperty() {
        return now.getReadOnlyProperty();
    }
}
