package io.latentlab.analysis;

import io.latentlab.data.Dataset;
import io.latentlab.model.Autoencoder;
import io.latentlab.training.LatentProbe;
import io.latentlab.training.TrainingEvent;

/**
 * The latent space of a model in training, epoch after epoch: the first test digits encoded,
 * projected on their own PCA plane and aligned to the previous epoch's picture (PCA axes may
 * flip or swap from one epoch to the next; aligned, the clusters move instead). Engine thread.
 */
public final class LatentTrail implements LatentProbe {

    /** Test digits followed: enough for the clusters' shapes, a few ms to encode. */
    public static final int POINTS = 2000;
    private static final int BATCH = 1000;

    private final Dataset digits;
    private final int[] labels;
    private final int n;

    /**
     * @param test the test set; its first {@code min(points, size)} digits are followed
     * @param points how many
     */
    public LatentTrail(Dataset test, int points) {
        n = Math.min(points, test.size());
        digits = test.slice(0, n);
        labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = test.label(i);
        }
    }

    /**
     * @param model the model as it is now
     * @param epoch the epoch just ended
     * @param previous the picture to align to, or null
     * @return the aligned picture, or null without digits or when a code is not finite
     */
    @Override
    public TrainingEvent.LatentSnapshot take(Autoencoder model, int epoch, float[] previous) {
        if (n == 0) {
            return null;
        }
        float[] codes = LatentCodes.encode(model, digits, BATCH).codes();
        for (float c : codes) {
            if (!Float.isFinite(c)) {
                return null;
            }
        }
        int dim = codes.length / n;
        float[] xy = Pca.fit(codes, n, dim).project(codes, n, 2);
        if (previous != null && previous.length == xy.length) {
            xy = Procrustes.align(xy, previous, n, 2);
        }
        return new TrainingEvent.LatentSnapshot(epoch, xy, labels.clone());
    }
}
