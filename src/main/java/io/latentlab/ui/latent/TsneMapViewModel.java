package io.latentlab.ui.latent;

import io.latentlab.analysis.LatentCodes;
import io.latentlab.analysis.TsneMetrics;
import io.latentlab.data.Dataset;
import io.latentlab.data.Seeds;
import io.latentlab.service.ModelHandle;
import io.latentlab.ui.TestCodes;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.Jobs;
import io.latentlab.ui.latent.LatentViewModel.Projection;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which map the Latent view draws, PCA or t-SNE, and the t-SNE map itself: Barnes-Hut t-SNE of
 * the test codes the PCA map already encoded ({@link TestCodes}), computed in a worker job
 * (plain Java: the engine stays free), kept per model once done, with its silhouette and
 * leave-one-out kNN accuracy. The t-SNE map reuses the PCA map's {@link Projection} with the
 * t-SNE coordinates, so hover and click-to-open work the same.
 *
 * <p>FX thread only.
 */
public final class TsneMapViewModel {

    /** The two maps. */
    public enum MapKind {
        /** First two principal axes: linear, can be walked. */
        PCA,
        /** Barnes-Hut t-SNE: non-linear, keeps neighbourhoods. */
        TSNE
    }

    /** A computed t-SNE map of one model's test codes. */
    private record Computed(Dataset test, float[] xy, TsneMetrics metrics) {}

    private static final Logger LOG = LoggerFactory.getLogger(TsneMapViewModel.class);

    private final LatentViewModel texts;
    private final Jobs jobs;
    private final TestCodes codes;
    private final Consumer<Projection> show;
    private final int maxPoints;
    private final ObjectProperty<MapKind> kind = new SimpleObjectProperty<>(this, "kind",
            MapKind.PCA);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper retryable = new ReadOnlyBooleanWrapper(this,
            "retryable");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress",
            -1);
    // weak: a closed model's map goes with it
    private final Map<ModelHandle, Computed> cache = new WeakHashMap<>();
    private Projection pca;
    private Job<Computed> job;

    /**
     * @param texts the view's strings
     * @param jobs where the t-SNE job runs
     * @param codes the test codes the PCA map encoded
     * @param show shows a map (null: none)
     * @param maxPoints the most test digits embedded (the first ones)
     */
    TsneMapViewModel(LatentViewModel texts, Jobs jobs, TestCodes codes,
            Consumer<Projection> show, int maxPoints) {
        this.texts = texts;
        this.jobs = jobs;
        this.codes = codes;
        this.show = show;
        this.maxPoints = maxPoints;
        kind.addListener((obs, o, n) -> update());
    }

    /**
     * The PCA map of the current model is ready; shows it or its t-SNE map, as chosen.
     *
     * @param p the PCA map
     */
    void pcaReady(Projection p) {
        pca = p;
        update();
    }

    /** The current model or dataset changed: the t-SNE job of the old one stops. */
    void reset() {
        pca = null;
        stop();
        message.set("");
        summary.set("");
        retryable.set(false);
    }

    private void update() {
        stop();
        retryable.set(false);
        message.set("");
        summary.set("");
        if (pca == null) {
            return;
        }
        if (kind.get() == MapKind.PCA) {
            show.accept(pca);
            return;
        }
        Computed c = cache.get(pca.model().model());
        if (c != null && c.test() == pca.images()) {
            showComputed(pca, c);
        } else {
            show.accept(null);
            start(pca);
        }
    }

    /** Computes the t-SNE map again after a cancel or failure. */
    public void retry() {
        if (kind.get() == MapKind.TSNE && pca != null && job == null) {
            update();
        }
    }

    private void start(Projection p) {
        ModelHandle handle = p.model().model();
        TestCodes.Entry e = codes.get(handle, p.images());
        if (e == null) {
            // the PCA map was computed from these codes; only a closed model loses them
            fail(texts.text("latent.tsne.noCodes"));
            return;
        }
        LatentCodes test = e.codes();
        int n = Math.min(Math.min(test.n(), maxPoints), TsneMetrics.MAX_POINTS);
        message.set(texts.text("latent.tsne.neighbours"));
        Job<Computed> j = Job.onWorker(texts.format("latent.tsne.job", n, handle.encodingDim()),
                c -> {
                    float[] xy = TsneMetrics.embed(test, n, Seeds.DEFAULT, false,
                            (done, total) -> {
                                // the neighbour search (0 done) has no fraction to show
                                if (done > 0) {
                                    c.progress(done, total);
                                }
                                return !c.isCancelled();
                            });
                    return new Computed(p.images(), xy, TsneMetrics.of(xy, test.labels(), n));
                });
        j.progressProperty().addListener((obs, o, v) -> {
            if (j == job && v.doubleValue() >= 0) {
                message.set(texts.format("latent.tsne.computing", v.doubleValue() * 100));
            }
        });
        j.onSuccess(c -> {
            if (j == job && p == pca) {
                cache.put(handle, c);
                showComputed(p, c);
            }
        }).onFailure(error -> {
            if (j == job) {
                LOG.warn("t-SNE map failed", error);
                fail(texts.format("latent.tsne.error", error.getMessage() == null
                        ? error.toString() : error.getMessage()));
            }
        }).onCancelled(() -> {
            if (j == job) {
                fail(texts.text("latent.tsne.cancelled"));
            }
        }).onFinished(() -> {
            if (j == job) {
                endJob();
            }
        });
        job = j;
        busy.set(true);
        progress.bind(j.progressProperty());
        jobs.submit(j);
    }

    private void fail(String why) {
        message.set(why);
        retryable.set(true);
    }

    private void showComputed(Projection p, Computed c) {
        int n = c.xy().length / 2;
        message.set("");
        summary.set(texts.format("latent.tsne.summary", n, c.metrics().silhouette(),
                c.metrics().knnAccuracy() * 100));
        // the first n test digits with their t-SNE places; hover and click work as on PCA
        show.accept(new Projection(p.model(), p.images(), p.pca(), c.xy(),
                java.util.Arrays.copyOf(p.labels(), n), p.ratio()));
    }

    /** Cancels the t-SNE job, if one runs; the view then says so. */
    public void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    private void stop() {
        Job<Computed> j = job;
        endJob();
        if (j != null) {
            j.cancel();
        }
    }

    private void endJob() {
        job = null;
        progress.unbind();
        progress.set(-1);
        busy.set(false);
    }

    /** @return whether the t-SNE map is chosen (it may still be computing) */
    public boolean isTsne() {
        return kind.get() == MapKind.TSNE;
    }

    /** Switches between the maps (the view's M key). */
    public void toggle() {
        kind.set(isTsne() ? MapKind.PCA : MapKind.TSNE);
    }

    /** @return the chosen map */
    public ObjectProperty<MapKind> kindProperty() {
        return kind;
    }

    /** @return "Computing t-SNE… 40 %", why the t-SNE map is missing, or "" */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return the shown t-SNE map's size and metrics, or "" */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** @return whether the t-SNE map is being computed */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return whether it was cancelled or failed, so computing it again makes sense */
    public ReadOnlyBooleanProperty retryableProperty() {
        return retryable.getReadOnlyProperty();
    }

    /** @return the job's progress, 0..1, or -1 when none runs */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
