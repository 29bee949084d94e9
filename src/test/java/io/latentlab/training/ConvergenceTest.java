package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A longer real training, run only with {@code ./mvnw verify -Pslow} (a few minutes). With
 * PyTorch's default initialisation this model first predicts the mean image (MSE about 0.067)
 * for a while; the run must get clearly past that plateau.
 */
@Tag("slow")
class ConvergenceTest {

    @Test
    void trainsPastTheMeanImagePlateau() throws Exception {
        MnistData full = io.latentlab.data.TestMnist.shipped();
        MnistData data = new MnistData(full.train(), full.test().slice(0, 2000), full.dir(),
                full.checksum());
        TrainingConfig config = TrainingConfig.builder(32).maxEpochs(60).patience(0)
                .trainLimit(6000).build();
        TrainingResult result;
        try (Autoencoder model = Autoencoder.create(32, 1)) {
            result = new TrainingLoop(config, data, null, null).run(model, null);
        }
        assertThat(result.reason()).isEqualTo(StopReason.MAX_EPOCHS);
        assertThat(result.best().valMse()).isLessThan(0.06);
        assertThat(result.best().testMse()).isLessThan(0.06);
    }
}
