package io.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CorruptionTest {

    private static float[] grey(int n) {
        float[] a = new float[n * 784];
        Arrays.fill(a, 0.5f);
        return a;
    }

    @Test
    void parsesOneNoiseOrAMixAndWritesItBack() {
        assertThat(Corruption.parse("gaussian:0.5").spec()).isEqualTo("gaussian:0.5");
        Corruption mix = Corruption.parse(" Gaussian:0.5, uniform ,occlusion:14 ");
        assertThat(mix.noises()).hasSize(3);
        assertThat(Corruption.parse(mix.spec())).isEqualTo(mix);
        assertThat(Corruption.parse("none")).isEqualTo(Corruption.NONE);
        assertThat(Corruption.NONE.spec()).isEqualTo("none");
        // clean digits can be part of a mix; nothing but none is no corruption
        assertThat(Corruption.parse("none,gaussian:1").spec()).isEqualTo("none,gaussian:1.0");
        assertThat(Corruption.parse("none,none")).isEqualTo(Corruption.NONE);
    }

    @Test
    void aBadEntryIsNamed() {
        assertThatThrownBy(() -> Corruption.parse("gaussian:0.5,speckle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("corruption 'gaussian:0.5,speckle': ");
        assertThatThrownBy(() -> Corruption.parse(" "))
                .hasMessageStartingWith("corruption is empty");
    }

    @Test
    void cleanImagesAreNeverChangedAndNoiseDependsOnTheSeed() {
        float[] clean = grey(4);
        Corruption c = Corruption.parse("gaussian:0.5");

        float[] a = c.apply(clean, 4, 28, 28, 1);
        float[] again = c.apply(clean, 4, 28, 28, 1);
        float[] b = c.apply(clean, 4, 28, 28, 2);

        assertThat(clean).containsOnly(0.5f);
        assertThat(a).isEqualTo(again).isNotEqualTo(b);
        // not clamped: the study's noise table feeds unclamped inputs too
        float min = 1;
        for (float v : a) {
            min = Math.min(min, v);
        }
        assertThat(min).isLessThan(0);
    }

    @Test
    void eachImageOfAMixDrawsOneOfTheNoises() {
        int n = 200;
        float[] clean = grey(n);
        float[] out = Corruption.parse("gaussian:0.3,occlusion:28@0,0").apply(clean, n, 28, 28, 9);

        int blank = 0;
        int noisy = 0;
        for (int i = 0; i < n; i++) {
            float[] img = Arrays.copyOfRange(out, i * 784, (i + 1) * 784);
            boolean allZero = true;
            for (float v : img) {
                allZero &= v == 0f;
            }
            if (allZero) {
                blank++;
            } else {
                noisy++;
                assertThat(img).as("image %d", i).isNotEqualTo(Arrays.copyOf(clean, 784));
            }
        }
        assertThat(blank + noisy).isEqualTo(n);
        // about half each: 200 fair draws land in [70, 130] but for one chance in 10^5
        assertThat(blank).isBetween(70, 130);
    }

    @Test
    void noCorruptionCopiesTheImages() {
        float[] clean = grey(2);
        float[] out = Corruption.NONE.apply(clean, 2, 28, 28, 3);
        assertThat(out).isEqualTo(clean).isNotSameAs(clean);
    }
}
