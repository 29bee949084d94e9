package io.latentlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

class AutoencoderTest {

    @Test
    void parameterCountsMatchPyTorch() {
        try (Autoencoder m32 = Autoencoder.create(32, 1); Autoencoder m4 = Autoencoder.create(4, 1);
                Autoencoder m2 = Autoencoder.create(2, 1)) {
            assertThat(m32.parameterCount()).isEqualTo(53_153);
            assertThat(m4.parameterCount()).isEqualTo(49_541);
            // each latent unit adds 64+1 (encoder) and 64 (decoder) scalars
            assertThat(m4.parameterCount() - m2.parameterCount()).isEqualTo(2 * 129);
        }
    }

    @Test
    void shapesThroughEncoderAndDecoder() {
        try (Autoencoder model = Autoencoder.create(8, 3);
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(5, 1, 28, 28));
            NDArray z = model.encode(x);
            assertThat(z.getShape()).isEqualTo(new Shape(5, 8));
            NDArray y = model.decode(z);
            assertThat(y.getShape()).isEqualTo(new Shape(5, 1, 28, 28));
            NDArray r = model.reconstruct(x, false);
            assertThat(r.toFloatArray()).containsExactly(y.toFloatArray());
            float[] values = r.toFloatArray();
            for (float v : values) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void sameSeedSameWeightsDifferentSeedDifferentWeights() {
        try (Autoencoder a = Autoencoder.create(4, 7); Autoencoder b = Autoencoder.create(4, 7);
                Autoencoder c = Autoencoder.create(4, 8)) {
            float[] wa = a.block().getParameters().get(0).getValue().getArray().toFloatArray();
            float[] wb = b.block().getParameters().get(0).getValue().getArray().toFloatArray();
            float[] wc = c.block().getParameters().get(0).getValue().getArray().toFloatArray();
            assertThat(wa).containsExactly(wb);
            assertThat(wa).isNotEqualTo(wc);
            // first conv: fan-in 1*3*3 = 9, so weights lie in [-1/3, 1/3]
            for (float v : wa) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(1f / 3f);
            }
        }
    }

    @Test
    void rejectsNonPositiveEncodingDimension() {
        assertThatThrownBy(() -> Autoencoder.create(0, 1))
                .hasMessageContaining("encoding dimension must be >= 1");
    }
}
