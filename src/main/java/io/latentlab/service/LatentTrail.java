package io.latentlab.service;

import io.latentlab.analysis.Pca;
import io.latentlab.analysis.Procrustes;
import io.latentlab.data.Dataset;
import io.latentlab.training.TrainingEvent;

import java.util.Arrays;

/**
 * The latent space of a model in training, epoch after epoch: the first test digits encoded,
 * projected on their own PCA plane and aligned to the previous epoch's picture (PCA axes may
 * flip or swap from one epoch to the next; aligned, the clusters move instead). Engine thread.
 */
final class LatentTrail {

    /** Test digits followed: enough for the clusters' shapes, a few ms to encode. */
    static final int POINTS = 2000;

    private final float[] pixels;
    private final int[] labels;
    private final int n;
    private float[] previous;

    /**
     * @param test the test set; its first {@code min(points, size)} digits are followed
     * @param points how many
     */
    LatentTrail(Dataset test, int points) {
        n = Math.min(points, test.size());
        int ppi = test.pixelsPerImage();
        pixels = Arrays.copyOfRange(test.backingArray(), test.offset(0),
                test.offset(0) + n * ppi);
        labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = test.label(i);
        }
    }

    /**
     * @param model the model as it is now
     * @param epoch the epoch just ended
     * @return the aligned picture, or null without digits
     */
    TrainingEvent.LatentSnapshot snapshot(ModelHandle model, int epoch) {
        if (n == 0) {
            return null;
        }
        float[] codes = model.encode(pixels);
        int dim = codes.length / n;
        float[] xy = Pca.fit(codes, n, dim).project(codes, n, 2);
        if (previous != null) {
            xy = Procrustes.align(xy, previous, n, 2);
        }
        previous = xy;
        return new TrainingEvent.LatentSnapshot(epoch, xy.clone(), labels.clone());
    }
}
