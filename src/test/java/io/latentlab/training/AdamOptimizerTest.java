package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

class AdamOptimizerTest {

    /** Sets the gradient of w to exactly g by back-propagating sum(w * g). */
    private static void backward(NDArray w, float[] g) {
        try (NDManager tmp = w.getManager().newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray coeff = tmp.create(g);
            NDArray loss = w.mul(coeff);
            loss.attach(tmp);
            gc.backward(loss.sum());
        }
    }

    private static Parameter parameter(NDManager m, float... values) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optArray(m.create(values)).build();
        p.getArray().setRequiresGradient(true);
        return p;
    }

    @Test
    void matchesHandComputedPyTorchUpdatesWithWeightDecay() {
        // torch.optim.Adam(lr=0.1, weight_decay=0.01), w0 = 1, gradients 0.5 then -0.2:
        // step 1: g = 0.51, m = 0.051, v = 2.601e-4, w = 1 - 0.1 * 0.51 / (0.51 + 1e-8)
        // step 2: g = -0.191, m = 0.0268, v = 2.963209e-4, w = 0.8633641380701821
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = parameter(m, 1f);
            try (AdamOptimizer adam = new AdamOptimizer(List.of(p), 0.1, 0.01)) {
                backward(p.getArray(), new float[] {0.5f});
                adam.step();
                assertThat((double) p.getArray().getFloat(0)).isCloseTo(0.9000000019607843,
                        within(1e-6));
                assertThat(p.getArray().getGradient().getFloat(0)).isZero();
                backward(p.getArray(), new float[] {-0.2f});
                adam.step();
                assertThat((double) p.getArray().getFloat(0)).isCloseTo(0.8633641380701821,
                        within(1e-6));
                assertThat(adam.stepCount()).isEqualTo(2);
            }
        }
    }

    @Test
    void withoutWeightDecayTheFirstStepMovesEachWeightByLr() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = parameter(m, 1f, -2f, 3f);
            try (AdamOptimizer adam = new AdamOptimizer(List.of(p), 0.01, 0)) {
                backward(p.getArray(), new float[] {4f, -0.001f, 0f});
                adam.step();
                float[] w = p.getArray().toFloatArray();
                assertThat((double) w[0]).isCloseTo(0.99, within(1e-6));
                assertThat((double) w[1]).isCloseTo(-1.99, within(1e-5));
                assertThat(w[2]).isEqualTo(3f); // zero gradient: no move
            }
        }
    }

    @Test
    void reportsNonFiniteGradientsByName() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = parameter(m, 1f, 1f);
            try (AdamOptimizer adam = new AdamOptimizer(List.of(p), 0.01, 0)) {
                backward(p.getArray(), new float[] {1f, 2f});
                assertThat(adam.firstNonFiniteGradient()).isNull();
                adam.step();
                backward(p.getArray(), new float[] {1f, Float.NaN});
                assertThat(adam.firstNonFiniteGradient()).startsWith("w");
            }
        }
    }

    @Test
    void stateRoundTripsAndRejectsMismatch() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = parameter(m, 1f, 2f);
            Parameter b = parameter(m, 1f, 2f);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (AdamOptimizer adam = new AdamOptimizer(List.of(a), 0.1, 0.001);
                    AdamOptimizer copy = new AdamOptimizer(List.of(b), 0.1, 0.001)) {
                backward(a.getArray(), new float[] {0.3f, -0.7f});
                adam.step();
                adam.save(new DataOutputStream(bytes));
                copy.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                b.getArray().set(a.getArray().toFloatArray());
                backward(a.getArray(), new float[] {0.1f, 0.2f});
                backward(b.getArray(), new float[] {0.1f, 0.2f});
                adam.step();
                copy.step();
                assertThat(b.getArray().toFloatArray()).containsExactly(a.getArray().toFloatArray());
            }
            Parameter c = parameter(m, 1f, 2f, 3f);
            try (AdamOptimizer other = new AdamOptimizer(List.of(c), 0.1, 0)) {
                assertThatThrownBy(() -> other.load(new DataInputStream(
                        new ByteArrayInputStream(bytes.toByteArray()))))
                        .hasMessageContaining("optimizer state has 2 values where the model has 3");
            }
        }
    }

    @Test
    void flushesSubnormalWeightsToZeroAndKeepsNormalOnes() {
        try (NDManager m = NDManager.newBaseManager()) {
            float subnormal = Float.MIN_NORMAL / 4;
            Parameter p = parameter(m, subnormal, -subnormal, 0.5f);
            try (AdamOptimizer adam = new AdamOptimizer(List.of(p), 1e-3, 0)) {
                backward(p.getArray(), new float[] {0f, 0f, 1f}); // no move for the tiny ones
                adam.step();
                float[] w = p.getArray().toFloatArray();
                assertThat(w[0]).isZero();
                assertThat(w[1]).isZero();
                assertThat((double) w[2]).isCloseTo(0.499, within(1e-6));
            }
        }
    }

    @Test
    void flushesAgainEveryFlushIntervalSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            float subnormal = Float.MIN_NORMAL / 8;
            Parameter p = parameter(m, 1f, 1f);
            try (AdamOptimizer adam = new AdamOptimizer(List.of(p), 1e-3, 0)) {
                backward(p.getArray(), new float[] {0f, 0f});
                adam.step(); // step 1 flushes; zero gradients never move a weight
                p.getArray().set(new float[] {subnormal, 1f});
                for (int i = 2; i <= AdamOptimizer.FLUSH_INTERVAL; i++) {
                    adam.step();
                }
                assertThat(p.getArray().toFloatArray()[0]).isEqualTo(subnormal);
                adam.step(); // step FLUSH_INTERVAL + 1
                assertThat(p.getArray().toFloatArray()).containsExactly(0f, 1f);
            }
        }
    }
}
