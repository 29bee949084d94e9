package io.latentlab.ui.latent;

import io.latentlab.analysis.LatentCodes;
import io.latentlab.analysis.Pca;
import io.latentlab.analysis.TsneMetrics;
import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.service.ModelHandle;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.TestCodes;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobContext;
import io.latentlab.ui.jobs.LatestWins;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Point2D;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the Latent space view: the test digits' codes projected on their first two
 * principal axes, which classes are shown, the decoded "walk" point and the live marker of the
 * Reconstruct view's input.
 *
 * <p>FX thread only. Engine work runs as jobs keyed in a {@link LatestWins}: a newer model or
 * dataset cancels the map being computed, a newer walk point or Reconstruct input replaces
 * the one before. Only plain arrays come back.
 */
public final class LatentViewModel {

    /** Number of digit classes shown in the legend. */
    public static final int CLASSES = 10;
    /** Above this share of the variance on PC1 (and ED at least 2) the map is a line. */
    static final double LINE_SHARE = 0.999;

    private static final Logger LOG = LoggerFactory.getLogger(LatentViewModel.class);
    private static final String MAP = "latent.map";
    private static final String WALK = "latent.walk";
    private static final String MARKER = "latent.marker";

    /**
     * One computed latent map.
     *
     * @param model the model that encoded the digits
     * @param images the encoded images (the test set): index i is test digit i
     * @param pca the PCA fitted to the codes
     * @param xy row-major n x 2 plane coordinates
     * @param labels class of each point
     * @param ratio explained variance ratio of every component
     */
    public record Projection(ActiveModel model, Dataset images, Pca pca, float[] xy,
            int[] labels, double[] ratio) {
        /** @return number of points */
        public int n() {
            return labels.length;
        }

        /** @return x of point i */
        public float x(int i) {
            return xy[2 * i];
        }

        /** @return y of point i */
        public float y(int i) {
            return xy[2 * i + 1];
        }
    }

    private final AppContext ctx;
    private final ResourceBundle strings;
    private final LatestWins latest;
    private final ReadOnlyObjectWrapper<Projection> projection = new ReadOnlyObjectWrapper<>(
            this, "projection");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyBooleanWrapper retryable = new ReadOnlyBooleanWrapper(this, "retryable");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper pc1Text = new ReadOnlyStringWrapper(this, "pc1", "");
    private final ReadOnlyStringWrapper pc2Text = new ReadOnlyStringWrapper(this, "pc2", "");
    private final BooleanProperty[] classVisible = new BooleanProperty[CLASSES];
    private final ReadOnlyObjectWrapper<Point2D> walkPoint = new ReadOnlyObjectWrapper<>(
            this, "walkPoint");
    private final ReadOnlyObjectWrapper<float[]> decoded = new ReadOnlyObjectWrapper<>(
            this, "decoded");
    private final ReadOnlyObjectWrapper<Point2D> marker = new ReadOnlyObjectWrapper<>(
            this, "marker");
    private final InterpolationViewModel interpolation;
    private final TsneMapViewModel tsneMap;
    private Job<Projection> mapJob;
    /** The PCA map of the current model (shown unless the t-SNE map is chosen). */
    private Projection pcaMap;

    /**
     * Starts following the context's model, dataset and Reconstruct input (FX thread).
     *
     * @param ctx shared services
     */
    public LatentViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.latest = new LatestWins(ctx.jobs());
        this.strings = ResourceBundle.getBundle("io.latentlab.ui.latent.strings",
                Locale.getDefault());
        this.interpolation = new InterpolationViewModel(this, ctx.jobs());
        this.tsneMap = new TsneMapViewModel(this, ctx.jobs(), ctx.testCodes(), this::show,
                TsneMetrics.DEFAULT_POINTS);
        for (int c = 0; c < CLASSES; c++) {
            classVisible[c] = new SimpleBooleanProperty(this, "class" + c, true);
        }
        ctx.activeModelProperty().addListener((obs, o, n) -> refresh());
        ctx.dataProperty().addListener((obs, o, n) -> refresh());
        ctx.reconstructInputProperty().addListener((obs, o, n) -> updateMarker());
        refresh();
    }

    /**
     * Drops the current map at once and computes the one of the current model and dataset as
     * one visible job; the job still running for an older model is cancelled.
     */
    public void refresh() {
        latest.cancel(MAP);
        latest.cancel(WALK);
        latest.cancel(MARKER);
        endMapJob();
        pcaMap = null;
        tsneMap.reset();
        projection.set(null);
        walkPoint.set(null);
        decoded.set(null);
        marker.set(null);
        updateTexts();
        retryable.set(false);
        ActiveModel model = ctx.activeModelProperty().get();
        MnistData data = ctx.dataProperty().get();
        if (model == null || data == null) {
            message.set(text(model == null ? "latent.noModel" : "latent.noData"));
            return;
        }
        Dataset test = data.test();
        ModelHandle handle = model.model();
        message.set(format("latent.encoding", test.size()));
        String fitting = text("latent.fitting");
        Job<Projection> job = Job.onEngine(format("latent.job", handle.encodingDim()),
                c -> compute(ctx.testCodes(), model, test, c, fitting));
        job.onSuccess(this::publish)
                .onFailure(error -> {
                    String why = error.getMessage() == null ? error.toString() : error.getMessage();
                    LOG.warn("latent map failed", error);
                    message.set(format("latent.error", why));
                    retryable.set(true);
                })
                .onCancelled(() -> {
                    message.set(text("latent.cancelled"));
                    retryable.set(true);
                })
                .onFinished(this::endMapJob);
        mapJob = job;
        busy.set(true);
        progress.bind(job.progressProperty());
        latest.submit(MAP, job);
    }

    /**
     * The map's work (engine thread): encodes the test set batch by batch, stopping at the
     * first batch after a cancel, then fits the PCA; both come from the shared cache when
     * another view has computed them for this model already.
     *
     * @param cache the shared codes
     * @param model the model
     * @param test the test set
     * @param c the job's cancel flag and progress
     * @param fitting the message shown while the PCA is fitted
     * @return the map
     * @throws java.util.concurrent.CancellationException if the job was cancelled
     */
    static Projection compute(TestCodes cache, ActiveModel model, Dataset test, JobContext c,
            String fitting) {
        TestCodes.Entry e = cache.compute(model.model(), test, (done, total) -> {
            c.progress(done, total);
            if (done == total) {
                c.message(fitting);
            }
            return !c.isCancelled();
        });
        LatentCodes codes = e.codes();
        Pca pca = e.pca();
        float[] xy = pca.project(codes.codes(), codes.n(), 2);
        return new Projection(model, test, pca, xy, codes.labels(), pca.explainedVarianceRatio());
    }

    /** Cancels the map being computed; the view then shows why it is empty. */
    public void cancel() {
        if (mapJob != null) {
            mapJob.cancel();
        }
    }

    private void endMapJob() {
        mapJob = null;
        progress.unbind();
        progress.set(-1);
        busy.set(false);
    }

    private void publish(Projection p) {
        String why = degenerate(p.pca());
        if (why != null) {
            // a collapsed map would look like data; say what is wrong instead
            message.set(format(why, p.ratio().length == 0 ? 0 : p.ratio()[0] * 100));
            return;
        }
        message.set("");
        pcaMap = p;
        tsneMap.pcaReady(p);
    }

    /** Shows a map: the PCA one or its t-SNE twin ({@link TsneMapViewModel}), or none. */
    private void show(Projection p) {
        walkPoint.set(null);
        decoded.set(null);
        projection.set(p);
        updateTexts();
        updateMarker();
    }

    /**
     * @param pca the PCA of a model's codes
     * @return the key of the message saying why a map of them would mislead, or null if it
     *     would not: every code the same (zero variance), or, with two or more dimensions,
     *     all the variance along one line
     */
    static String degenerate(Pca pca) {
        double[] v = pca.variances();
        double total = 0;
        for (double x : v) {
            total += x;
        }
        double meanSq = 0;
        for (double m : pca.mean()) {
            meanSq += m * m;
        }
        // float codes that are "all equal" may differ by rounding; compare to their size
        if (!(total > 1e-12 * (1 + meanSq))) {
            return "latent.degenerate.constant";
        }
        if (v.length >= 2 && v[0] / total >= LINE_SHARE) {
            return "latent.degenerate.line";
        }
        return null;
    }

    private void updateTexts() {
        Projection p = projection.get();
        pc1Text.set(pcText(p, 0));
        pc2Text.set(pcText(p, 1));
    }

    private String pcText(Projection p, int k) {
        if (p == null || k >= p.ratio().length) {
            return format("latent.pcNone", k + 1);
        }
        return format("latent.pc", k + 1, p.ratio()[k] * 100);
    }

    /**
     * Decodes a point of the plane (walk the latent space): the point is mapped back with
     * {@link Pca#inverse} and decoded in an engine job; a newer point replaces one not yet
     * decoded.
     *
     * @param x first principal coordinate
     * @param y second principal coordinate
     */
    public void walkTo(double x, double y) {
        Projection p = projection.get();
        // a t-SNE plane has no inverse to decode from
        if (p == null || p != pcaMap) {
            return;
        }
        walkPoint.set(new Point2D(x, y));
        float[] code = p.pca().inverse(new double[] {x, y});
        ModelHandle handle = p.model().model();
        latest.submit(WALK, Job.onEngine(text("latent.walkJob"), c -> handle.decode(code))
                .visible(false)
                .onSuccess(img -> {
                    if (p == projection.get()) {
                        decoded.set(img);
                    }
                })
                .onFailure(e -> LOG.warn("decoding a latent point failed", e)));
    }

    /** Encodes the Reconstruct view's input in an engine job and places the live marker. */
    private void updateMarker() {
        Projection p = projection.get();
        float[] input = ctx.reconstructInputProperty().get();
        // on a t-SNE plane a new code has no place without running t-SNE again
        if (p == null || p != pcaMap || input == null || input.length != ModelHandle.PIXELS) {
            latest.cancel(MARKER);
            marker.set(null);
            return;
        }
        // the engine reads its own copy: the caller may reuse the array
        float[] pixels = input.clone();
        ModelHandle handle = p.model().model();
        latest.submit(MARKER, Job.onEngine(text("latent.markerJob"),
                c -> p.pca().project(handle.encode(pixels), 1, 2))
                .visible(false)
                .onSuccess(xy -> {
                    if (p == projection.get()) {
                        marker.set(new Point2D(xy[0], xy[1]));
                    }
                })
                .onFailure(e -> LOG.warn("placing the Reconstruct input failed", e)));
    }

    /**
     * @return indices of the points whose class is shown, in index order
     */
    public int[] visibleIndices() {
        Projection p = projection.get();
        if (p == null) {
            return new int[0];
        }
        int[] labels = p.labels();
        int[] out = new int[labels.length];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (isClassVisible(labels[i])) {
                out[k++] = i;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /**
     * @param label a class
     * @return whether points of that class are shown (classes beyond the legend always are)
     */
    public boolean isClassVisible(int label) {
        return label < 0 || label >= CLASSES || classVisible[label].get();
    }

    /**
     * @param label 0..9
     * @return whether that class is shown
     */
    public BooleanProperty classVisibleProperty(int label) {
        return classVisible[label];
    }

    /** Shows every class. */
    public void showAllClasses() {
        for (BooleanProperty b : classVisible) {
            b.set(true);
        }
    }

    /** @return the choice of map and the t-SNE map */
    public TsneMapViewModel tsneMap() {
        return tsneMap;
    }

    /** @return the A-B interpolation on this map */
    public InterpolationViewModel interpolation() {
        return interpolation;
    }

    /** @return the current map, or null */
    public ReadOnlyObjectProperty<Projection> projectionProperty() {
        return projection.getReadOnlyProperty();
    }

    /** @return whether the map is being computed */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return progress of the map being computed, 0..1, or -1 while unknown */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** @return whether the map was cancelled or failed, so computing it again makes sense */
    public ReadOnlyBooleanProperty retryableProperty() {
        return retryable.getReadOnlyProperty();
    }

    /** @return why the map is empty, or what is happening ("" when the map is shown) */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return "PC1 41.2 %" */
    public ReadOnlyStringProperty pc1TextProperty() {
        return pc1Text.getReadOnlyProperty();
    }

    /** @return "PC2 18.7 %" */
    public ReadOnlyStringProperty pc2TextProperty() {
        return pc2Text.getReadOnlyProperty();
    }

    /** @return the last walked plane point, or null */
    public ReadOnlyObjectProperty<Point2D> walkPointProperty() {
        return walkPoint.getReadOnlyProperty();
    }

    /** @return the decoded image of the walk point (784 values in [0, 1]), or null */
    public ReadOnlyObjectProperty<float[]> decodedProperty() {
        return decoded.getReadOnlyProperty();
    }

    /** @return the plane position of the Reconstruct view's input, or null */
    public ReadOnlyObjectProperty<Point2D> markerProperty() {
        return marker.getReadOnlyProperty();
    }

    /**
     * @param key a key of this view's strings
     * @return its text
     */
    public String text(String key) {
        return strings.getString(key);
    }

    /**
     * @param key a key of this view's strings, a {@link MessageFormat} pattern
     * @param args its arguments
     * @return the formatted text
     */
    public String format(String key, Object... args) {
        return new MessageFormat(strings.getString(key), strings.getLocale()).format(args);
    }
}
