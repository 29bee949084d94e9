package io.latentlab.ui.reconstruction;

import io.latentlab.data.Dataset;
import io.latentlab.data.DigitPreprocessor;
import io.latentlab.data.MnistData;
import io.latentlab.ui.reconstruction.ReconstructViewModel.Source;

import java.util.Arrays;
import java.util.Random;

import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * Where the clean digit comes from: the test set (browsed by class and position), a drawing or
 * an imported image. FX thread only; every change reaches the view model through its
 * {@link Batch}.
 */
public final class DigitInput {

    private final ObservableValue<MnistData> data;
    private final Batch batch;
    private final Random random = new Random();

    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source",
            Source.TEST_SET);
    private final IntegerProperty classFilter = new SimpleIntegerProperty(this, "classFilter", -1);
    private final IntegerProperty position = new SimpleIntegerProperty(this, "position", 0);
    private final ReadOnlyIntegerWrapper filteredCount = new ReadOnlyIntegerWrapper(this,
            "filteredCount", 0);
    private final ReadOnlyIntegerWrapper testIndex = new ReadOnlyIntegerWrapper(this,
            "testIndex", -1);
    private final ReadOnlyIntegerWrapper testLabel = new ReadOnlyIntegerWrapper(this,
            "testLabel", -1);
    private int[] filtered = new int[0];

    private final Drawing drawing;
    private float[] imported;
    private final ReadOnlyStringWrapper importedName = new ReadOnlyStringWrapper(this,
            "importedName", null);

    /**
     * @param data the dataset (its test set is browsed)
     * @param batch told about every change
     */
    DigitInput(ObservableValue<MnistData> data, Batch batch) {
        this.data = data;
        this.batch = batch;
        this.drawing = new Drawing(() -> show(Source.DRAWING));
        data.addListener(obs -> refilter());
        classFilter.addListener(obs -> batch.run(() -> {
            refilter();
            position.set(0);
        }));
        for (Observable p : new Observable[] {source, position}) {
            p.addListener(obs -> batch.changed());
        }
        refilter();
    }

    /**
     * Shows a test digit (clears the class filter).
     *
     * @param index index in the test set
     */
    public void showTestDigit(int index) {
        batch.run(() -> {
            source.set(Source.TEST_SET);
            classFilter.set(-1);
            position.set(Math.max(0, Math.min(index, filteredCount.get() - 1)));
        });
    }

    /** Moves to the previous digit of the filtered list (wrapping around). */
    public void previous() {
        step(-1);
    }

    /** Moves to the next digit of the filtered list (wrapping around). */
    public void next() {
        step(1);
    }

    /** Jumps to a random digit of the filtered list. */
    public void randomDigit() {
        int n = filteredCount.get();
        if (n > 0) {
            batch.run(() -> {
                source.set(Source.TEST_SET);
                position.set(random.nextInt(n));
            });
        }
    }

    private void step(int delta) {
        int n = filteredCount.get();
        if (n > 0) {
            batch.run(() -> {
                source.set(Source.TEST_SET);
                position.set(Math.floorMod(position.get() + delta, n));
            });
        }
    }

    private void refilter() {
        MnistData d = data.getValue();
        int c = classFilter.get();
        if (d == null) {
            filtered = new int[0];
        } else {
            Dataset test = d.test();
            int[] idx = new int[test.size()];
            int n = 0;
            for (int i = 0; i < test.size(); i++) {
                if (c < 0 || test.label(i) == c) {
                    idx[n++] = i;
                }
            }
            filtered = Arrays.copyOf(idx, n);
        }
        batch.run(() -> {
            filteredCount.set(filtered.length);
            if (position.get() >= filtered.length) {
                position.set(Math.max(0, filtered.length - 1));
            }
            batch.changed();
        });
    }

    /**
     * Uses an image as the source; polarity and size are handled by
     * {@link DigitPreprocessor#fromArgb(int[], int, int)}.
     *
     * @return whether the image has any ink
     */
    boolean importImage(String name, int[] argb, int w, int h) {
        float[] img = DigitPreprocessor.fromArgb(argb, w, h);
        imported = img;
        importedName.set(name);
        show(Source.IMAGE);
        for (float v : img) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }

    /** Switches to {@code s}, or refreshes if it is already shown (its content changed). */
    private void show(Source s) {
        if (source.get() == s) {
            batch.changed();
        } else {
            source.set(s);
        }
    }

    /**
     * The clean digit for the current source; also updates the test index and label.
     *
     * @return a fresh copy, or null if there is none (no dataset, no image yet)
     */
    float[] clean() {
        if (source.get() != Source.TEST_SET) {
            return source.get() == Source.DRAWING ? drawing.input()
                    : imported == null ? null : imported.clone();
        }
        MnistData d = data.getValue();
        int p = position.get();
        if (d == null || p < 0 || p >= filtered.length) {
            testIndex.set(-1);
            testLabel.set(-1);
            return null;
        }
        int i = filtered[p];
        testIndex.set(i);
        testLabel.set(d.test().label(i));
        return d.test().copyImage(i);
    }

    /** @return the drawing surface */
    public Drawing drawing() {
        return drawing;
    }

    /** @return where the digit comes from */
    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    /** @return class filter of the test-set browser, -1 for all */
    public IntegerProperty classFilterProperty() {
        return classFilter;
    }

    /** @return position in the filtered test set */
    public IntegerProperty positionProperty() {
        return position;
    }

    /** @return number of test digits passing the filter */
    public ReadOnlyIntegerProperty filteredCountProperty() {
        return filteredCount.getReadOnlyProperty();
    }

    /** @return index in the test set of the digit shown, -1 if none */
    public ReadOnlyIntegerProperty testIndexProperty() {
        return testIndex.getReadOnlyProperty();
    }

    /** @return label of the test digit shown, -1 if none */
    public ReadOnlyIntegerProperty testLabelProperty() {
        return testLabel.getReadOnlyProperty();
    }

    /** @return name of the imported image, null if none */
    public ReadOnlyStringProperty importedNameProperty() {
        return importedName.getReadOnlyProperty();
    }
}
