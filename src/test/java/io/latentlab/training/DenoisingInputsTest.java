package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.latentlab.data.Corruption;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class DenoisingInputsTest {

    private static NDArray clean(NDManager m) {
        float[] a = new float[3 * 784];
        Arrays.fill(a, 0.25f);
        return m.create(a, new Shape(3, 1, 28, 28));
    }

    @Test
    void inputsAreCorruptedCopiesAndTheTargetsStayClean() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray target = clean(m);
            DenoisingInputs inputs = new DenoisingInputs(Corruption.parse("gaussian:0.5"), 1);

            NDArray in = inputs.input(m, target, 1, 0);

            assertThat(in).isNotSameAs(target);
            assertThat(target.toFloatArray()).containsOnly(0.25f);
            assertThat(in.getShape()).isEqualTo(target.getShape());
            assertThat(in.toFloatArray()).isNotEqualTo(target.toFloatArray());
        }
    }

    @Test
    void everyBatchDrawsNewNoiseAndAResumedRunTheSame() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray target = clean(m);
            DenoisingInputs inputs = new DenoisingInputs(Corruption.parse("gaussian:0.5"), 1);

            float[] e1b0 = inputs.input(m, target, 1, 0).toFloatArray();
            float[] e1b1 = inputs.input(m, target, 1, 1).toFloatArray();
            float[] e2b0 = inputs.input(m, target, 2, 0).toFloatArray();
            float[] again = new DenoisingInputs(Corruption.parse("gaussian:0.5"), 1)
                    .input(m, target, 1, 0).toFloatArray();
            float[] otherRun = new DenoisingInputs(Corruption.parse("gaussian:0.5"), 2)
                    .input(m, target, 1, 0).toFloatArray();

            assertThat(e1b0).isNotEqualTo(e1b1).isNotEqualTo(e2b0).isNotEqualTo(otherRun);
            assertThat(e1b1).isNotEqualTo(e2b0);
            assertThat(again).isEqualTo(e1b0);
        }
    }

    @Test
    void validationNoiseIsTheSameEveryEpoch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray target = clean(m);
            DenoisingInputs inputs = new DenoisingInputs(Corruption.parse("uniform"), 1);

            assertThat(inputs.validation(m, target).toFloatArray())
                    .isEqualTo(inputs.validation(m, target).toFloatArray())
                    .isNotEqualTo(target.toFloatArray());
        }
    }

    @Test
    void plainTrainingUsesTheCleanBatchItself() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray target = clean(m);
            DenoisingInputs inputs = new DenoisingInputs(Corruption.NONE, 1);

            assertThat(inputs.input(m, target, 1, 0)).isSameAs(target);
            assertThat(inputs.validation(m, target)).isSameAs(target);
        }
    }
}
