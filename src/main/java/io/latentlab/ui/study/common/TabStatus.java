package io.latentlab.ui.study.common;

import io.latentlab.ui.jobs.Durations;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobState;
import io.latentlab.ui.jobs.Jobs;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;

/**
 * The status of one Study tab: its one job at a time, with state, progress, a progress line
 * (the job's own message, elapsed time and ETA from the job) and a message. Each tab has its
 * own, so one tab's news never shows in another. FX thread only; no FX toolkit needed.
 */
public final class TabStatus {

    /** Where the tab's job stands. */
    public enum State {
        /** Nothing ran yet. */ IDLE,
        /** Running. */ RUNNING,
        /** Cancel requested. */ STOPPING,
        /** Ended with a result. */ FINISHED,
        /** Cancelled. */ CANCELLED,
        /** Failed with an error. */ FAILED;

        /** @return whether a job is in progress */
        public boolean active() {
            return this == RUNNING || this == STOPPING;
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TabStatus.class);

    private final Jobs jobs;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.IDLE);
    private final BooleanBinding active =
            Bindings.createBooleanBinding(() -> state.get().active(), state);
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty progressText = new SimpleStringProperty(this, "progressText", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ObjectProperty<String> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<Job<?>> job = new SimpleObjectProperty<>(this, "job");
    private final ChangeListener<Object> onJobChange = (o, a, b) -> update();
    private final List<Runnable> unhook = new ArrayList<>();

    /** @param jobs where the tab's jobs run */
    public TabStatus(Jobs jobs) {
        this.jobs = jobs;
    }

    /**
     * Submits the tab's job and follows it: state RUNNING, the job's title as message, its
     * progress and message as the progress line. Its callbacks should end with
     * {@link #finished}, {@link #cancelled} or {@link #failed}.
     *
     * @param j the job, callbacks set
     * @param <V> result
     * @return the job
     */
    public <V> Job<V> submit(Job<V> j) {
        detach();
        job.set(j);
        state.set(State.RUNNING);
        progress.set(0);
        progressText.set("");
        message.set(j.titleProperty().get());
        j.progressProperty().addListener(onJobChange);
        j.messageProperty().addListener(onJobChange);
        j.stateProperty().addListener(onJobChange);
        unhook.add(() -> {
            j.progressProperty().removeListener(onJobChange);
            j.messageProperty().removeListener(onJobChange);
            j.stateProperty().removeListener(onJobChange);
        });
        return jobs.submit(j);
    }

    /** Asks the running job to stop (it ends through its cancel callback). */
    public void cancel() {
        Job<?> j = job.get();
        if (j != null && state.get() == State.RUNNING) {
            state.set(State.STOPPING);
            message.set(StudyText.get("state.STOPPING"));
            progressText.set("");
            j.cancel();
        }
    }

    /**
     * The job ended with its result.
     *
     * @param doneKey key of a format with the job's running time as its argument
     */
    public void finishedIn(String doneKey) {
        Job<?> j = job.get();
        double seconds = j == null ? 0 : j.elapsedSeconds(System.nanoTime());
        finished(StudyText.format(doneKey, Durations.format(seconds)));
    }

    /** @param text what the job achieved */
    public void finished(String text) {
        detach();
        state.set(State.FINISHED);
        progress.set(1);
        progressText.set("");
        message.set(text);
    }

    /** @param text what the cancel left, e.g. "Cancelled" */
    public void cancelled(String text) {
        detach();
        state.set(State.CANCELLED);
        progressText.set("");
        message.set(text);
    }

    /** The job was cancelled and kept nothing. */
    public void cancelled() {
        cancelled(StudyText.get("state.CANCELLED"));
    }

    /** @param e why the job failed; shown as the message and as an error to alert */
    public void failed(Throwable e) {
        detach();
        state.set(State.FAILED);
        progressText.set("");
        showError(e);
    }

    /**
     * Shows an error without changing the state (e.g. a file that would not open).
     *
     * @param e the error
     */
    public void showError(Throwable e) {
        LOG.warn("study job failed", e);
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        message.set(StudyText.get("state.FAILED") + ": " + msg);
        error.set(null);
        error.set(msg);
    }

    /** @param text a message of the tab outside any job (a file was opened) */
    public void show(String text) {
        message.set(text);
    }

    private void detach() {
        unhook.forEach(Runnable::run);
        unhook.clear();
        job.set(null);
    }

    private void update() {
        Job<?> j = job.get();
        if (j == null || state.get() != State.RUNNING) {
            return;
        }
        long now = System.nanoTime();
        List<String> parts = new ArrayList<>();
        if (j.stateProperty().get() == JobState.PAUSED) {
            parts.add(StudyText.get("progress.paused"));
        }
        String what = j.messageProperty().get();
        if (what != null && !what.isBlank()) {
            parts.add(what);
        }
        parts.add(StudyText.format("progress.elapsed", Durations.format(j.elapsedSeconds(now))));
        String eta = Durations.left(j.remainingSeconds(now), StudyText.get("progress.eta"),
                StudyText.get("progress.finishing"));
        if (!eta.isEmpty()) {
            parts.add(eta);
        }
        progressText.set(String.join(" \u00b7 ", parts));
        progress.set(Math.max(0, j.progressProperty().get()));
    }

    /** @return where the tab's job stands */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    /** @return whether a job of this tab runs */
    public BooleanBinding activeProperty() {
        return active;
    }

    /** @return progress 0..1 of the running job */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** @return the running job's progress line: what it does, elapsed, ETA */
    public StringProperty progressTextProperty() {
        return progressText;
    }

    /** @return the tab's one-line status */
    public StringProperty messageProperty() {
        return message;
    }

    /** @return the latest error to alert (set to null, then the message) */
    public ObjectProperty<String> errorProperty() {
        return error;
    }

    /** @return the running job, or null */
    public ReadOnlyObjectProperty<Job<?>> jobProperty() {
        return job;
    }
}
