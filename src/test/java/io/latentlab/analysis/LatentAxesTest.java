package io.latentlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LatentAxesTest {

    /** Codes along the diagonal y = x, spread 2 along it and 0.5 across it. */
    private static Pca diagonalToy() {
        float[] codes = new float[2 * 4];
        double[][] pts = {{2, 0}, {-2, 0}, {0, 0.5}, {0, -0.5}}; // (along, across)
        double r = Math.sqrt(0.5);
        for (int i = 0; i < 4; i++) {
            double a = pts[i][0];
            double c = pts[i][1];
            codes[2 * i] = (float) (1 + a * r - c * r); // centred on (1, 1)
            codes[2 * i + 1] = (float) (1 + a * r + c * r);
        }
        return Pca.fit(codes, 4, 2);
    }

    @Test
    void coordinateSlidersAreTheCode() {
        LatentAxes axes = LatentAxes.of(diagonalToy(), 3);
        assertThat(axes.kind()).isEqualTo(LatentAxes.Kind.COORDINATE);
        assertThat(axes.count()).isEqualTo(2);
        float[] z0 = {0.3f, -1.7f};
        assertThat(axes.values(z0)).containsExactly(0.3f, -1.7f);
        assertThat(axes.code(z0, new double[] {0.125, 4.5})).containsExactly(0.125f, 4.5f);
        assertThat(axes.code(z0, axes.values(z0))).containsExactly(z0);
    }

    @Test
    void coordinateRangesAreMeanPlusMinusSpreadSd() {
        LatentAxes axes = LatentAxes.coordinates(diagonalToy(), 3);
        // each coordinate: values 1 ± sqrt(2), 1 ± sqrt(0.125) -> variance (4 + 0.25) / 3
        double sd = Math.sqrt((2 * 2.0 + 2 * 0.125) / 3);
        assertThat(axes.min(0)).isCloseTo(1 - 3 * sd, within(1e-6));
        assertThat(axes.max(1)).isCloseTo(1 + 3 * sd, within(1e-6));
    }

    @Test
    void principalSlidersStartAtTheProjectionAndMoveAlongTheirDirection() {
        LatentAxes axes = LatentAxes.principal(diagonalToy(), 2, 3);
        assertThat(axes.kind()).isEqualTo(LatentAxes.Kind.PRINCIPAL);
        float[] z0 = {1.5f, 0.25f};
        double[] c0 = axes.values(z0);
        double r = Math.sqrt(0.5);
        // PC1 is the diagonal (1, 1)/sqrt 2, PC2 is (-1, 1)/sqrt 2 up to its sign
        assertThat(c0[0]).isCloseTo((0.5 - 0.75) * r, within(1e-6));
        assertThat(Math.abs(c0[1])).isCloseTo(1.25 * r, within(1e-6));
        assertThat(axes.code(z0, c0)).containsExactly(z0);

        float[] moved = axes.code(z0, new double[] {c0[0] + 2, c0[1]});
        assertThat(moved[0]).isCloseTo(1.5f + (float) (2 * r), within(1e-5f));
        assertThat(moved[1]).isCloseTo(0.25f + (float) (2 * r), within(1e-5f));
        // variance along PC1 is 8/3 and PC2 0.5/3; shares 16/17 and 1/17
        assertThat(axes.max(0)).isCloseTo(3 * Math.sqrt(8.0 / 3), within(1e-6));
        assertThat(axes.min(1)).isCloseTo(-3 * Math.sqrt(0.5 / 3), within(1e-6));
        assertThat(axes.varianceShare(0)).isCloseTo(16.0 / 17, within(1e-6));
    }

    @Test
    void aboveEightDimensionsTheFirstEightDirectionsKeepTheRestOfTheCode() {
        Random rnd = new Random(7);
        int n = 200;
        int d = 12;
        float[] codes = new float[n * d];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (float) (rnd.nextGaussian() * (1 + i % d));
        }
        Pca pca = Pca.fit(codes, n, d);
        LatentAxes axes = LatentAxes.of(pca, 3);
        assertThat(axes.kind()).isEqualTo(LatentAxes.Kind.PRINCIPAL);
        assertThat(axes.count()).isEqualTo(LatentAxes.MAX_SLIDERS);
        float[] z0 = Arrays.copyOfRange(codes, 0, d);
        double[] c = axes.values(z0);
        assertThat(axes.code(z0, c)).containsExactly(z0);
        c[3] += 0.5;
        float[] z = axes.code(z0, c);
        double[] v3 = pca.component(3);
        for (int j = 0; j < d; j++) {
            assertThat(z[j]).isCloseTo((float) (z0[j] + 0.5 * v3[j]), within(1e-5f));
        }
        // the directions not on a slider are untouched
        double[] v9 = pca.component(9);
        double before = 0;
        double after = 0;
        for (int j = 0; j < d; j++) {
            before += z0[j] * v9[j];
            after += z[j] * v9[j];
        }
        assertThat(after).isCloseTo(before, within(1e-5));
    }
}
