package io.latentlab.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.latentlab.data.Dataset;
import io.latentlab.data.Noise;
import io.latentlab.model.Autoencoder;

import java.nio.FloatBuffer;

/** Reconstruction error of a model on a set of images. Call on the DJL thread. */
public final class Evaluator {

    private Evaluator() {}

    /**
     * Copies images of a dataset into one NDArray {@code (count, 1, rows, cols)}.
     *
     * @param manager owner of the result
     * @param ds the dataset
     * @param indices which images, or null for all
     * @return the images
     */
    public static NDArray toNDArray(NDManager manager, Dataset ds, int[] indices) {
        int ppi = ds.pixelsPerImage();
        int count = indices == null ? ds.size() : indices.length;
        Shape shape = new Shape(count, 1, ds.rows(), ds.cols());
        if (indices == null) {
            return manager.create(FloatBuffer.wrap(ds.backingArray(), ds.offset(0), count * ppi)
                    .slice(), shape);
        }
        float[] data = new float[count * ppi];
        for (int i = 0; i < count; i++) {
            System.arraycopy(ds.backingArray(), ds.offset(indices[i]), data, i * ppi, ppi);
        }
        return manager.create(data, shape);
    }

    /**
     * Mean squared error between the model's reconstructions and the images themselves.
     *
     * @param model the model
     * @param images {@code (N, 1, 28, 28)}
     * @param batchSize inference batch size
     * @return MSE over all pixels
     */
    public static double mse(Autoencoder model, NDArray images, int batchSize) {
        return mse(model, images, images, batchSize);
    }

    /**
     * Mean squared error between the model's outputs for {@code inputs} and {@code targets}
     * (a denoising model's inputs are corrupted copies of its targets).
     *
     * @param model the model
     * @param inputs {@code (N, 1, 28, 28)}
     * @param targets same shape
     * @param batchSize inference batch size
     * @return MSE over all pixels
     */
    public static double mse(Autoencoder model, NDArray inputs, NDArray targets,
            int batchSize) {
        long n = inputs.getShape().get(0);
        double sum = 0;
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            try (NDManager batch = inputs.getManager().newSubManager()) {
                NDIndex rows = new NDIndex("{}:{}", start, end);
                NDArray y = model.reconstruct(inputs.get(batch, rows), false);
                sum += y.sub(targets.get(batch, rows)).square().sum().getFloat();
            }
        }
        return sum / inputs.getShape().size();
    }

    /**
     * MSE between reconstructions of noisy images and the clean images.
     *
     * @param model the model
     * @param ds clean images
     * @param noise noise applied to the input
     * @param clip clamp the noisy input to [0, 1]
     * @param limit evaluate the first {@code limit} images (0 = all)
     * @param seed noise seed (image {@code i} always gets the same noise)
     * @param batchSize inference batch size
     * @return MSE over all pixels of the evaluated images
     */
    public static double noisyMse(Autoencoder model, Dataset ds, Noise noise, boolean clip,
            int limit, long seed, int batchSize) {
        int n = limit <= 0 ? ds.size() : Math.min(limit, ds.size());
        int ppi = ds.pixelsPerImage();
        double sum = 0;
        for (int start = 0; start < n; start += batchSize) {
            int count = Math.min(batchSize, n - start);
            int[] idx = new int[count];
            for (int i = 0; i < count; i++) {
                idx[i] = start + i;
            }
            float[] noisy = new float[count * ppi];
            noise.applyBatch(ds, idx, noisy, seed, clip);
            Shape shape = new Shape(count, 1, ds.rows(), ds.cols());
            try (NDManager batch = model.manager().newSubManager()) {
                NDArray x = batch.create(noisy, shape);
                NDArray clean = batch.create(FloatBuffer.wrap(ds.backingArray(),
                        ds.offset(start), count * ppi).slice(), shape);
                NDArray y = model.reconstruct(x, false);
                sum += y.sub(clean).square().sum().getFloat();
            }
        }
        return sum / ((double) n * ppi);
    }
}
