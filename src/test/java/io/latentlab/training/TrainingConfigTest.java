package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.data.Corruption;

import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    @Test
    void theBuilderStartsFromTheStudyDefaults() {
        TrainingConfig d = TrainingConfig.builder(16).build();
        assertThat(d).isEqualTo(new TrainingConfig(16, 1e-2, 1e-5, 1000, 2000, 100, 1e-4, 1, 0,
                0.1, Monitor.VALIDATION, true, Corruption.NONE));
        assertThat(TrainingConfig.defaults(16)).isEqualTo(d);
    }

    @Test
    void theBuilderSetsEveryFieldByName() {
        TrainingConfig c = TrainingConfig.builder(4).learningRate(3e-3).weightDecay(0)
                .batchSize(250).maxEpochs(7).patience(5).tolerance(1e-3).seed(9)
                .trainLimit(800).valFraction(0.2).monitor(Monitor.TEST).evaluateTest(true)
                .build();
        assertThat(c).isEqualTo(new TrainingConfig(4, 3e-3, 0, 250, 7, 5, 1e-3, 9, 800, 0.2,
                Monitor.TEST, true, Corruption.NONE));
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.toBuilder().encodingDim(8).build().encodingDim()).isEqualTo(8);
        assertThat(c.withMaxEpochs(3).maxEpochs()).isEqualTo(3);
        assertThat(c.withSeed(2).seed()).isEqualTo(2);
        assertThat(c.withTrainLimit(0).trainLimit()).isZero();
        assertThat(TrainingConfig.fromMap(c.toMap())).isEqualTo(c);
    }

    @Test
    void corruptionIsKeptInTheMetadataAndOldRunsReadAsPlain() {
        TrainingConfig c = TrainingConfig.builder(4)
                .corruption(Corruption.parse("gaussian:0.5,occlusion:14")).build();
        java.util.Map<String, String> m = c.toMap();

        assertThat(m).containsEntry("config.corrupt", "gaussian:0.5,occlusion:14");
        assertThat(TrainingConfig.fromMap(m)).isEqualTo(c);
        m.remove("config.corrupt");
        assertThat(TrainingConfig.fromMap(m).corruption()).isEqualTo(Corruption.NONE);
    }

    @Test
    void fixedLengthTrainsEveryEpochOnTheWholeSet() {
        TrainingConfig c = TrainingConfig.builder(2).maxEpochs(3).fixedLength().build();
        assertThat(c.patience()).isZero();
        assertThat(c.tolerance()).isZero();
        assertThat(c.valFraction()).isZero();
        assertThat(c.monitor()).isEqualTo(Monitor.TRAIN);
        assertThat(c.evaluateTest()).isTrue();
    }

    @Test
    void buildValidatesLikeTheConstructor() {
        assertThatThrownBy(() -> TrainingConfig.builder(2).batchSize(0).build())
                .hasMessage("batch size must be between 1 and 60000, got 0");
        assertThatThrownBy(() -> TrainingConfig.builder(2).valFraction(0).build())
                .hasMessage("monitoring the validation loss needs a validation fraction > 0");
    }

    @Test
    void theEpochLimitMessageStatesBothBounds() {
        assertThatThrownBy(() -> TrainingConfig.builder(2).maxEpochs(Integer.MAX_VALUE).build())
                .hasMessage("max epochs must be between 1 and 1000000, got 2147483647");
        assertThatThrownBy(() -> TrainingConfig.builder(2).maxEpochs(0).build())
                .hasMessage("max epochs must be between 1 and 1000000, got 0");
        assertThat(TrainingConfig.builder(2).maxEpochs(TrainingConfig.MAX_EPOCHS_LIMIT).build()
                .maxEpochs()).isEqualTo(1_000_000);
    }
}
