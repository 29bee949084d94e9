package io.latentlab.ui.trail;

import io.latentlab.model.ModelStore;
import io.latentlab.training.LatentTrailFiles;
import io.latentlab.training.TrainingEvent;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.Jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latent trail as a player (FX thread): the live picture of a running training, or a saved
 * run's trail read from its folder (a worker job) and replayed epoch by epoch with a slider
 * position ({@link #indexProperty()}), steps and play/pause ({@link #tick()} advances one epoch
 * while playing; the view's timer calls it).
 */
public final class TrailReplayViewModel {

    /** What the player shows. */
    public enum Mode {
        /** Nothing: no training runs and the folder has no trail. */ NONE,
        /** The trail is being read. */ LOADING,
        /** The running training's latest picture. */ LIVE,
        /** A saved trail, one epoch at a time. */ REPLAY,
        /** The trail could not be read. */ ERROR
    }

    private static final Logger LOG = LoggerFactory.getLogger(TrailReplayViewModel.class);

    private final Jobs jobs;
    private final ResourceBundle strings;
    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(this, "mode",
            Mode.NONE);
    private final ReadOnlyObjectWrapper<TrainingEvent.LatentSnapshot> frame =
            new ReadOnlyObjectWrapper<>(this, "frame");
    private final IntegerProperty index = new SimpleIntegerProperty(this, "index");
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(this, "count");
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private LatentTrailFiles.Trail trail;
    private Path source;
    private Job<LatentTrailFiles.Trail> loading;

    /** @param jobs where the trail is read (a worker job) */
    public TrailReplayViewModel(Jobs jobs) {
        this.jobs = jobs;
        this.strings = ResourceBundle.getBundle("io.latentlab.ui.trail.strings",
                Locale.getDefault());
        index.addListener((o, a, i) -> showFrame());
        playing.addListener((o, a, on) -> {
            if (on && count.get() < 2) {
                playing.set(false);
            }
        });
    }

    /**
     * Shows the live picture while {@code running}, else replays the trail of
     * {@code replayDir} (none if it is null or has no trail).
     *
     * @param running whether a training runs
     * @param live its latest picture
     * @param replayDir the folder to replay otherwise
     */
    public void follow(ObservableBooleanValue running,
            ObservableValue<TrainingEvent.LatentSnapshot> live, ObservableValue<Path> replayDir) {
        Runnable update = () -> {
            if (running.get()) {
                showLive(live.getValue());
            } else {
                replay(replayDir.getValue());
            }
        };
        running.addListener(o -> update.run());
        live.addListener(o -> update.run());
        replayDir.addListener(o -> update.run());
        update.run();
    }

    /**
     * Shows a training's latest picture; there is nothing to replay meanwhile.
     *
     * @param picture the picture, or null before the first epoch ends
     */
    public void showLive(TrainingEvent.LatentSnapshot picture) {
        forget();
        mode.set(Mode.LIVE);
        frame.set(picture);
        text.set(picture == null ? text("trail.waiting")
                : format("trail.live", picture.epoch()));
    }

    /**
     * Reads a folder's trail in a worker job and shows its last epoch; a folder already shown
     * is not read again.
     *
     * @param dir a run folder, or null for none
     */
    public void replay(Path dir) {
        if (dir == null) {
            forget();
            clearShown();
            return;
        }
        if (dir.equals(source) && mode.get() != Mode.LIVE) {
            return;
        }
        forget();
        source = dir;
        clearShown();
        mode.set(Mode.LOADING);
        text.set(text("trail.loading"));
        Job<LatentTrailFiles.Trail> job = Job.onWorker(text("trail.job"), c ->
                Files.exists(dir.resolve(ModelStore.META)) ? LatentTrailFiles.read(dir) : null);
        loading = job;
        job.visible(false)
                .onSuccess(t -> {
                    if (loading == job) {
                        loaded(t);
                    }
                })
                .onFailure(e -> {
                    if (loading == job) {
                        LOG.warn("cannot read the latent trail of {}", dir, e);
                        mode.set(Mode.ERROR);
                        text.set(format("trail.error", e.getMessage() == null ? e.toString()
                                : e.getMessage()));
                    }
                });
        jobs.submit(job);
    }

    private void loaded(LatentTrailFiles.Trail t) {
        loading = null;
        if (t == null || t.size() == 0) {
            mode.set(Mode.NONE);
            text.set("");
            return;
        }
        trail = t;
        count.set(t.size());
        mode.set(Mode.REPLAY);
        if (index.get() == t.size() - 1) {
            showFrame();
        } else {
            index.set(t.size() - 1);
        }
    }

    /** Stops following a folder or a training; shows nothing. */
    public void clear() {
        forget();
        clearShown();
    }

    private void forget() {
        if (loading != null) {
            loading.cancel();
            loading = null;
        }
        source = null;
        trail = null;
        playing.set(false);
        count.set(0);
    }

    private void clearShown() {
        mode.set(Mode.NONE);
        frame.set(null);
        text.set("");
    }

    private void showFrame() {
        if (trail == null) {
            return;
        }
        int i = Math.max(0, Math.min(trail.size() - 1, index.get()));
        TrainingEvent.LatentSnapshot s = trail.snapshot(i);
        frame.set(s);
        text.set(format("trail.replay", s.epoch(), trail.frames().get(trail.size() - 1).epoch()));
    }

    /**
     * Moves the replay by some epochs, within the trail; stops playing.
     *
     * @param delta epochs forward (negative: back)
     */
    public void step(int delta) {
        if (trail == null) {
            return;
        }
        playing.set(false);
        index.set(Math.max(0, Math.min(trail.size() - 1, index.get() + delta)));
    }

    /** Starts or stops playing; a replay at its last epoch plays again from the first. */
    public void togglePlay() {
        if (trail == null || trail.size() < 2) {
            return;
        }
        if (!playing.get() && index.get() >= trail.size() - 1) {
            index.set(0);
        }
        playing.set(!playing.get());
    }

    /** One tick of the play timer: the next epoch, stopping at the last. */
    public void tick() {
        if (!playing.get() || trail == null) {
            return;
        }
        if (index.get() < trail.size() - 1) {
            index.set(index.get() + 1);
        }
        if (index.get() >= trail.size() - 1) {
            playing.set(false);
        }
    }

    /** @return what is shown */
    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** @return the picture shown, or null */
    public ReadOnlyObjectProperty<TrainingEvent.LatentSnapshot> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    /** @return the replayed epoch's 0-based index in the trail (the slider's position) */
    public IntegerProperty indexProperty() {
        return index;
    }

    /** @return epochs in the replayed trail (0 unless replaying) */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** @return whether the replay advances by itself */
    public BooleanProperty playingProperty() {
        return playing;
    }

    /** @return "Epoch 12 of 40", "Training: live · epoch 7", or why nothing is shown */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /**
     * @param key a key of the trail strings
     * @return its text
     */
    public String text(String key) {
        return strings.getString(key);
    }

    private String format(String key, Object... args) {
        return new MessageFormat(strings.getString(key), strings.getLocale()).format(args);
    }
}
