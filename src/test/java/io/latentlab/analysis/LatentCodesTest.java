package io.latentlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LatentCodesTest {

    private static Autoencoder model;
    private static Dataset test;

    @BeforeAll
    static void setUp() throws Exception {
        model = Autoencoder.create(4, 1);
        test = io.latentlab.data.TestMnist.shipped().test().slice(0, 250);
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    @Test
    void encodesEveryImageInBatches() {
        LatentCodes codes = LatentCodes.encode(model, test, 64);
        assertThat(codes.n()).isEqualTo(250);
        assertThat(codes.dim()).isEqualTo(4);
        assertThat(codes.codes()).hasSize(1000);
        assertThat(codes.labels()[0]).isEqualTo(test.label(0));
        assertThat(codes.labels()[249]).isEqualTo(test.label(249));
        for (float v : codes.codes()) {
            assertThat(v).isFinite();
        }
        // the batch size does not change the result, and a single image encodes the same way
        LatentCodes again = LatentCodes.encode(model, test, 250);
        for (int i = 0; i < codes.codes().length; i++) {
            assertThat(again.codes()[i]).isCloseTo(codes.codes()[i],
                    org.assertj.core.api.Assertions.within(1e-5f));
        }
        float[] one = LatentCodes.encodeImage(model, test.copyImage(100));
        for (int j = 0; j < 4; j++) {
            assertThat(one[j]).isCloseTo(codes.codes()[400 + j],
                    org.assertj.core.api.Assertions.within(1e-5f));
        }
    }

    @Test
    void decodesToAnImage() {
        float[] img = LatentCodes.decode(model, new float[] {0.5f, -1, 2, 0});
        assertThat(img).hasSize(784);
        for (float v : img) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void progressCanCancel() {
        assertThatThrownBy(() -> LatentCodes.encode(model, test, 100, (done, total) -> done < 100))
                .isInstanceOf(CancellationException.class);
    }
}
