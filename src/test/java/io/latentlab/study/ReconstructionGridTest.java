package io.latentlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.data.Noise;
import io.latentlab.model.Autoencoder;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ReconstructionGridTest {

    @Test
    void showsTheTableNoisesAndTheModelsReconstructionOfEachDigit() throws Exception {
        Dataset test = io.latentlab.data.TestMnist.shipped().test().slice(0, 20);
        try (Autoencoder model = Autoencoder.create(2, 3)) {
            ReconstructionGrid g = ReconstructionGrid.compute("ED=2", model, test, 3, 7, false);
            ReconstructionGrid again = ReconstructionGrid.compute("ED=2", model, test, 3, 7,
                    false);

            assertThat(g.noises()).extracting(Noise::spec).containsExactly("none",
                    "gaussian:0.1", "gaussian:0.3", "gaussian:0.5", "gaussian:1.0",
                    "gaussian:2.0", "occlusion:14", "occlusion:14:quadrant", "uniform");
            assertThat(g.digits()).containsExactly(0, 1, 2);
            assertThat(g.classes()).containsExactly(test.label(0), test.label(1), test.label(2));
            assertThat(g.inputs()).hasDimensions(9, 3);
            // row "none" is the digit itself; Gaussian 2.0 is far from it; same seed, same noise
            assertThat(g.inputs()[0][1]).containsExactly(test.copyImage(1));
            assertThat(g.inputs()[5][1]).isNotEqualTo(test.copyImage(1));
            assertThat(again.inputs()[5][1]).containsExactly(g.inputs()[5][1]);
            // occlusion: a 14x14 patch of zeros, so at least 196 zero pixels
            int zeros = 0;
            for (float v : g.inputs()[6][0]) {
                zeros += v == 0 ? 1 : 0;
            }
            assertThat(zeros).isGreaterThanOrEqualTo(196);
            // the quadrant reading: one of the four quadrants is all zeros
            float[] quadrantInput = g.inputs()[7][0];
            boolean anyBlank = false;
            for (int q = 0; q < 4; q++) {
                boolean blank = true;
                for (int r = 0; r < 14; r++) {
                    for (int c = 0; c < 14; c++) {
                        blank &= quadrantInput[(r + 14 * (q / 2)) * 28 + c + 14 * (q % 2)] == 0f;
                    }
                }
                anyBlank |= blank;
            }
            assertThat(anyBlank).isTrue();
            // every output is the model's reconstruction of that one input alone
            for (int r : new int[] {0, 3, 7, 8}) {
                for (int i = 0; i < 3; i++) {
                    float[] alone;
                    try (NDManager m = model.manager().newSubManager()) {
                        alone = model.reconstruct(m.create(g.inputs()[r][i], new Shape(1, 1, 28,
                                28)), false).toFloatArray();
                    }
                    float[] out = g.outputs()[r][i];
                    assertThat(out).hasSize(784);
                    for (int p = 0; p < 784; p++) {
                        assertThat(out[p]).isCloseTo(alone[p], within(1e-5f));
                    }
                }
            }
            assertThatThrownBy(() -> ReconstructionGrid.compute("x", model, test, 0, 1, false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("digits must be between 1 and 20, got 0");
        }
    }
}
