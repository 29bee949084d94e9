package io.latentlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

class TsneTest {

    private static final int CLUSTERS = 4;
    private static final int PER_CLUSTER = 40;
    private static final int DIM = 10;

    /** Four Gaussian clusters in 10-D, centres 20 apart along their own axis, sd 1. */
    private static float[] clusters(int[] labels) {
        Random r = new Random(7);
        float[] codes = new float[CLUSTERS * PER_CLUSTER * DIM];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % CLUSTERS;
            for (int k = 0; k < DIM; k++) {
                codes[i * DIM + k] = (float) (r.nextGaussian() + (k == labels[i] ? 20 : 0));
            }
        }
        return codes;
    }

    @Test
    void threeEquidistantPointsHaveEqualSimilarities() {
        // each point's two neighbours are equally near: p_j|i = 1/2, so P_ij = (1/2 + 1/2) / 6
        float h = (float) Math.sqrt(3) / 2;
        float[] codes = {0, 0, 1, 0, 0.5f, h};

        float[] p = Tsne.jointProbabilities(codes, 3, 2, 2);

        assertThat(p).containsExactly(new float[] {0, 1 / 6f, 1 / 6f, 1 / 6f, 0, 1 / 6f,
            1 / 6f, 1 / 6f, 0}, within(1e-6f));
    }

    @Test
    void similaritiesAreSymmetricAndSumToOne() {
        int[] labels = new int[CLUSTERS * PER_CLUSTER];
        float[] codes = clusters(labels);
        int n = labels.length;

        float[] p = Tsne.jointProbabilities(codes, n, DIM, 10);

        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sum += p[i * n + j];
                assertThat(p[i * n + j]).isEqualTo(p[j * n + i]);
            }
        }
        assertThat(sum).isCloseTo(1, within(1e-4));
    }

    @Test
    void wellSeparatedClustersKeepTheirNeighbours() {
        int[] labels = new int[CLUSTERS * PER_CLUSTER];
        float[] codes = clusters(labels);
        int n = labels.length;

        float[] y = Tsne.embed(codes, n, DIM, new Tsne.Settings(10, 500, 1), (d, t) -> true);

        // a random or collapsed picture would give about 1/4
        assertThat(Knn.leaveOneOutAccuracy(y, labels, n, 2, 5)).isGreaterThanOrEqualTo(0.98);
        float[] p = Tsne.jointProbabilities(codes, n, DIM, 10);
        float[] start = new float[2 * n];
        Random r = new Random(1);
        for (int k = 0; k < start.length; k++) {
            start[k] = (float) (r.nextGaussian() * 1e-4);
        }
        assertThat(Tsne.divergence(p, y, n)).isLessThan(Tsne.divergence(p, start, n) / 2);
    }

    @Test
    void theSameSeedGivesTheSamePicture() {
        int[] labels = new int[CLUSTERS * PER_CLUSTER];
        float[] codes = clusters(labels);
        Tsne.Settings s = new Tsne.Settings(10, 260, 3);

        float[] a = Tsne.embed(codes, labels.length, DIM, s, (d, t) -> true);
        float[] b = Tsne.embed(codes, labels.length, DIM, s, (d, t) -> true);

        assertThat(a).containsExactly(b);
    }

    @Test
    void progressCanStopTheRun() {
        int[] labels = new int[CLUSTERS * PER_CLUSTER];
        float[] codes = clusters(labels);
        int[] seen = new int[1];

        assertThatThrownBy(() -> Tsne.embed(codes, labels.length, DIM,
                new Tsne.Settings(10, 1000, 1), (done, total) -> {
                    seen[0] = done;
                    return done < 30;
                }))
                .isInstanceOf(CancellationException.class)
                .hasMessage("t-SNE cancelled after 30 of 1000 iterations");
        assertThat(seen[0]).isEqualTo(30);
    }

    @Test
    void badSizesAreNamed() {
        assertThatThrownBy(() -> Tsne.embed(new float[4], 1, 4, Tsne.Settings.defaults(1),
                (d, t) -> true))
                .hasMessage("t-SNE takes 2 to 3000 points, got 1");
        assertThatThrownBy(() -> Tsne.embed(new float[20], 10, 2, Tsne.Settings.defaults(1),
                (d, t) -> true))
                .hasMessage("perplexity must be at least 1 and below the number of points "
                        + "(10), got 30.0");
    }
}
