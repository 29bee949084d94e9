package io.latentlab.ui.reconstruction;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.latentlab.data.Dataset;
import io.latentlab.data.DigitPreprocessor;
import io.latentlab.data.MnistData;
import io.latentlab.data.Noise;
import io.latentlab.model.Autoencoder;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;

import java.text.MessageFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and logic of the Reconstruct view: where the digit comes from (test set, drawing,
 * imported image), the noise applied to it, and the reconstructions of one or two models.
 *
 * <p>All methods and properties belong to the FX thread (or, in tests, to the caller when
 * {@code fx} is a direct executor). Model calls run on {@link AppContext#djl()}; while sliders
 * move, requests coalesce: at most one runs and at most one waits, and a newer request replaces
 * the waiting one, so the DJL thread never falls behind the user.
 */
public final class ReconstructViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ReconstructViewModel.class);

    /** Side of the model input. */
    public static final int SIDE = Autoencoder.SIDE;
    /** Side of the drawing surface; 10x the input so strokes get MNIST-like anti-aliasing. */
    public static final int CANVAS = 280;

    /** Where the clean digit comes from. */
    public enum Source { TEST_SET, DRAWING, IMAGE }

    /** The corruption applied before the model sees the digit. */
    public enum NoiseKind { NONE, GAUSSIAN, UNIFORM, OCCLUSION }

    /** A finished stroke or the one being drawn: canvas coordinates and brush diameter. */
    private static final class Stroke {
        final double diameter;
        final List<double[]> points = new ArrayList<>();

        Stroke(double diameter) {
            this.diameter = diameter;
        }
    }

    private record Request(float[] noisy, float[] original, ActiveModel primary,
            ActiveModel compare) {}

    private record Result(Request request, float[] primary, float[] compare) {}

    private final AppContext ctx;
    private final Executor fx;
    private final ResourceBundle strings;
    private final Random random = new Random();
    private final AtomicInteger modelCalls = new AtomicInteger();

    // source
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

    // drawing
    private final DoubleProperty brushSize = new SimpleDoubleProperty(this, "brushSize", 22);
    private List<Stroke> strokes = new ArrayList<>();
    private final Deque<List<Stroke>> history = new ArrayDeque<>();
    private Stroke current;
    private final float[] raster = new float[CANVAS * CANVAS];
    private float[] drawing = new float[SIDE * SIDE];
    private long lastPreprocessNanos;
    private final ReadOnlyIntegerWrapper drawingVersion = new ReadOnlyIntegerWrapper(this,
            "drawingVersion", 0);

    // imported image
    private float[] imported;
    private final ReadOnlyStringWrapper importedName = new ReadOnlyStringWrapper(this,
            "importedName", null);

    // noise
    private final ObjectProperty<NoiseKind> noiseKind = new SimpleObjectProperty<>(this,
            "noiseKind", NoiseKind.NONE);
    private final DoubleProperty sigma = new SimpleDoubleProperty(this, "sigma", 0.5);
    private final IntegerProperty occlusionSize = new SimpleIntegerProperty(this,
            "occlusionSize", 14);
    private final IntegerProperty occlusionX = new SimpleIntegerProperty(this, "occlusionX", 7);
    private final IntegerProperty occlusionY = new SimpleIntegerProperty(this, "occlusionY", 7);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", 0);
    private final BooleanProperty clip = new SimpleBooleanProperty(this, "clip", false);

    // models and results
    private final ObjectProperty<ActiveModel> primaryModel = new SimpleObjectProperty<>(this,
            "primaryModel");
    private final ObjectProperty<ActiveModel> compareModel = new SimpleObjectProperty<>(this,
            "compareModel");
    private boolean userChoseModels;
    private final ReadOnlyObjectWrapper<float[]> original = new ReadOnlyObjectWrapper<>(this,
            "original");
    private final ReadOnlyObjectWrapper<float[]> noisy = new ReadOnlyObjectWrapper<>(this,
            "noisy");
    private final ReadOnlyObjectWrapper<float[]> reconstruction = new ReadOnlyObjectWrapper<>(
            this, "reconstruction");
    private final ReadOnlyDoubleWrapper mse = new ReadOnlyDoubleWrapper(this, "mse", Double.NaN);
    private final ReadOnlyObjectWrapper<float[]> compareReconstruction =
            new ReadOnlyObjectWrapper<>(this, "compareReconstruction");
    private final ReadOnlyDoubleWrapper compareMse = new ReadOnlyDoubleWrapper(this,
            "compareMse", Double.NaN);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final BooleanBinding noModel;

    // coalescing state; guarded by this, because with a direct fx executor results arrive on
    // the DJL thread while the caller may already be making the next request
    private Request pending;
    private boolean inFlight;

    private int batchDepth;
    private boolean dirty;

    /**
     * Creates the view model on the context's FX executor.
     *
     * @param ctx shared services
     */
    public ReconstructViewModel(AppContext ctx) {
        this(ctx, ctx.fx());
    }

    /**
     * @param ctx shared services (data, models, DJL thread)
     * @param fx where results are delivered: {@code Platform::runLater} in the app, a direct
     *     executor in tests
     */
    public ReconstructViewModel(AppContext ctx, Executor fx) {
        this.ctx = ctx;
        this.fx = fx;
        this.strings = ResourceBundle.getBundle("io.latentlab.ui.reconstruction.strings",
                Locale.getDefault());
        noModel = Bindings.createBooleanBinding(
                () -> primaryModel.get() == null && compareModel.get() == null,
                primaryModel, compareModel);

        ctx.dataProperty().addListener((obs, o, n) -> refilter());
        classFilter.addListener((obs, o, n) -> batch(() -> {
            refilter();
            position.set(0);
        }));
        for (Observable p : new Observable[] {source, position, noiseKind, sigma, occlusionSize,
                occlusionX, occlusionY, seed, clip, primaryModel, compareModel}) {
            p.addListener(obs -> refresh());
        }
        ctx.activeModelProperty().addListener((obs, o, n) -> primaryModel.set(n));
        ctx.models().addListener((ListChangeListener<ActiveModel>) c -> applyModelDefaults());
        ctx.requestedTestDigitProperty().addListener((obs, o, n) -> {
            if (n.intValue() >= 0) {
                showTestDigit(n.intValue());
            }
        });

        batch(() -> {
            refilter();
            primaryModel.set(ctx.activeModelProperty().get());
            applyModelDefaults();
            if (ctx.requestedTestDigitProperty().get() >= 0) {
                showTestDigit(ctx.requestedTestDigitProperty().get());
            }
        });
    }

    // ---------------------------------------------------------------- test-set browsing

    /**
     * Shows a test digit (clears the class filter).
     *
     * @param index index in the test set
     */
    public void showTestDigit(int index) {
        batch(() -> {
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
            batch(() -> {
                source.set(Source.TEST_SET);
                position.set(random.nextInt(n));
            });
        }
    }

    private void step(int delta) {
        int n = filteredCount.get();
        if (n > 0) {
            batch(() -> {
                source.set(Source.TEST_SET);
                position.set(Math.floorMod(position.get() + delta, n));
            });
        }
    }

    private void refilter() {
        MnistData data = ctx.dataProperty().get();
        int c = classFilter.get();
        if (data == null) {
            filtered = new int[0];
        } else {
            Dataset test = data.test();
            int[] idx = new int[test.size()];
            int n = 0;
            for (int i = 0; i < test.size(); i++) {
                if (c < 0 || test.label(i) == c) {
                    idx[n++] = i;
                }
            }
            filtered = java.util.Arrays.copyOf(idx, n);
        }
        filteredCount.set(filtered.length);
        if (position.get() >= filtered.length) {
            position.set(Math.max(0, filtered.length - 1));
        }
        refresh();
    }

    // ---------------------------------------------------------------- drawing

    /**
     * Starts a stroke at a canvas point ({@link #CANVAS} x {@link #CANVAS} coordinates).
     *
     * @param x column
     * @param y row
     */
    public void beginStroke(double x, double y) {
        history.push(strokes);
        strokes = new ArrayList<>(strokes);
        current = new Stroke(brushSize.get());
        current.points.add(new double[] {x, y});
        strokes.add(current);
        stamp(current, 0);
        afterDrawingChange(false);
    }

    /**
     * Extends the current stroke; the input is updated at most every 50 ms while drawing.
     *
     * @param x column
     * @param y row
     */
    public void strokeTo(double x, double y) {
        if (current == null) {
            beginStroke(x, y);
            return;
        }
        current.points.add(new double[] {x, y});
        stamp(current, current.points.size() - 2);
        afterDrawingChange(false);
    }

    /** Ends the current stroke and updates the input. */
    public void endStroke() {
        if (current != null) {
            current = null;
            afterDrawingChange(true);
        }
    }

    /**
     * Draws a whole stroke (for tests and scripted input).
     *
     * @param points canvas points {@code {x, y}}
     */
    public void drawStroke(double[]... points) {
        for (int i = 0; i < points.length; i++) {
            if (i == 0) {
                beginStroke(points[i][0], points[i][1]);
            } else {
                strokeTo(points[i][0], points[i][1]);
            }
        }
        endStroke();
    }

    /** Undoes the last stroke or clear. */
    public void undo() {
        if (history.isEmpty()) {
            return;
        }
        current = null;
        strokes = history.pop();
        rerasterize();
        afterDrawingChange(true);
    }

    /** Clears the drawing (undoable). */
    public void clearDrawing() {
        if (strokes.isEmpty()) {
            return;
        }
        history.push(strokes);
        strokes = new ArrayList<>();
        current = null;
        rerasterize();
        afterDrawingChange(true);
    }

    /** @return whether there is something to undo */
    public boolean canUndo() {
        return !history.isEmpty();
    }

    /**
     * The strokes for painting the canvas: each is {@code {diameter, x0, y0, x1, y1, ...}}.
     *
     * @return a snapshot
     */
    public List<double[]> strokes() {
        List<double[]> out = new ArrayList<>();
        for (Stroke s : strokes) {
            double[] a = new double[1 + 2 * s.points.size()];
            a[0] = s.diameter;
            for (int i = 0; i < s.points.size(); i++) {
                a[1 + 2 * i] = s.points.get(i)[0];
                a[2 + 2 * i] = s.points.get(i)[1];
            }
            out.add(a);
        }
        return out;
    }

    private void afterDrawingChange(boolean force) {
        drawingVersion.set(drawingVersion.get() + 1);
        long now = System.nanoTime();
        // preprocessing the 280x280 raster costs ~1 ms; throttled so a fast drag stays smooth
        if (force || now - lastPreprocessNanos > 50_000_000L) {
            lastPreprocessNanos = now;
            drawing = DigitPreprocessor.process(raster, CANVAS, CANVAS);
            if (source.get() == Source.DRAWING) {
                refresh();
            } else {
                source.set(Source.DRAWING);
            }
        }
    }

    private void rerasterize() {
        java.util.Arrays.fill(raster, 0f);
        for (Stroke s : strokes) {
            stamp(s, 0);
        }
    }

    /** Rasterises the segments from point {@code from} on (a lone point as a dot). */
    private void stamp(Stroke s, int from) {
        double r = s.diameter / 2;
        List<double[]> p = s.points;
        if (p.size() == 1) {
            segment(p.get(0)[0], p.get(0)[1], p.get(0)[0], p.get(0)[1], r);
        }
        for (int i = Math.max(0, from); i + 1 < p.size(); i++) {
            segment(p.get(i)[0], p.get(i)[1], p.get(i + 1)[0], p.get(i + 1)[1], r);
        }
    }

    private void segment(double ax, double ay, double bx, double by, double r) {
        int x0 = (int) Math.max(0, Math.floor(Math.min(ax, bx) - r - 1));
        int x1 = (int) Math.min(CANVAS - 1, Math.ceil(Math.max(ax, bx) + r + 1));
        int y0 = (int) Math.max(0, Math.floor(Math.min(ay, by) - r - 1));
        int y1 = (int) Math.min(CANVAS - 1, Math.ceil(Math.max(ay, by) + r + 1));
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double px = x + 0.5 - ax;
                double py = y + 0.5 - ay;
                double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
                double ex = px - t * dx;
                double ey = py - t * dy;
                double d = Math.sqrt(ex * ex + ey * ey);
                float v = (float) Math.max(0, Math.min(1, r + 0.5 - d)); // 1 px soft edge
                int k = y * CANVAS + x;
                if (v > raster[k]) {
                    raster[k] = v;
                }
            }
        }
    }

    // ---------------------------------------------------------------- imported image

    /**
     * Uses an image as the source; polarity and size are handled by
     * {@link DigitPreprocessor#fromArgb(int[], int, int)}.
     *
     * @param name file name, for messages
     * @param argb pixels {@code 0xAARRGGBB}
     * @param w width
     * @param h height
     */
    public void importImage(String name, int[] argb, int w, int h) {
        float[] img = DigitPreprocessor.fromArgb(argb, w, h);
        imported = img;
        importedName.set(name);
        boolean empty = true;
        for (float v : img) {
            if (v > 0) {
                empty = false;
                break;
            }
        }
        error.set(empty ? text("error.imageEmpty", name) : null);
        if (source.get() == Source.IMAGE) {
            refresh();
        } else {
            source.set(Source.IMAGE);
        }
    }

    /**
     * Shows an error message (e.g. an unreadable file); the current state is kept.
     *
     * @param message the text, or null to clear
     */
    public void showError(String message) {
        error.set(message);
    }

    // ---------------------------------------------------------------- noise

    /**
     * Centres the occlusion patch on a pixel, keeping it inside the image.
     *
     * @param col column 0..27
     * @param row row 0..27
     */
    public void placeOcclusion(int col, int row) {
        int size = occlusionSize.get();
        int max = Math.max(0, SIDE - size);
        batch(() -> {
            occlusionX.set(Math.max(0, Math.min(max, col - size / 2)));
            occlusionY.set(Math.max(0, Math.min(max, row - size / 2)));
        });
    }

    /** Puts the occlusion patch at a random position where it fits. */
    public void randomizeOcclusion() {
        int max = Math.max(0, SIDE - occlusionSize.get());
        batch(() -> {
            occlusionX.set(random.nextInt(max + 1));
            occlusionY.set(random.nextInt(max + 1));
        });
    }

    /** @return the noise for the current settings */
    public Noise noise() {
        return switch (noiseKind.get()) {
            case NONE -> new Noise.None();
            case GAUSSIAN -> new Noise.Gaussian(Math.max(0, sigma.get()));
            case UNIFORM -> new Noise.Uniform();
            case OCCLUSION -> new Noise.Occlusion(Math.max(1, occlusionSize.get()),
                    Math.max(0, occlusionX.get()), Math.max(0, occlusionY.get()));
        };
    }

    // ---------------------------------------------------------------- models

    /**
     * Picks the main model (a user choice: defaults are no longer applied).
     *
     * @param model the model, or null
     */
    public void choosePrimary(ActiveModel model) {
        userChoseModels = true;
        primaryModel.set(model);
    }

    /**
     * Picks the comparison model (a user choice: defaults are no longer applied).
     *
     * @param model the model, or null for none
     */
    public void chooseCompare(ActiveModel model) {
        userChoseModels = true;
        compareModel.set(model);
    }

    /** Until the user picks, ED=4 vs ED=32 when both exist, else the active model alone. */
    private void applyModelDefaults() {
        if (compareModel.get() != null && !ctx.models().contains(compareModel.get())) {
            compareModel.set(null);
        }
        if (userChoseModels) {
            return;
        }
        ActiveModel ed4 = findEd(4);
        ActiveModel ed32 = findEd(32);
        batch(() -> {
            if (ed4 != null && ed32 != null) {
                primaryModel.set(ed4);
                compareModel.set(ed32);
            } else {
                primaryModel.set(ctx.activeModelProperty().get());
                compareModel.set(null);
            }
        });
    }

    private ActiveModel findEd(int ed) {
        for (ActiveModel m : ctx.models()) {
            try {
                if (m.metadata() != null && m.metadata().encodingDim() == ed) {
                    return m;
                }
            } catch (RuntimeException e) {
                // metadata without a readable ED: not a default candidate
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- pipeline

    /** Runs {@code r} with refreshes deferred to its end, so compound changes compute once. */
    private void batch(Runnable r) {
        batchDepth++;
        try {
            r.run();
        } finally {
            batchDepth--;
        }
        if (batchDepth == 0 && dirty) {
            refresh();
        }
    }

    /** Recomputes original and noisy input, publishes it and asks for reconstructions. */
    private void refresh() {
        if (batchDepth > 0) {
            dirty = true;
            return;
        }
        dirty = false;
        float[] clean = currentOriginal();
        original.set(clean);
        if (clean == null) {
            noisy.set(null);
            ctx.reconstructInputProperty().set(null);
            clearResults();
            return;
        }
        float[] input = new float[clean.length];
        noise().apply(clean, 0, input, 0, SIDE, SIDE, Noise.seedFor(seed.get(), 0), clip.get());
        noisy.set(input);
        ctx.reconstructInputProperty().set(input.clone());
        ActiveModel a = primaryModel.get();
        ActiveModel b = compareModel.get();
        if (a == null) {
            reconstruction.set(null);
            mse.set(Double.NaN);
        }
        if (b == null) {
            compareReconstruction.set(null);
            compareMse.set(Double.NaN);
        }
        if (a != null || b != null) {
            request(new Request(input, clean, a, b));
        }
    }

    private float[] currentOriginal() {
        switch (source.get()) {
            case DRAWING:
                return drawing.clone();
            case IMAGE:
                return imported == null ? null : imported.clone();
            case TEST_SET:
            default:
                MnistData data = ctx.dataProperty().get();
                int p = position.get();
                if (data == null || p < 0 || p >= filtered.length) {
                    testIndex.set(-1);
                    testLabel.set(-1);
                    return null;
                }
                int i = filtered[p];
                testIndex.set(i);
                testLabel.set(data.test().label(i));
                return data.test().copyImage(i);
        }
    }

    private void clearResults() {
        reconstruction.set(null);
        mse.set(Double.NaN);
        compareReconstruction.set(null);
        compareMse.set(Double.NaN);
    }

    private void request(Request r) {
        synchronized (this) {
            if (inFlight) {
                pending = r; // latest wins: an older waiting request is dropped
                return;
            }
            inFlight = true;
        }
        busy.set(true);
        start(r);
    }

    private void start(Request r) {
        ctx.djl().submit(() -> compute(r))
                .whenComplete((result, failure) -> fx.execute(() -> finish(result, failure)));
    }

    /** On the DJL thread: NDArrays live in sub-managers closed here; only float[] leave. */
    private Result compute(Request r) {
        modelCalls.incrementAndGet();
        float[] a = r.primary() == null ? null : run(r.primary().model().autoencoder(), r.noisy());
        float[] b = r.compare() == null ? null : run(r.compare().model().autoencoder(), r.noisy());
        return new Result(r, a, b);
    }

    private static float[] run(Autoencoder model, float[] input) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(input, new Shape(1, 1, SIDE, SIDE));
            return model.reconstruct(x, false).toFloatArray();
        }
    }

    private void finish(Result result, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            LOG.warn("reconstruction failed", cause);
            error.set(text("error.reconstruct", String.valueOf(cause.getMessage())));
        } else {
            // intermediate results are shown too: during a drag they keep the panel live, and
            // the last one always belongs to the newest request
            Request r = result.request();
            // a model deselected meanwhile must not get its panel back
            if (r.primary() != null && r.primary() == primaryModel.get()) {
                reconstruction.set(result.primary());
                mse.set(mse(result.primary(), r.original()));
            }
            if (r.compare() != null && r.compare() == compareModel.get()) {
                compareReconstruction.set(result.compare());
                compareMse.set(mse(result.compare(), r.original()));
            }
        }
        // results first, then the next request: "idle" then means the newest result is shown
        Request next;
        synchronized (this) {
            next = pending;
            pending = null;
            inFlight = next != null;
        }
        if (next != null) {
            start(next);
        } else {
            busy.set(false);
        }
    }

    /**
     * Mean squared error.
     *
     * @param a an image
     * @param b an image of the same size
     * @return mean of squared differences
     */
    public static double mse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s / a.length;
    }

    String text(String key, Object... args) {
        String pattern = strings.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.getDefault())
                .format(args);
    }

    /** @return the UI strings of this view */
    public ResourceBundle strings() {
        return strings;
    }

    // ---------------------------------------------------------------- state for tests

    /** @return number of model requests run so far (each covers both models) */
    public int modelCalls() {
        return modelCalls.get();
    }

    /** @return whether no request is running or waiting */
    public synchronized boolean isIdle() {
        return !inFlight && pending == null;
    }

    // ---------------------------------------------------------------- properties

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

    /** @return brush diameter in canvas pixels */
    public DoubleProperty brushSizeProperty() {
        return brushSize;
    }

    /** @return increases whenever the strokes change (repaint the canvas) */
    public ReadOnlyIntegerProperty drawingVersionProperty() {
        return drawingVersion.getReadOnlyProperty();
    }

    /** @return name of the imported image, null if none */
    public ReadOnlyStringProperty importedNameProperty() {
        return importedName.getReadOnlyProperty();
    }

    /** @return the noise kind */
    public ObjectProperty<NoiseKind> noiseKindProperty() {
        return noiseKind;
    }

    /** @return Gaussian sigma */
    public DoubleProperty sigmaProperty() {
        return sigma;
    }

    /** @return occlusion patch side */
    public IntegerProperty occlusionSizeProperty() {
        return occlusionSize;
    }

    /** @return occlusion patch left column */
    public IntegerProperty occlusionXProperty() {
        return occlusionX;
    }

    /** @return occlusion patch top row */
    public IntegerProperty occlusionYProperty() {
        return occlusionY;
    }

    /** @return noise seed */
    public IntegerProperty seedProperty() {
        return seed;
    }

    /** @return whether the noisy input is clamped to [0, 1] */
    public BooleanProperty clipProperty() {
        return clip;
    }

    /** @return the main model (null = none); set it with {@link #choosePrimary} for users */
    public ObjectProperty<ActiveModel> primaryModelProperty() {
        return primaryModel;
    }

    /** @return the comparison model (null = none) */
    public ObjectProperty<ActiveModel> compareModelProperty() {
        return compareModel;
    }

    /** @return the clean 28x28 digit, null if none */
    public ReadOnlyObjectProperty<float[]> originalProperty() {
        return original.getReadOnlyProperty();
    }

    /** @return the noisy input fed to the models, null if none */
    public ReadOnlyObjectProperty<float[]> noisyProperty() {
        return noisy.getReadOnlyProperty();
    }

    /** @return the main model's reconstruction, null if none */
    public ReadOnlyObjectProperty<float[]> reconstructionProperty() {
        return reconstruction.getReadOnlyProperty();
    }

    /** @return MSE of the main reconstruction against the clean digit, NaN if none */
    public ReadOnlyDoubleProperty mseProperty() {
        return mse.getReadOnlyProperty();
    }

    /** @return the comparison model's reconstruction, null if none */
    public ReadOnlyObjectProperty<float[]> compareReconstructionProperty() {
        return compareReconstruction.getReadOnlyProperty();
    }

    /** @return MSE of the comparison reconstruction, NaN if none */
    public ReadOnlyDoubleProperty compareMseProperty() {
        return compareMse.getReadOnlyProperty();
    }

    /** @return whether a model request is running */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return the last error message, null if none */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** @return true while no model is selected (the view shows a hint) */
    public BooleanBinding noModelBinding() {
        return noModel;
    }
}
