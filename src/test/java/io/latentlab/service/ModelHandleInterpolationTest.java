package io.latentlab.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.latentlab.analysis.Interpolation;
import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The latent line of a real model (models/ed4) between two test digits. */
class ModelHandleInterpolationTest {

    @Test
    void theStripEndsAreTheDecodesOfTheTwoCodes() throws Exception {
        Dataset test = io.latentlab.data.TestMnist.shipped().test();
        float[] a = test.copyImage(3);
        float[] b = test.copyImage(7);
        try (ModelHandle h = ModelHandle.load(Path.of("models/ed4"))) {
            Interpolation.Strip strip = h.interpolate(a, b, 10);
            assertThat(strip.steps()).isEqualTo(10);
            assertThat(strip.codes()).hasSize(10 * 4);
            assertThat(strip.decoded()).hasSize(10 * ModelHandle.PIXELS);
            // a batch of two and a batch of one may round differently (a few float ulps of
            // codes around 15): equal within 1e-6 relative
            float[] za = h.encode(a);
            float[] zb = h.encode(b);
            assertThat(Arrays.copyOfRange(strip.codes(), 0, 4)).containsExactly(za,
                    within(2e-5f));
            assertThat(Arrays.copyOfRange(strip.codes(), 36, 40)).containsExactly(zb,
                    within(2e-5f));
            assertThat(strip.decodedImage(0)).containsExactly(h.decode(za), within(1e-5f));
            assertThat(strip.decodedImage(9)).containsExactly(h.decode(zb), within(1e-5f));
            // the inside of the line is neither end: the decoder draws something in between
            assertThat(strip.decodedImage(5)).isNotEqualTo(strip.decodedImage(0))
                    .isNotEqualTo(strip.decodedImage(9));
            assertThat(strip.crossFadeImage(0)).containsExactly(a);
            assertThat(strip.crossFadeImage(9)).containsExactly(b);
        }
    }
}
