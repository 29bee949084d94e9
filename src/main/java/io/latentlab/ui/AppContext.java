package io.latentlab.ui;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;

import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Services and state shared by all views. Created on the FX thread; its properties are read
 * and written on the FX thread only. DJL work goes through {@link #djl()}.
 */
public final class AppContext implements AutoCloseable {

    /**
     * A model the views can use. The {@link Autoencoder} is a handle: call it only from tasks
     * submitted to {@link #djl()}.
     *
     * @param name display name (e.g. "ED=32 · models/ed32")
     * @param dir checkpoint folder, or null for an unsaved model
     * @param metadata its metadata
     * @param model the loaded model
     */
    public record ActiveModel(String name, Path dir, ModelMetadata metadata, Autoencoder model) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final DjlThread djl;
    private final Executor fxExecutor;
    private final ResourceBundle strings;
    private final Preferences prefs;
    private final JobStatus jobs;
    private final ObjectProperty<MnistData> data = new SimpleObjectProperty<>(this, "data");
    private final ObjectProperty<ActiveModel> activeModel =
            new SimpleObjectProperty<>(this, "activeModel");
    private final ObservableList<ActiveModel> models = FXCollections.observableArrayList();
    private final ObjectProperty<float[]> reconstructInput =
            new SimpleObjectProperty<>(this, "reconstructInput");
    private final IntegerProperty requestedTestDigit =
            new SimpleIntegerProperty(this, "requestedTestDigit", -1);
    private Runnable showReconstruct = () -> { };

    /**
     * @param djl the DJL thread
     * @param fxExecutor runs callbacks on the FX thread ({@code Platform::runLater} in the app,
     *     a direct executor in ViewModel tests)
     * @param prefs where window, theme and last model are remembered
     */
    public AppContext(DjlThread djl, Executor fxExecutor, Preferences prefs) {
        this.djl = djl;
        this.fxExecutor = fxExecutor;
        this.prefs = prefs;
        this.strings = ResourceBundle.getBundle("io.latentlab.ui.strings", Locale.getDefault());
        this.jobs = new JobStatus();
    }

    /** @return a context for the running app (FX executor = Platform.runLater) */
    public static AppContext forApp() {
        String node = System.getProperty("latentlab.prefs.node", "latent-lab");
        return new AppContext(new DjlThread(), Platform::runLater,
                Preferences.userRoot().node(node));
    }

    /** @return the thread that owns DJL */
    public DjlThread djl() {
        return djl;
    }

    /** @return runs a task on the FX thread */
    public Executor fx() {
        return fxExecutor;
    }

    /** @return UI strings */
    public ResourceBundle strings() {
        return strings;
    }

    /**
     * @param key a key of strings.properties
     * @return its text
     */
    public String text(String key) {
        return strings.getString(key);
    }

    /** @return remembered settings */
    public Preferences prefs() {
        return prefs;
    }

    /** @return the status bar's job (name, progress, ETA, cancel) */
    public JobStatus jobs() {
        return jobs;
    }

    /** @return the loaded dataset, null while loading or after a failure */
    public ObjectProperty<MnistData> dataProperty() {
        return data;
    }

    /** @return the model all views use */
    public ObjectProperty<ActiveModel> activeModelProperty() {
        return activeModel;
    }

    /** @return every model that can be selected */
    public ObservableList<ActiveModel> models() {
        return models;
    }

    /** @return the (noisy) 28x28 input currently shown in the Reconstruct view, or null */
    public ObjectProperty<float[]> reconstructInputProperty() {
        return reconstructInput;
    }

    /** @return a test digit another view asked the Reconstruct view to show (-1 = none) */
    public IntegerProperty requestedTestDigitProperty() {
        return requestedTestDigit;
    }

    /**
     * Opens a test digit in the Reconstruct view and switches to it.
     *
     * @param index index in the test set
     */
    public void showInReconstruct(int index) {
        requestedTestDigit.set(-1);
        requestedTestDigit.set(index);
        showReconstruct.run();
    }

    /**
     * @param action how the shell switches to the Reconstruct view
     */
    public void setShowReconstructAction(Runnable action) {
        this.showReconstruct = action;
    }

    @Override
    public void close() {
        djl.close();
    }
}
