package io.latentlab.ui;

import io.latentlab.training.TrainingEvent;

import java.nio.file.Path;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;

/**
 * The training the app is running, as other views see it (FX thread): whether one runs, its
 * folder and its latest latent picture. The Train view feeds it from the events it already
 * drains at a bounded rate; the Latent view follows it, so both show the same pictures.
 */
public final class LiveTraining {

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<TrainingEvent.LatentSnapshot> latent =
            new ReadOnlyObjectWrapper<>(this, "latent");
    private final ReadOnlyObjectWrapper<Path> runDir = new ReadOnlyObjectWrapper<>(this, "runDir");

    /**
     * Follows a training's state (its view model calls this once).
     *
     * @param isRunning whether a run is in progress (paused counts)
     * @param picture its latest latent picture, or null
     * @param dir its folder, once it exists
     */
    public void follow(ObservableBooleanValue isRunning,
            ObservableValue<TrainingEvent.LatentSnapshot> picture, ObservableValue<Path> dir) {
        running.bind(isRunning);
        latent.bind(picture);
        runDir.bind(dir);
    }

    /** @return whether a training is in progress */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** @return the latest picture of the running (or last) training, or null */
    public ReadOnlyObjectProperty<TrainingEvent.LatentSnapshot> latentProperty() {
        return latent.getReadOnlyProperty();
    }

    /** @return the folder of the running (or last) training, or null */
    public ReadOnlyObjectProperty<Path> runDirProperty() {
        return runDir.getReadOnlyProperty();
    }
}
