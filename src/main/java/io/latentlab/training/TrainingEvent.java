package io.latentlab.training;

/**
 * Plain, immutable events published by the training loop. They carry no DJL objects, so any
 * thread may read them; the GUI queues them and draws them at its own pace.
 */
public sealed interface TrainingEvent {

    /**
     * The run started (or resumed).
     *
     * @param config the configuration
     * @param firstEpoch the first epoch this run will execute (1 unless resumed)
     * @param batchesPerEpoch number of batches in one epoch
     * @param trainSize training samples per epoch
     */
    record Started(TrainingConfig config, int firstEpoch, int batchesPerEpoch, int trainSize)
            implements TrainingEvent {}

    /**
     * One batch was trained.
     *
     * @param epoch 1-based epoch
     * @param batch 1-based batch within the epoch
     * @param batches batches per epoch
     * @param loss the batch's MSE
     */
    record BatchEnd(int epoch, int batch, int batches, double loss) implements TrainingEvent {}

    /**
     * One epoch finished.
     *
     * @param metrics its metrics
     */
    record EpochEnd(EpochMetrics metrics) implements TrainingEvent {}

    /**
     * The run ended normally, by early stopping, by the epoch limit or by cancel.
     *
     * @param result the outcome
     */
    record Finished(TrainingResult result) implements TrainingEvent {}

    /**
     * The run failed (diverged or an error); best weights so far are kept if there are any.
     *
     * @param message a one-line explanation for the user
     * @param result the outcome so far
     */
    record Failed(String message, TrainingResult result) implements TrainingEvent {}

    /**
     * Reconstructions of a few fixed test digits after an epoch (emitted by the app's runs).
     *
     * @param epoch the epoch
     * @param images one 28x28 float[] per digit
     */
    record Preview(int epoch, float[][] images) implements TrainingEvent {}

    /**
     * The latent space after an epoch: the codes of a fixed subset of test digits projected on
     * their first two principal components, turned (orthogonal Procrustes) to match the
     * previous epoch's picture, so that clusters move instead of flipping.
     *
     * @param epoch the epoch
     * @param xy row-major {@code n x 2} coordinates
     * @param labels the digits' labels
     */
    record LatentSnapshot(int epoch, float[] xy, int[] labels) implements TrainingEvent {}
}
