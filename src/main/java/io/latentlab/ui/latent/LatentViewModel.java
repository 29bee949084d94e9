package io.latentlab.ui.latent;

import io.latentlab.analysis.LatentCodes;
import io.latentlab.analysis.Pca;
import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Point2D;

/**
 * State of the Latent space view: the test digits' codes projected on their first two
 * principal axes, which classes are shown, the decoded "walk" point and the live marker of the
 * Reconstruct view's input.
 *
 * <p>All properties are read and written on the {@code fx} executor. DJL work goes through
 * {@code ctx.djl()}; only float arrays come back. A newer model or dataset makes the results
 * of older requests be dropped (latest request wins).
 */
public final class LatentViewModel {

    /** Number of digit classes shown in the legend. */
    public static final int CLASSES = 10;
    /** Images per forward pass while encoding the test set. */
    static final int BATCH = 1000;

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

    private record MarkerRequest(Projection p, float[] input) { }

    private record WalkRequest(Projection p, double x, double y) { }

    private final AppContext ctx;
    private final Executor fx;
    private final ResourceBundle strings;
    private final AtomicLong generation = new AtomicLong();
    private final ReadOnlyObjectWrapper<Projection> projection = new ReadOnlyObjectWrapper<>(
            this, "projection");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
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
    private final Coalescer<WalkRequest, float[]> walker;
    private final Coalescer<MarkerRequest, float[]> markers;
    private CompletableFuture<Projection> pending = CompletableFuture.completedFuture(null);
    private String jobName = "";

    /**
     * Starts following the context's model, dataset and Reconstruct input.
     *
     * @param ctx shared services
     * @param fx runs callbacks on the FX thread (a direct executor in tests)
     */
    public LatentViewModel(AppContext ctx, Executor fx) {
        this.ctx = ctx;
        this.fx = fx;
        this.strings = ResourceBundle.getBundle("io.latentlab.ui.latent.strings",
                Locale.getDefault());
        for (int c = 0; c < CLASSES; c++) {
            classVisible[c] = new SimpleBooleanProperty(this, "class" + c, true);
        }
        walker = new Coalescer<>(ctx.djl(), fx,
                r -> LatentCodes.decode(r.p().model().model().autoencoder(), r.p().pca().inverse(
                        new double[] {r.x(), r.y()})),
                (r, img) -> {
                    if (r.p() == projection.get()) {
                        decoded.set(img);
                    }
                });
        markers = new Coalescer<>(ctx.djl(), fx,
                r -> r.p().pca().project(LatentCodes.encodeImage(r.p().model().model().autoencoder(),
                        r.input()), 1, 2),
                (r, xy) -> {
                    // an older input or map may have been replaced while this one ran
                    if (r.p() == projection.get()
                            && r.input() == ctx.reconstructInputProperty().get()) {
                        marker.set(new Point2D(xy[0], xy[1]));
                    }
                });
        ctx.activeModelProperty().addListener((obs, o, n) -> refresh());
        ctx.dataProperty().addListener((obs, o, n) -> refresh());
        ctx.reconstructInputProperty().addListener((obs, o, n) -> updateMarker());
        refresh();
    }

    /**
     * Recomputes the map for the current model and dataset; older requests still running are
     * abandoned at their next batch and their results ignored.
     *
     * @return completes (on the fx executor) with the new map, or null if there is none or a
     *     newer request replaced this one
     */
    public CompletableFuture<Projection> refresh() {
        long gen = generation.incrementAndGet();
        ActiveModel model = ctx.activeModelProperty().get();
        MnistData data = ctx.dataProperty().get();
        projection.set(null);
        walkPoint.set(null);
        decoded.set(null);
        marker.set(null);
        updateTexts();
        if (model == null || data == null) {
            busy.set(false);
            message.set(text(model == null ? "latent.noModel" : "latent.noData"));
            finishJob(null);
            pending = CompletableFuture.completedFuture(null);
            return pending;
        }
        busy.set(true);
        message.set(text("latent.encoding"));
        Dataset test = data.test();
        jobName = format("latent.encodingJob", test.size());
        ctx.legacyStatus().start(jobName, () -> cancel(gen));
        CompletableFuture<Projection> result = new CompletableFuture<>();
        pending = result;
        ctx.djl().submit(() -> {
            if (generation.get() != gen) {
                throw new CancellationException("superseded");
            }
            LatentCodes codes = LatentCodes.encode(model.model().autoencoder(), test, BATCH, (done, total) -> {
                if (generation.get() != gen) {
                    return false;
                }
                double fraction = (double) done / total;
                fx.execute(() -> {
                    if (generation.get() == gen && isOurJob()) {
                        ctx.legacyStatus().update(fraction, "");
                    }
                });
                return true;
            });
            Pca pca = Pca.fit(codes.codes(), codes.n(), codes.dim());
            float[] xy = pca.project(codes.codes(), codes.n(), 2);
            return new Projection(model, test, pca, xy, codes.labels(),
                    pca.explainedVarianceRatio());
        }).whenComplete((p, err) -> fx.execute(() -> {
            if (generation.get() != gen) {
                result.complete(null);
                return;
            }
            busy.set(false);
            Throwable cause = err instanceof CompletionException && err.getCause() != null
                    ? err.getCause() : err;
            if (cause instanceof CancellationException) {
                message.set(text("latent.cancelled"));
                finishJob(text("latent.cancelled"));
            } else if (cause != null) {
                String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
                message.set(format("latent.error", why));
                finishJob(format("latent.error", why));
            } else {
                message.set("");
                projection.set(p);
                updateTexts();
                finishJob(format("latent.ready", p.n()));
                updateMarker();
            }
            result.complete(cause == null ? p : null);
        }));
        return result;
    }

    /** Abandons the running computation (the status bar's cancel button). */
    private void cancel(long gen) {
        // only the request that is still current can be cancelled
        if (generation.compareAndSet(gen, gen + 1)) {
            busy.set(false);
            message.set(text("latent.cancelled"));
            finishJob(text("latent.cancelled"));
            pending.complete(null);
        }
    }

    /** @return the future of the latest {@link #refresh()} (for tests and callers) */
    public CompletableFuture<Projection> pending() {
        return pending;
    }

    private boolean isOurJob() {
        // another view may have started its own job meanwhile: leave its status alone
        return ctx.legacyStatus().runningProperty().get()
                && jobName.equals(ctx.legacyStatus().nameProperty().get());
    }

    private void finishJob(String msg) {
        if (isOurJob()) {
            ctx.legacyStatus().finish(msg == null ? "" : msg);
        }
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
     * {@link Pca#inverse} and decoded on the DJL thread. Calls in quick succession are
     * coalesced; the latest point wins.
     *
     * @param x first principal coordinate
     * @param y second principal coordinate
     * @return completes once this point or a newer one is decoded and shown
     */
    public CompletableFuture<Void> walkTo(double x, double y) {
        Projection p = projection.get();
        if (p == null) {
            return CompletableFuture.completedFuture(null);
        }
        walkPoint.set(new Point2D(x, y));
        return walker.request(new WalkRequest(p, x, y));
    }

    /**
     * Re-encodes the Reconstruct view's input and places the live marker.
     *
     * @return completes once the marker is updated
     */
    public CompletableFuture<Void> updateMarker() {
        Projection p = projection.get();
        float[] input = ctx.reconstructInputProperty().get();
        if (p == null || input == null || input.length != 28 * 28) {
            marker.set(null);
            return CompletableFuture.completedFuture(null);
        }
        return markers.request(new MarkerRequest(p, input));
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
        return java.util.Arrays.copyOf(out, k);
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

    /** @return the current map, or null */
    public ReadOnlyObjectProperty<Projection> projectionProperty() {
        return projection.getReadOnlyProperty();
    }

    /** @return whether the map is being computed */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return a hint or status shown over the map ("" when the map is shown) */
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
