package io.latentlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ProcrustesTest {

    private static float[] scatter(int n, long seed) {
        Random r = new Random(seed);
        float[] p = new float[n * 2];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextGaussian() * (i % 2 == 0 ? 3 : 1));
        }
        return p;
    }

    /** Rotates by {@code angle}, then mirrors x if asked, then shifts. */
    private static float[] transform(float[] p, double angle, boolean mirror, float dx, float dy) {
        float[] q = new float[p.length];
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        for (int i = 0; i < p.length; i += 2) {
            double x = c * p[i] - s * p[i + 1];
            double y = s * p[i] + c * p[i + 1];
            q[i] = (float) ((mirror ? -x : x) + dx);
            q[i + 1] = (float) (y + dy);
        }
        return q;
    }

    @Test
    void aRotatedAndReflectedCopyMapsBackOntoTheOriginal() {
        float[] original = scatter(200, 1);
        float[] moved = transform(original, 2.1, true, 5, -3);

        float[] aligned = Procrustes.align(moved, original, 200, 2);

        assertThat(aligned).containsExactly(original, within(1e-4f));
    }

    @Test
    void aPlainRotationMapsBackToo() {
        float[] original = scatter(50, 2);
        float[] moved = transform(original, Math.PI / 2, false, 0, 0);

        assertThat(Procrustes.align(moved, original, 50, 2))
                .containsExactly(original, within(1e-4f));
    }

    @Test
    void handComputedQuarterTurnOfFourPoints() {
        // square's corners turned by 90 degrees: (1,0)->(0,1), (0,1)->(-1,0), ...
        float[] target = {1, 0, 0, 1, -1, 0, 0, -1};
        float[] moving = {0, 1, -1, 0, 0, -1, 1, 0};

        assertThat(Procrustes.align(moving, target, 4, 2))
                .containsExactly(target, within(1e-6f));
    }

    @Test
    void noScaling() {
        float[] original = scatter(100, 3);
        float[] doubled = new float[original.length];
        for (int i = 0; i < original.length; i++) {
            doubled[i] = 2 * original[i];
        }
        float[] aligned = Procrustes.align(doubled, original, 100, 2);

        // centred spread stays twice the original's: a growing latent space is shown growing
        double a = 0;
        double o = 0;
        for (int i = 0; i < original.length; i++) {
            a += aligned[i] * aligned[i];
            o += original[i] * original[i];
        }
        assertThat(a / o).isCloseTo(4, within(0.2));
    }

    @Test
    void sizesMustFit() {
        assertThatThrownBy(() -> Procrustes.align(new float[6], new float[4], 3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("moving has 6 and target 4 values, 3x2 needed in each");
    }
}
