package io.latentlab.training;

import io.latentlab.model.Autoencoder;

/**
 * Takes the latent picture of a model in training after an epoch, for the run's latent trail
 * (implemented in {@code analysis}, which may use PCA; this package may not). Called on the
 * thread that owns DJL, before the epoch is committed.
 */
@FunctionalInterface
public interface LatentProbe {

    /**
     * @param model the model after the epoch
     * @param epoch the epoch just trained
     * @param previous the previous epoch's picture as stored (row-major {@code n x 2}), to
     *     align to; null for the first picture of a trail
     * @return the picture, or null if there is none this epoch (the trail then starts again)
     */
    TrainingEvent.LatentSnapshot take(Autoencoder model, int epoch, float[] previous);
}
