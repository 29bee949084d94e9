package io.latentlab.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.latentlab.data.Dataset;
import io.latentlab.model.Autoencoder;
import io.latentlab.training.Evaluator;

import java.util.concurrent.CancellationException;

/**
 * The latent codes of a set of images, copied out of DJL.
 *
 * @param codes row-major {@code n x dim} codes
 * @param n number of codes
 * @param dim encoding dimension
 * @param labels the class of each image ({@code n} values)
 */
public record LatentCodes(float[] codes, int n, int dim, int[] labels) {

    /** Progress of {@link #encode(Autoencoder, Dataset, int, Progress)}. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called after each batch on the DJL thread.
         *
         * @param done images encoded so far
         * @param total images to encode
         * @return false to stop (the encode call then throws {@link CancellationException})
         */
        boolean onBatch(int done, int total);
    }

    /**
     * Checks the sizes.
     *
     * @throws IllegalArgumentException if the arrays do not have {@code n x dim} and
     *     {@code n} values
     */
    public LatentCodes {
        if (n < 0 || dim < 1 || codes.length != n * dim || labels.length != n) {
            throw new IllegalArgumentException("inconsistent sizes: " + codes.length
                    + " codes, " + labels.length + " labels, n=" + n + ", dim=" + dim);
        }
    }

    /**
     * Encodes every image of a dataset. Call on the thread that owns DJL.
     *
     * @param model the model
     * @param ds the images
     * @param batch images per forward pass
     * @return the codes and labels
     */
    public static LatentCodes encode(Autoencoder model, Dataset ds, int batch) {
        return encode(model, ds, batch, (done, total) -> true);
    }

    /**
     * Encodes every image of a dataset, reporting progress after each batch. Call on the
     * thread that owns DJL. Each batch lives in its own sub-manager of the model's manager,
     * closed right after its codes are copied out.
     *
     * @param model the model
     * @param ds the images
     * @param batch images per forward pass, at least 1
     * @param progress called after each batch; returning false cancels
     * @return the codes and labels
     * @throws CancellationException if {@code progress} asked to stop
     */
    public static LatentCodes encode(Autoencoder model, Dataset ds, int batch,
            Progress progress) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        int n = ds.size();
        int dim = model.encodingDim();
        float[] codes = new float[n * dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = ds.label(i);
        }
        for (int start = 0; start < n; start += batch) {
            int end = Math.min(n, start + batch);
            try (NDManager m = model.manager().newSubManager()) {
                NDArray x = Evaluator.toNDArray(m, ds.slice(start, end), null);
                float[] out = model.encode(x).toFloatArray();
                System.arraycopy(out, 0, codes, start * dim, out.length);
            }
            if (!progress.onBatch(end, n)) {
                throw new CancellationException("encoding cancelled after " + end + " images");
            }
        }
        return new LatentCodes(codes, n, dim, labels);
    }

    /**
     * Encodes one image. Call on the thread that owns DJL.
     *
     * @param model the model
     * @param pixels a 28x28 image, row-major
     * @return its code ({@code model.encodingDim()} values)
     */
    public static float[] encodeImage(Autoencoder model, float[] pixels) {
        if (pixels.length != Autoencoder.SIDE * Autoencoder.SIDE) {
            throw new IllegalArgumentException("expected " + Autoencoder.SIDE * Autoencoder.SIDE
                    + " pixels, got " + pixels.length);
        }
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(pixels, new Shape(1, 1, Autoencoder.SIDE, Autoencoder.SIDE));
            return model.encode(x).toFloatArray();
        }
    }

    /**
     * Decodes one code to an image. Call on the thread that owns DJL.
     *
     * @param model the model
     * @param code {@code model.encodingDim()} values
     * @return the 28x28 image, row-major, values in [0, 1]
     */
    public static float[] decode(Autoencoder model, float[] code) {
        if (code.length != model.encodingDim()) {
            throw new IllegalArgumentException("expected a code of " + model.encodingDim()
                    + " values, got " + code.length);
        }
        try (NDManager m = model.manager().newSubManager()) {
            NDArray z = m.create(code, new Shape(1, code.length));
            return model.decode(z).toFloatArray();
        }
    }
}
