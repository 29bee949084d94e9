package io.latentlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SilhouetteTest {

    @Test
    void twoSeparatedClustersByHand() {
        float[] x = {0, 1, 10, 11};
        int[] labels = {0, 0, 1, 1};
        // 0: a=1, b=(10+11)/2;  1: a=1, b=(9+10)/2;  10 and 11 mirror them
        double expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
        assertThat(Silhouette.score(x, 4, 1, labels)).isCloseTo(expected, within(1e-12));
        // label values themselves do not matter
        assertThat(Silhouette.score(x, 4, 1, new int[] {7, 7, -3, -3}))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void bIsTheNearestOtherClusterByHand() {
        float[] x = {0, 2, 5, 7, 20, 22};
        int[] labels = {0, 0, 1, 1, 2, 2};
        // a = 2 everywhere; b: 0 -> L1 mean(5,7)=6, 2 -> L1 mean(3,5)=4, 5 -> L0 mean(5,3)=4,
        // 7 -> L0 mean(7,5)=6, 20 -> L1 mean(15,13)=14, 22 -> L1 mean(17,15)=16
        double expected = (4.0 / 6 + 2.0 / 4 + 2.0 / 4 + 4.0 / 6 + 12.0 / 14 + 14.0 / 16) / 6;
        assertThat(Silhouette.score(x, 6, 1, labels)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void singletonClustersScoreZero() {
        float[] x = {0, 1, 10};
        // 0: a=1, b=10 -> 0.9;  1: a=1, b=9 -> 8/9;  10 is alone -> 0
        double expected = (0.9 + 8.0 / 9 + 0) / 3;
        assertThat(Silhouette.score(x, 3, 1, new int[] {0, 0, 1}))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void twoDimensionalEuclidean() {
        // square 3 wide, 4 high: own-cluster distance 4, other cluster mean (3+5)/2 = 4 -> 0
        float[] x = {0, 0, 0, 4, 3, 0, 3, 4};
        assertThat(Silhouette.score(x, 4, 2, new int[] {0, 0, 1, 1}))
                .isCloseTo(0, within(1e-12));
        // swapping labels across the diagonal: a = 5, b = (3+4)/2 = 3.5 -> (3.5-5)/5
        assertThat(Silhouette.score(x, 4, 2, new int[] {0, 1, 1, 0}))
                .isCloseTo((3.5 - 5) / 5, within(1e-12));
    }

    @Test
    void subsampleIsSeededAndExactWhenLargeEnough() {
        int n = 300;
        float[] x = new float[n * 2];
        int[] labels = new int[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            x[2 * i] = (float) (labels[i] * 3 + r.nextGaussian());
            x[2 * i + 1] = (float) r.nextGaussian();
        }
        double exact = Silhouette.score(x, n, 2, labels);
        assertThat(Silhouette.score(x, n, 2, labels, 0, 1)).isEqualTo(exact);
        assertThat(Silhouette.score(x, n, 2, labels, n, 1)).isEqualTo(exact);
        double a = Silhouette.score(x, n, 2, labels, 100, 9);
        assertThat(Silhouette.score(x, n, 2, labels, 100, 9)).isEqualTo(a);
        assertThat(Silhouette.score(x, n, 2, labels, 100, 10)).isNotEqualTo(a);
        assertThat(a).isCloseTo(exact, within(0.1));
    }

    @Test
    void needsTwoClusters() {
        assertThatThrownBy(() -> Silhouette.score(new float[] {0, 1}, 2, 1, new int[] {4, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 clusters");
    }
}
