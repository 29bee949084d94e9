package io.latentlab.ui.common;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;

/**
 * Runs an action on the FX thread at a fixed period while started. Unlike an INDEFINITE
 * {@code Timeline}, it does not keep JavaFX's animation timer pulsing every frame (60 times a
 * second, each pulse waking the FX thread and taking a core from a training run); the action
 * costs a frame only if it changes what is on screen. Start and stop on the FX thread.
 */
public final class FxTicker {

    private static final ScheduledExecutorService TIMER =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fx-ticker");
                t.setDaemon(true);
                return t;
            });

    private final long periodMillis;
    private final Runnable action;
    private ScheduledFuture<?> future;
    private long generation;

    /**
     * @param periodMillis time between two runs
     * @param action runs on the FX thread
     */
    public FxTicker(long periodMillis, Runnable action) {
        this.periodMillis = periodMillis;
        this.action = action;
    }

    /** Starts ticking (first tick after one period); does nothing if already started. */
    public void start() {
        if (future != null) {
            return;
        }
        long mine = ++generation;
        future = TIMER.scheduleAtFixedRate(() -> Platform.runLater(() -> {
            // a tick posted before stop() (or before a restart) does not run
            if (future != null && generation == mine) {
                action.run();
            }
        }), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops ticking; a tick already posted is dropped. */
    public void stop() {
        if (future != null) {
            future.cancel(false);
            future = null;
            generation++;
        }
    }

    /** @return whether started */
    public boolean isRunning() {
        return future != null;
    }
}
