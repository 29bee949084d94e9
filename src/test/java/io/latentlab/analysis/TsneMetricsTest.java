package io.latentlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TsneMetricsTest {

    /** Two classes in 8-D, 12 apart along their own axes, sd 1. */
    private static LatentCodes codes(int n) {
        Random r = new Random(3);
        float[] c = new float[n * 8];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int k = 0; k < 8; k++) {
                c[i * 8 + k] = (float) (r.nextGaussian() + (k == labels[i] ? 12 : 0));
            }
        }
        return new LatentCodes(c, n, 8, labels);
    }

    @Test
    void separatedClassesScoreHighInTheTsnePlane() {
        TsneMetrics m = TsneMetrics.of(codes(120), 100, 1, (d, t) -> true);

        assertThat(m.count()).isEqualTo(100);
        assertThat(m.knnAccuracy()).isEqualTo(1.0);
        assertThat(m.silhouette()).isGreaterThan(0.5);
    }

    @Test
    void tooFewPointsGiveNoNumbers() {
        TsneMetrics m = TsneMetrics.of(codes(5), 100, 1, (d, t) -> true);
        assertThat(m.count()).isEqualTo(5);
        assertThat(m.silhouette()).isNaN();
        assertThat(m.knnAccuracy()).isNaN();
        assertThat(TsneMetrics.of(codes(50), 0, 1, (d, t) -> true).count()).isZero();
    }
}
