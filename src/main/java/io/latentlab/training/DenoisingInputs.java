package io.latentlab.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.latentlab.data.Corruption;
import io.latentlab.data.Noise;

/**
 * The network's inputs in a training run: the clean batch itself, or for denoising training a
 * corrupted copy with noise drawn afresh for every batch. The clean batch stays the target.
 * Seeds come from the run's seed, the epoch and the batch alone, so a resumed run sees the same
 * noise it would have seen without the interruption.
 */
final class DenoisingInputs {

    private final Corruption corruption;
    private final long seed;

    /**
     * @param corruption what to do to the inputs
     * @param runSeed the run's seed
     */
    DenoisingInputs(Corruption corruption, long runSeed) {
        this.corruption = corruption;
        this.seed = runSeed ^ 0x5DEECE66DL;
    }

    /**
     * @param m owner of a corrupted copy
     * @param clean {@code (N, 1, H, W)} images, the batch's targets; never changed
     * @param epoch the epoch, from 1
     * @param batch the batch within it, from 0
     * @return {@code clean} itself, or a new corrupted copy
     */
    NDArray input(NDManager m, NDArray clean, int epoch, int batch) {
        long k = (long) epoch * 1_000_003 + batch;
        // past epoch 2147 the single index would wrap: mix epoch and batch in two steps there
        long batchSeed = k <= Integer.MAX_VALUE ? Noise.seedFor(seed, (int) k)
                : Noise.seedFor(Noise.seedFor(seed, epoch), batch);
        return corrupt(m, clean, batchSeed);
    }

    /**
     * Validation inputs: the same noise every epoch, so epochs compare on the same task.
     *
     * @param m owner of a corrupted copy
     * @param clean the validation images
     * @return {@code clean} itself, or a corrupted copy
     */
    NDArray validation(NDManager m, NDArray clean) {
        return corrupt(m, clean, ~seed);
    }

    private NDArray corrupt(NDManager m, NDArray clean, long batchSeed) {
        if (corruption.isNone()) {
            return clean;
        }
        Shape s = clean.getShape();
        float[] noisy = corruption.apply(clean.toFloatArray(), (int) s.get(0), (int) s.get(2),
                (int) s.get(3), batchSeed);
        return m.create(noisy, s);
    }
}
