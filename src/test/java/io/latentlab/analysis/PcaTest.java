package io.latentlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PcaTest {

    private static final double EPS = 1e-6;

    @Test
    void pointsOnALineHaveOneComponent() {
        // y = 2x: all variance lies along (1, 2) / sqrt(5)
        float[] codes = {0, 0, 1, 2, 2, 4, 3, 6, -1, -2};
        Pca pca = Pca.fit(codes, 5, 2);

        assertThat(pca.components()).isEqualTo(2);
        double[] ratio = pca.explainedVarianceRatio();
        assertThat(ratio[0]).isCloseTo(1, within(EPS));
        assertThat(ratio[1]).isCloseTo(0, within(EPS));
        double[] v1 = pca.component(0);
        assertThat(v1[0]).isCloseTo(1 / Math.sqrt(5), within(EPS));
        assertThat(v1[1]).isCloseTo(2 / Math.sqrt(5), within(EPS));
    }

    @Test
    void threePointsHaveExactCoordinates() {
        // mean (2, 1); centred (-2,-1), (2,-1), (0,2); covariance diag(4, 3) with n-1
        float[] codes = {0, 0, 4, 0, 2, 3};
        Pca pca = Pca.fit(codes, 3, 2);

        assertThat(pca.mean()).containsExactly(new double[] {2, 1}, within(EPS));
        assertThat(pca.variances()).containsExactly(new double[] {4, 3}, within(EPS));
        assertThat(pca.explainedVarianceRatio())
                .containsExactly(new double[] {4.0 / 7, 3.0 / 7}, within(EPS));
        assertThat(pca.component(0)).containsExactly(new double[] {1, 0}, within(EPS));
        assertThat(pca.component(1)).containsExactly(new double[] {0, 1}, within(EPS));
        float[] xy = pca.project(codes, 3, 2);
        assertThat(xy).containsExactly(new float[] {-2, -1, 2, -1, 0, 2}, within(1e-6f));
        assertThat(pca.inverse(new double[] {0, 2})).containsExactly(new float[] {2, 3},
                within(1e-6f));
    }

    @Test
    void projectInverseRoundTripInTheSpan() {
        // 3-D points in the plane spanned by a and b (plus an offset): exact round trip
        double[] a = {1, 2, -1};
        double[] b = {0.5, -1, 3};
        double[] offset = {3, -2, 1};
        Random rnd = new Random(7);
        int n = 50;
        float[] codes = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double s = rnd.nextGaussian() * 3;
            double t = rnd.nextGaussian();
            for (int j = 0; j < 3; j++) {
                codes[i * 3 + j] = (float) (offset[j] + s * a[j] + t * b[j]);
            }
        }
        Pca pca = Pca.fit(codes, n, 3);
        assertThat(pca.explainedVarianceRatio()[2]).isCloseTo(0, within(1e-5));
        float[] xy = pca.project(codes, n, 2);
        for (int i = 0; i < n; i++) {
            float[] back = pca.inverse(new double[] {xy[2 * i], xy[2 * i + 1]});
            for (int j = 0; j < 3; j++) {
                assertThat(back[j]).as("point %d dim %d", i, j)
                        .isCloseTo(codes[i * 3 + j], within(1e-3f));
            }
        }
    }

    @Test
    void ratiosAreDescendingAndSumToOne() {
        Random rnd = new Random(1);
        int n = 200;
        int dim = 6;
        float[] codes = new float[n * dim];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (float) (rnd.nextGaussian() * (1 + i % dim));
        }
        double[] ratio = Pca.fit(codes, n, dim).explainedVarianceRatio();
        assertThat(ratio).hasSize(dim);
        double sum = 0;
        for (int k = 0; k < dim; k++) {
            sum += ratio[k];
            if (k > 0) {
                assertThat(ratio[k]).isLessThanOrEqualTo(ratio[k - 1]);
            }
        }
        assertThat(sum).isCloseTo(1, within(EPS));
    }

    @Test
    void signIsDeterministic() {
        float[] codes = {0, 0, -1, -2, -2, -4, 1, 2};
        float[] mirrored = {0, 0, 1, 2, 2, 4, -1, -2};
        double[] v = Pca.fit(codes, 4, 2).component(0);
        double[] w = Pca.fit(mirrored, 4, 2).component(0);
        assertThat(v).containsExactly(w, within(EPS));
        assertThat(v[1]).isPositive();
    }

    @Test
    void oneDimensionalCodesGiveAZeroSecondAxis() {
        float[] codes = {1, 3, 5};
        Pca pca = Pca.fit(codes, 3, 1);
        assertThat(pca.components()).isEqualTo(1);
        assertThat(pca.explainedVarianceRatio()).containsExactly(new double[] {1}, within(EPS));
        float[] xy = pca.project(codes, 3, 2);
        assertThat(xy).containsExactly(new float[] {-2, 0, 0, 0, 2, 0}, within(1e-6f));
        assertThat(pca.inverse(new double[] {1, 5})).containsExactly(new float[] {4},
                within(1e-6f));
    }

    @Test
    void constantCodesHaveZeroRatios() {
        float[] codes = {1, 1, 1, 1};
        Pca pca = Pca.fit(codes, 2, 2);
        assertThat(pca.explainedVarianceRatio()).containsExactly(0, 0);
        assertThat(pca.project(codes, 2, 2)).containsOnly(0f);
    }
}
