package io.latentlab.study;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.latentlab.data.Dataset;
import io.latentlab.data.Noise;
import io.latentlab.model.Autoencoder;

import java.util.Arrays;
import java.util.List;

/**
 * The study's reconstruction figure for one model: the first test digits under each of the
 * {@link NoiseTable#standardNoises() standard noises}, and the model's reconstruction of each
 * noisy digit. The noise is seeded per image exactly as in {@link NoiseTable}, so these are
 * digits the table scores.
 *
 * @param label the model's label
 * @param noises one row per noise
 * @param digits indices of the test digits shown
 * @param classes their digit classes
 * @param inputs {@code inputs[noise][digit]}: the noisy input, {@code rows * cols} pixels
 * @param outputs {@code outputs[noise][digit]}: the reconstruction of that input
 * @param rows image height
 * @param cols image width
 * @param seed noise seed
 */
public record ReconstructionGrid(String label, List<Noise> noises, int[] digits, int[] classes,
        float[][][] inputs, float[][][] outputs, int rows, int cols, long seed) {

    /** Copies the list. */
    public ReconstructionGrid {
        noises = List.copyOf(noises);
    }

    /**
     * Computes the grid. Call on the DJL thread.
     *
     * @param label the model's label
     * @param model the model (stays owned by the caller)
     * @param test clean test digits
     * @param count how many of the first test digits (1..64, at most the test set)
     * @param seed noise seed
     * @param clip clamp the noisy input to [0, 1]
     * @return the grid
     */
    public static ReconstructionGrid compute(String label, Autoencoder model, Dataset test,
            int count, long seed, boolean clip) {
        if (count < 1 || count > 64 || count > test.size()) {
            throw new IllegalArgumentException("digits must be between 1 and "
                    + Math.min(64, test.size()) + ", got " + count);
        }
        List<Noise> noises = NoiseTable.standardNoises();
        int ppi = test.pixelsPerImage();
        int[] idx = new int[count];
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i;
            classes[i] = test.label(i);
        }
        float[][][] inputs = new float[noises.size()][count][];
        float[][][] outputs = new float[noises.size()][count][];
        for (int r = 0; r < noises.size(); r++) {
            float[] noisy = new float[count * ppi];
            noises.get(r).applyBatch(test, idx, noisy, seed, clip);
            float[] recon;
            try (NDManager m = model.manager().newSubManager()) {
                recon = model.reconstruct(m.create(noisy,
                        new Shape(count, 1, test.rows(), test.cols())), false).toFloatArray();
            }
            for (int i = 0; i < count; i++) {
                inputs[r][i] = Arrays.copyOfRange(noisy, i * ppi, (i + 1) * ppi);
                outputs[r][i] = Arrays.copyOfRange(recon, i * ppi, (i + 1) * ppi);
            }
        }
        return new ReconstructionGrid(label, noises, idx, classes, inputs, outputs, test.rows(),
                test.cols(), seed);
    }
}
