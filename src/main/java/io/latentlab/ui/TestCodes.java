package io.latentlab.ui;

import io.latentlab.analysis.LatentCodes;
import io.latentlab.analysis.Pca;
import io.latentlab.data.Dataset;
import io.latentlab.service.ModelHandle;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codes of the test digits and their PCA, per model, shared by the views that need them
 * (the Latent view's map, the Reconstruct view's latent sliders), so the test set is encoded
 * once per model. Read and filled on the engine thread, trimmed on the FX thread: thread-safe.
 */
public final class TestCodes {

    /**
     * @param test the dataset that was encoded
     * @param codes its codes
     * @param pca the PCA fitted to them
     */
    public record Entry(Dataset test, LatentCodes codes, Pca pca) {}

    /** Images per forward pass while encoding. */
    static final int BATCH = 1000;

    private final Map<ModelHandle, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param model a model
     * @param test the test set
     * @return its codes of that test set, or null if not computed yet
     */
    public Entry get(ModelHandle model, Dataset test) {
        Entry e = entries.get(model);
        return e != null && e.test() == test ? e : null;
    }

    /**
     * The cached entry, or encodes the test set and fits the PCA (engine thread).
     *
     * @param model a model
     * @param test the test set
     * @param progress called after each batch; false stops
     * @return the entry
     * @throws java.util.concurrent.CancellationException if stopped
     */
    public Entry compute(ModelHandle model, Dataset test, LatentCodes.Progress progress) {
        Entry e = get(model, test);
        if (e != null) {
            return e;
        }
        LatentCodes codes = model.encodeAll(test, BATCH, progress);
        return put(model, test, codes, Pca.fit(codes.codes(), codes.n(), codes.dim()));
    }

    /**
     * @param model a model
     * @param test the dataset encoded
     * @param codes its codes
     * @param pca their PCA
     * @return the entry stored
     */
    public Entry put(ModelHandle model, Dataset test, LatentCodes codes, Pca pca) {
        Entry e = new Entry(test, codes, pca);
        entries.put(model, e);
        return e;
    }

    /** @param models keeps only the entries of these models (others were closed) */
    public void retain(Collection<ModelHandle> models) {
        entries.keySet().retainAll(models);
    }
}
