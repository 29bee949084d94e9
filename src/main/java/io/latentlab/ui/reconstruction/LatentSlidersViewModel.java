package io.latentlab.ui.reconstruction;

import io.latentlab.analysis.LatentAxes;
import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.service.ModelHandle;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.TestCodes;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.LatestWins;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.value.ObservableValue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latent sliders of the Reconstruct view: the main model's code of the digit shown, one
 * slider per coordinate (or per principal direction above {@link LatentAxes#MAX_SLIDERS}
 * dimensions), decoded live while a slider moves.
 *
 * <p>FX thread only. Works only while {@link #openProperty() open} (the panel is expanded):
 * the test set is encoded once per model for the ranges (shared with the Latent view through
 * {@link TestCodes}), then each digit is encoded and each slider change decoded in engine jobs
 * under {@link LatestWins}: a newer change replaces one not started, so dragging never builds
 * a queue. A new digit, noise or model puts the sliders back on the new code.
 */
public final class LatentSlidersViewModel {

    /** Half-width of each slider's range, in standard deviations of the test codes. */
    public static final double SPREAD = 3;

    /** Values of the code shown as text at most. */
    private static final int SHOWN = 16;

    private static final Logger LOG = LoggerFactory.getLogger(LatentSlidersViewModel.class);
    private static final String STATS = "sliders.stats";
    private static final String CODE = "sliders.code";
    private static final String DECODE = "sliders.decode";

    /**
     * One slider's state.
     *
     * @param label short name ("z3", "PC2")
     * @param tooltip what it moves
     * @param min low end (widened to the digit's own value if that lies outside)
     * @param max high end
     * @param value its value; setting it decodes
     */
    public record Axis(String label, String tooltip, double min, double max,
            DoubleProperty value) {}

    /** The digit's code and what the sliders were built from. */
    private record Start(ActiveModel model, float[] input, LatentAxes axes, float[] z0,
            float[] image) {}

    private final AppContext ctx;
    private final ObservableValue<ActiveModel> model;
    private final ObservableValue<float[]> input;
    private final BiFunction<String, Object[], String> text;
    private final LatestWins latest;
    private final AtomicInteger decodeCalls = new AtomicInteger();
    private final BooleanProperty open = new SimpleBooleanProperty(this, "open");
    private final ReadOnlyObjectWrapper<List<Axis>> sliders = new ReadOnlyObjectWrapper<>(
            this, "sliders", List.of());
    private final ReadOnlyObjectWrapper<float[]> decoded = new ReadOnlyObjectWrapper<>(this,
            "decoded");
    private final ReadOnlyStringWrapper code = new ReadOnlyStringWrapper(this, "code", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper kind = new ReadOnlyStringWrapper(this, "kind", "");
    private final SimpleDoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private ModelHandle statsFor;
    private Start start;
    private boolean resetting;

    /**
     * @param ctx shared services: data, jobs, the test codes
     * @param model the main model
     * @param input the digit the model sees
     * @param text the view's strings: key and arguments to text
     */
    LatentSlidersViewModel(AppContext ctx, ObservableValue<ActiveModel> model,
            ObservableValue<float[]> input, BiFunction<String, Object[], String> text) {
        this.ctx = ctx;
        this.model = model;
        this.input = input;
        this.text = text;
        this.latest = new LatestWins(ctx.jobs());
        model.addListener(obs -> refresh());
        input.addListener(obs -> refresh());
        ctx.dataProperty().addListener(obs -> refresh());
        open.addListener(obs -> refresh());
        refresh();
    }

    /** Drops the sliders and asks for the code of the digit shown now. */
    private void refresh() {
        latest.cancel(CODE);
        latest.cancel(DECODE);
        start = null;
        sliders.set(List.of());
        decoded.set(null);
        code.set("");
        kind.set("");
        ActiveModel m = model.getValue();
        float[] x = input.getValue();
        MnistData data = ctx.dataProperty().get();
        if (!open.get() || m == null || data == null) {
            stopEncoding();
        }
        if (!open.get()) {
            message.set("");
            return;
        }
        if (m == null || x == null || data == null) {
            message.set(text(m == null ? "sliders.noModel" : data == null ? "sliders.noData"
                    : "sliders.noDigit"));
            return;
        }
        ModelHandle handle = m.model();
        Dataset test = data.test();
        TestCodes.Entry stats = ctx.testCodes().get(handle, test);
        if (stats == null) {
            encodeTestSet(handle, test);
            return;
        }
        stopEncoding();
        message.set("");
        LatentAxes axes = LatentAxes.of(stats.pca(), SPREAD);
        float[] pixels = x.clone();
        latest.submit(CODE, Job.onEngine(text("sliders.job.code"), c -> {
            float[] z0 = handle.encode(pixels);
            return new Start(m, pixels, axes, z0, handle.decode(z0));
        }).visible(false)
                .onSuccess(this::begin)
                .onFailure(this::failed));
    }

    /** The ranges need the test codes: one visible job per model, not restarted per digit. */
    private void encodeTestSet(ModelHandle handle, Dataset test) {
        message.set(text("sliders.encoding", handle.encodingDim()));
        if (statsFor == handle && latest.isPending(STATS)) {
            return;
        }
        statsFor = handle;
        TestCodes cache = ctx.testCodes();
        Job<TestCodes.Entry> job = Job.onEngine(text("sliders.job.stats", handle.encodingDim()),
                c -> cache.compute(handle, test, (done, total) -> {
                    c.progress(done, total);
                    return !c.isCancelled();
                }));
        progress.bind(job.progressProperty());
        latest.submit(STATS, job.onSuccess(e -> refresh())
                .onFailure(e -> {
                    stopEncoding();
                    failed(e);
                }));
    }

    /** Drops the test-set encoding, if any (the panel closed, another model's are cached). */
    private void stopEncoding() {
        latest.cancel(STATS);
        statsFor = null;
        progress.unbind();
        progress.set(-1);
    }

    private void begin(Start s) {
        start = s;
        LatentAxes axes = s.axes();
        double[] v0 = axes.values(s.z0());
        boolean coords = axes.kind() == LatentAxes.Kind.COORDINATE;
        List<Axis> list = new ArrayList<>();
        for (int k = 0; k < axes.count(); k++) {
            String tip = coords ? text("sliders.coordinate.tooltip", k + 1, axes.dim())
                    : text("sliders.principal.tooltip", k + 1, axes.varianceShare(k) * 100);
            DoubleProperty value = new SimpleDoubleProperty(this, "value" + k, v0[k]);
            value.addListener(obs -> moved());
            list.add(new Axis(text(coords ? "sliders.coordinate" : "sliders.principal", k + 1),
                    tip, Math.min(axes.min(k), v0[k]), Math.max(axes.max(k), v0[k]), value));
        }
        kind.set(coords ? text("sliders.kind.coordinates", axes.dim())
                : text("sliders.kind.principal", axes.count(), axes.dim()));
        sliders.set(List.copyOf(list));
        decoded.set(s.image());
        code.set(format(s.z0()));
    }

    /** A slider moved: decode the code the sliders show now. */
    private void moved() {
        Start s = start;
        if (resetting || s == null) {
            return;
        }
        float[] z = s.axes().code(s.z0(), values());
        code.set(format(z));
        ModelHandle handle = s.model().model();
        latest.submit(DECODE, Job.onEngine(text("sliders.job.decode"), c -> {
            decodeCalls.incrementAndGet();
            return handle.decode(z);
        }).visible(false)
                .onSuccess(img -> {
                    if (s == start) {
                        decoded.set(img);
                    }
                })
                .onFailure(this::failed));
    }

    /** Puts every slider back on the digit's own code and shows its decoding again. */
    public void reset() {
        Start s = start;
        if (s == null) {
            return;
        }
        latest.cancel(DECODE);
        double[] v0 = s.axes().values(s.z0());
        resetting = true;
        try {
            List<Axis> list = sliders.get();
            for (int k = 0; k < list.size(); k++) {
                list.get(k).value().set(v0[k]);
            }
        } finally {
            resetting = false;
        }
        decoded.set(s.image());
        code.set(format(s.z0()));
    }

    private double[] values() {
        List<Axis> list = sliders.get();
        double[] v = new double[list.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = list.get(k).value().get();
        }
        return v;
    }

    private void failed(Throwable e) {
        LOG.warn("latent sliders failed", e);
        message.set(text("sliders.error", String.valueOf(e.getMessage())));
    }

    /** The code as text; a long one is cut so the panel keeps its size. */
    private static String format(float[] z) {
        StringJoiner j = new StringJoiner(", ", "z = (", ")");
        for (int i = 0; i < Math.min(z.length, SHOWN); i++) {
            j.add(String.format(Locale.ROOT, "%.2f", z[i]));
        }
        if (z.length > SHOWN) {
            j.add("\u2026 " + z.length + " values");
        }
        return j.toString();
    }

    private String text(String key, Object... args) {
        return text.apply(key, args);
    }

    /** @return decode jobs run so far; for tests */
    int decodeCalls() {
        return decodeCalls.get();
    }

    /** @return the digit's code the sliders started from, null while there is none; for tests */
    float[] startCode() {
        return start == null ? null : start.z0().clone();
    }

    // ---------------------------------------------------------------- properties

    /** @return whether the panel is open; closed, nothing is computed */
    public BooleanProperty openProperty() {
        return open;
    }

    /** @return the sliders, empty while there is no code */
    public ReadOnlyObjectProperty<List<Axis>> slidersProperty() {
        return sliders.getReadOnlyProperty();
    }

    /** @return the decoding of the code the sliders show, null while there is none */
    public ReadOnlyObjectProperty<float[]> decodedProperty() {
        return decoded.getReadOnlyProperty();
    }

    /** @return the code the sliders show, as text */
    public ReadOnlyStringProperty codeProperty() {
        return code.getReadOnlyProperty();
    }

    /** @return what the sliders move ("4 coordinates"), empty while there are none */
    public ReadOnlyStringProperty kindProperty() {
        return kind.getReadOnlyProperty();
    }

    /** @return why there are no sliders (no model, encoding the test set, an error), or "" */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return progress of encoding the test set, -1 when not encoding */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }
}
