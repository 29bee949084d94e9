package io.latentlab.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * TEMPORARY (removed once every view runs on ui.jobs): the old single-slot status. The long-running job shown in the status bar: its name, progress (0..1, or -1 for unknown),
 * an ETA text, and how to cancel it. FX thread only.
 */
@Deprecated
public final class LegacyStatus {

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty eta = new SimpleStringProperty(this, "eta", "");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running", false);
    private final ObjectProperty<Runnable> cancel = new SimpleObjectProperty<>(this, "cancel");

    /**
     * Shows a new job.
     *
     * @param jobName what runs
     * @param onCancel what cancel does, or null if it cannot be cancelled
     */
    public void start(String jobName, Runnable onCancel) {
        name.set(jobName);
        progress.set(-1);
        eta.set("");
        cancel.set(onCancel);
        running.set(true);
    }

    /**
     * Updates progress.
     *
     * @param fraction 0..1, or -1 for unknown
     * @param etaText remaining time as text, or ""
     */
    public void update(double fraction, String etaText) {
        progress.set(fraction);
        eta.set(etaText);
    }

    /**
     * Ends the job, leaving a final message.
     *
     * @param message what to show
     */
    public void finish(String message) {
        name.set(message);
        progress.set(0);
        eta.set("");
        cancel.set(null);
        running.set(false);
    }

    /** Calls the job's cancel action, if any. */
    public void cancel() {
        Runnable r = cancel.get();
        if (r != null) {
            r.run();
        }
    }

    /** @return job name or last message */
    public StringProperty nameProperty() {
        return name;
    }

    /** @return progress 0..1, -1 unknown */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** @return ETA text */
    public StringProperty etaProperty() {
        return eta;
    }

    /** @return whether a job runs */
    public BooleanProperty runningProperty() {
        return running;
    }

    /** @return the cancel action (null = not cancellable) */
    public ObjectProperty<Runnable> cancelProperty() {
        return cancel;
    }

    /**
     * Formats seconds as "1 h 02 min", "3 min 05 s" or "12 s".
     *
     * @param seconds a duration
     * @return the text
     */
    public static String formatDuration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format("%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }
}
