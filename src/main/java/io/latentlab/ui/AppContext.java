package io.latentlab.ui;

import io.latentlab.data.MnistData;
import io.latentlab.model.ModelMetadata;
import io.latentlab.service.ModelHandle;
import io.latentlab.ui.jobs.Jobs;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.prefs.Preferences;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;

/**
 * Services and state shared by all views. Created on the FX thread; its properties are read
 * and written on the FX thread only. Anything long or engine-bound runs as a job through
 * {@link #jobs()}.
 */
public final class AppContext implements AutoCloseable {

    /**
     * A model the views can use. The {@link ModelHandle} may only be called from engine jobs.
     *
     * @param name display name (e.g. "ED=32 · models/ed32")
     * @param dir checkpoint folder, or null for an unsaved model
     * @param metadata its metadata
     * @param model the loaded model
     */
    public record ActiveModel(String name, Path dir, ModelMetadata metadata, ModelHandle model) {
        /** The order every model list shows: by encoding dimension, then by name. */
        public static final Comparator<ActiveModel> ORDER = Comparator
                .comparingInt(ActiveModel::ed).thenComparing(ActiveModel::name);

        /** @return the encoding dimension from the metadata, -1 if there is none */
        public int ed() {
            try {
                return metadata.encodingDim();
            } catch (RuntimeException e) {
                return -1;
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Jobs jobs;
    private final Runnable onClose;
    private final ResourceBundle strings;
    private final Preferences prefs;
    private final ObjectProperty<MnistData> data = new SimpleObjectProperty<>(this, "data");
    private final ObjectProperty<ActiveModel> activeModel =
            new SimpleObjectProperty<>(this, "activeModel");
    private final ObservableList<ActiveModel> models = FXCollections.observableArrayList();
    private final ObservableList<ActiveModel> sortedModels = FXCollections
            .unmodifiableObservableList(new SortedList<>(models, ActiveModel.ORDER));
    private final ObjectProperty<float[]> reconstructInput =
            new SimpleObjectProperty<>(this, "reconstructInput");
    private final IntegerProperty requestedTestDigit =
            new SimpleIntegerProperty(this, "requestedTestDigit", -1);
    private final TestCodes testCodes = new TestCodes();
    private final LiveTraining liveTraining = new LiveTraining();
    private Runnable showReconstruct = () -> { };
    private final java.util.List<Runnable> closing = new java.util.ArrayList<>();

    /**
     * @param jobs runs background work ({@link Jobs#sameThread()} in tests)
     * @param prefs where window, theme and last model are remembered
     * @param onClose stops what the jobs run on (the engine thread), or a no-op
     */
    public AppContext(Jobs jobs, Preferences prefs, Runnable onClose) {
        this.jobs = jobs;
        this.prefs = prefs;
        this.onClose = onClose;
        this.strings = ResourceBundle.getBundle("io.latentlab.ui.strings", Locale.getDefault());
        // a removed model's codes go with it; a new dataset replaces them when asked for
        models.addListener((ListChangeListener<ActiveModel>) c -> testCodes.retain(
                models.stream().map(ActiveModel::model).toList()));
    }

    /**
     * A context whose jobs run on the calling thread (tests).
     *
     * @param prefs where settings are remembered
     * @return the context
     */
    public static AppContext sameThread(Preferences prefs) {
        return new AppContext(Jobs.sameThread(), prefs, () -> { });
    }

    /** @return runs background work and lists what runs */
    public Jobs jobs() {
        return jobs;
    }

    /** @return runs a task on the FX thread */
    public Executor fx() {
        return jobs.fx();
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

    /** @return the loaded dataset, null while loading or after a failure */
    public ObjectProperty<MnistData> dataProperty() {
        return data;
    }

    /** @return the model all views use */
    public ObjectProperty<ActiveModel> activeModelProperty() {
        return activeModel;
    }

    /**
     * Every model that can be selected, in the order they were listed: default picks ("the
     * first ED=32") read this order, so a run added last is never chosen by its place.
     *
     * @return the list to add models to and take them from
     */
    public ObservableList<ActiveModel> models() {
        return models;
    }

    /** @return {@link #models()} as every list shows it: by ED, then name (read-only view) */
    public ObservableList<ActiveModel> sortedModels() {
        return sortedModels;
    }

    /** @return the test digits' codes and PCA per model, shared by the views */
    public TestCodes testCodes() {
        return testCodes;
    }

    /** @return the training the app is running, for views other than Train */
    public LiveTraining liveTraining() {
        return liveTraining;
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
        jobs.cancelAll();
        for (Runnable r : closing) {
            r.run();
        }
        onClose.run();
    }

    /**
     * @param action runs when the app closes, before the engine stops (e.g. leaving a cluster)
     */
    public void onClose(Runnable action) {
        closing.add(action);
    }
}
