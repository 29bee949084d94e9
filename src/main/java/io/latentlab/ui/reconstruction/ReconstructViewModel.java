package io.latentlab.ui.reconstruction;

import io.latentlab.service.ModelHandle;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.LatestWins;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and logic of the Reconstruct view: the digit ({@link DigitInput}), the noise
 * ({@link NoiseSettings}), one or two models and their {@link Reconstruction}s.
 *
 * <p>FX thread only. Every input change publishes the clean and noisy digit at once and asks
 * for reconstructions as one engine job under {@link LatestWins}: a newer request replaces an
 * older one that has not started, so the engine never falls behind a dragged slider. A request
 * the engine has started is not replaced when only the noise moved: its result is shown and
 * the newest input asked for next, so results keep coming while the slider moves.
 */
public final class ReconstructViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ReconstructViewModel.class);
    private static final String KEY = "reconstruct";

    /** Side of the model input. */
    public static final int SIDE = 28;

    /** Where the clean digit comes from. */
    public enum Source { TEST_SET, DRAWING, IMAGE }

    /** The corruption applied before the model sees the digit. */
    public enum NoiseKind { NONE, GAUSSIAN, UNIFORM, OCCLUSION }

    /**
     * Where the occlusion patch goes: where it is dragged, or drawn from the seed as the noise
     * table does (anywhere inside, one quadrant, partly outside the image).
     */
    public enum PatchPlacement { BY_HAND, ANYWHERE, QUADRANT, PARTIAL }

    /** What one engine job returns; either may be null when that slot has no model. */
    private record Pair(Reconstruction primary, Reconstruction compare) {}

    /** The request on its way: what it is for, and whether the engine has started it. */
    private record Request(float[] clean, ActiveModel a, ActiveModel b, AtomicBoolean started) {}

    private final AppContext ctx;
    private final LatestWins latest;
    private final ResourceBundle strings;
    private final AtomicInteger modelCalls = new AtomicInteger();
    private final Batch batch = new Batch(this::refresh);
    private final DigitInput input;
    private final NoiseSettings noise;

    private final ObjectProperty<ActiveModel> primaryModel = new SimpleObjectProperty<>(this,
            "primaryModel");
    private final ObjectProperty<ActiveModel> compareModel = new SimpleObjectProperty<>(this,
            "compareModel");
    private boolean userChoseModels;
    /** Whether the active model went from one model to another (not the start-up pick). */
    private boolean activeSwitched;
    private final ReadOnlyObjectWrapper<float[]> original = new ReadOnlyObjectWrapper<>(this,
            "original");
    private final ReadOnlyObjectWrapper<float[]> noisy = new ReadOnlyObjectWrapper<>(this,
            "noisy");
    private final ReadOnlyObjectWrapper<Reconstruction> reconstruction =
            new ReadOnlyObjectWrapper<>(this, "reconstruction");
    private final ReadOnlyObjectWrapper<Reconstruction> compareReconstruction =
            new ReadOnlyObjectWrapper<>(this, "compareReconstruction");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final BooleanBinding noModel;
    private final LatentSlidersViewModel sliders;
    private Request inFlight;
    private boolean askAgain;

    /**
     * @param ctx shared services: data, models, jobs
     */
    public ReconstructViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.latest = new LatestWins(ctx.jobs());
        this.strings = ResourceBundle.getBundle("io.latentlab.ui.reconstruction.strings",
                Locale.getDefault());
        this.input = new DigitInput(ctx.dataProperty(), batch);
        this.noise = new NoiseSettings(batch);
        noModel = Bindings.createBooleanBinding(
                () -> primaryModel.get() == null && compareModel.get() == null,
                primaryModel, compareModel);

        primaryModel.addListener(obs -> batch.changed());
        compareModel.addListener(obs -> batch.changed());
        ctx.activeModelProperty().addListener((obs, o, n) -> activeModelChanged(o, n));
        ctx.models().addListener((ListChangeListener<ActiveModel>) c -> applyModelDefaults());
        ctx.requestedTestDigitProperty().addListener((obs, o, n) -> {
            if (n.intValue() >= 0) {
                input.showTestDigit(n.intValue());
            }
        });

        sliders = new LatentSlidersViewModel(ctx, primaryModel, noisy.getReadOnlyProperty(),
                this::text);
        applyModelDefaults();
        if (ctx.requestedTestDigitProperty().get() >= 0) {
            input.showTestDigit(ctx.requestedTestDigitProperty().get());
        }
        batch.open();
    }

    /** @return the digit source: test set, drawing, imported image */
    public DigitInput input() {
        return input;
    }

    /** @return the latent sliders of the main model */
    public LatentSlidersViewModel sliders() {
        return sliders;
    }

    /** @return the noise settings */
    public NoiseSettings noise() {
        return noise;
    }

    /**
     * Shows a test digit (clears the class filter); same as {@code input().showTestDigit}.
     *
     * @param index index in the test set
     */
    public void showTestDigit(int index) {
        input.showTestDigit(index);
    }

    /** @return the noise kind; same as {@code noise().kindProperty()} */
    public ObjectProperty<NoiseKind> noiseKindProperty() {
        return noise.kindProperty();
    }

    /** @return Gaussian sigma; same as {@code noise().sigmaProperty()} */
    public DoubleProperty sigmaProperty() {
        return noise.sigmaProperty();
    }

    /**
     * Uses an image as the source; an image without ink shows an error naming it.
     *
     * @param name file name, for messages
     * @param argb pixels {@code 0xAARRGGBB}
     * @param w width
     * @param h height
     */
    public void importImage(String name, int[] argb, int w, int h) {
        boolean ink = input.importImage(name, argb, w, h);
        error.set(ink ? null : text("error.imageEmpty", name));
    }

    /**
     * Shows an error message (e.g. an unreadable file); the current state is kept.
     *
     * @param message the text, or null to clear
     */
    public void showError(String message) {
        error.set(message);
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

    private void activeModelChanged(ActiveModel old, ActiveModel active) {
        activeSwitched |= old != null && active != null;
        if (userChoseModels) {
            primaryModel.set(active);
        } else {
            applyModelDefaults();
        }
    }

    /**
     * Until the user picks here: ED=4 vs ED=32 when both exist, unless the user switched the
     * active model to another one since start-up: then that model alone. So the pair shows at
     * start-up whichever model discovery made active (the newest, or the one used last), and
     * a model the user activates (another ED, a fresh run) is shown rather than ignored.
     */
    private void applyModelDefaults() {
        if (compareModel.get() != null && !ctx.models().contains(compareModel.get())) {
            compareModel.set(null);
        }
        if (userChoseModels) {
            return;
        }
        ActiveModel active = ctx.activeModelProperty().get();
        ActiveModel ed4 = findEd(4);
        ActiveModel ed32 = findEd(32);
        boolean pair = ed4 != null && ed32 != null
                && (!activeSwitched || active == null || active == ed4 || active == ed32);
        batch.run(() -> {
            primaryModel.set(pair ? ed4 : active);
            compareModel.set(pair ? ed32 : null);
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

    /** Publishes the clean and noisy digit and asks for their reconstructions. */
    private void refresh() {
        float[] clean = input.clean();
        original.set(clean);
        ActiveModel a = primaryModel.get();
        ActiveModel b = compareModel.get();
        // a result stays only while its model is selected: never another model's picture;
        // for the same model it stays until the newer one arrives, so a dragged slider
        // does not flicker (it carries its own original, so it is never mixed up)
        if (clean == null || !madeBy(reconstruction.get(), a)) {
            reconstruction.set(null);
        }
        if (clean == null || !madeBy(compareReconstruction.get(), b)) {
            compareReconstruction.set(null);
        }
        if (clean == null) {
            noisy.set(null);
            ctx.reconstructInputProperty().set(null);
            stop();
            return;
        }
        float[] in = noise.apply(clean);
        noisy.set(in);
        ctx.reconstructInputProperty().set(in.clone());
        if (a == null && b == null) {
            stop();
            return;
        }
        request(a, b, in, clean);
    }

    private void request(ActiveModel a, ActiveModel b, float[] in, float[] clean) {
        busy.set(true);
        Request r = inFlight;
        if (r != null && r.started().get() && r.a() == a && r.b() == b
                && Arrays.equals(r.clean(), clean)) {
            // only the noise moved and the engine is at it: replacing a started request would
            // drop every result while the slider keeps moving
            askAgain = true;
            return;
        }
        askAgain = false;
        AtomicBoolean started = new AtomicBoolean();
        inFlight = new Request(clean, a, b, started);
        latest.submit(KEY, Job.onEngine(text("job.reconstruct"), c -> {
            started.set(true);
            modelCalls.incrementAndGet();
            Reconstruction ra = run(a, in, clean);
            c.checkCancelled();
            return new Pair(ra, run(b, in, clean));
        }).visible(false)
                .onSuccess(this::show)
                .onFailure(this::failed)
                .onFinished(this::finished));
    }

    /** The latest request ended: ask for the input shown now if it moved meanwhile. */
    private void finished() {
        inFlight = null;
        float[] in = noisy.get();
        float[] clean = original.get();
        ActiveModel a = primaryModel.get();
        ActiveModel b = compareModel.get();
        if (askAgain && in != null && clean != null && (a != null || b != null)) {
            request(a, b, in, clean);
        } else {
            askAgain = false;
            busy.set(false);
        }
    }

    /** Engine thread: only plain arrays go in and out. */
    private static Reconstruction run(ActiveModel m, float[] in, float[] clean) {
        if (m == null) {
            return null;
        }
        ModelHandle model = m.model();
        return Reconstruction.of(m, in, clean, model.reconstruct(in));
    }

    private static boolean madeBy(Reconstruction r, ActiveModel m) {
        return r != null && m != null && r.model() == m;
    }

    private void show(Pair p) {
        // the latest job was asked for the models selected now; checked anyway, cheaply
        if (p.primary() != null && p.primary().model() == primaryModel.get()) {
            reconstruction.set(p.primary());
        }
        if (p.compare() != null && p.compare().model() == compareModel.get()) {
            compareReconstruction.set(p.compare());
        }
    }

    private void failed(Throwable e) {
        LOG.warn("reconstruction failed", e);
        reconstruction.set(null);
        compareReconstruction.set(null);
        error.set(text("error.reconstruct", String.valueOf(e.getMessage())));
    }

    private void stop() {
        latest.cancel(KEY);
        inFlight = null;
        askAgain = false;
        busy.set(false);
    }

    /**
     * @param r a reconstruction
     * @return whether it was made from the input shown now (not an older one still in view)
     */
    public boolean isCurrent(Reconstruction r) {
        return r != null && r.input() == noisy.get();
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

    /** @return engine jobs run so far (each covers both models); for tests */
    int modelCalls() {
        return modelCalls.get();
    }

    // ---------------------------------------------------------------- properties

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

    /** @return the main model's latest reconstruction, null while there is none for it */
    public ReadOnlyObjectProperty<Reconstruction> reconstructionProperty() {
        return reconstruction.getReadOnlyProperty();
    }

    /** @return the comparison model's latest reconstruction, null while there is none */
    public ReadOnlyObjectProperty<Reconstruction> compareReconstructionProperty() {
        return compareReconstruction.getReadOnlyProperty();
    }

    /** @return whether a reconstruction is being computed */
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
