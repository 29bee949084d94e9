package io.latentlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.latentlab.data.Corruption;
import io.latentlab.data.MnistData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layer-wise backpropagation must give autograd's loss and gradients. */
class BackpropTest {

    private static MnistData mnist;

    @BeforeAll
    static void load() throws Exception {
        mnist = io.latentlab.data.TestMnist.shipped();
    }

    private static NDArray digits(NDManager m, int count, int offset) {
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = offset + i * 13;
        }
        return m.create(mnist.train().subset(idx).backingArray(), new Shape(count, 1, 28, 28));
    }

    /** Gradients as copies, then zeroed. */
    private static List<float[]> takeGradients(Autoencoder model) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            NDArray g = p.getValue().getArray().getGradient();
            out.add(g.toFloatArray());
            g.subi(g);
            g.close();
        }
        return out;
    }

    private static void compare(Autoencoder model, int ed, long seed, int count) {
        compare(model, ed, seed, count, Corruption.NONE);
    }

    /** With a corruption, the input is a noisy copy and the target the clean digits. */
    private static void compare(Autoencoder model, int ed, long seed, int count,
            Corruption corruption) {
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            p.getValue().getArray().setRequiresGradient(true);
        }
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = digits(m, count, (int) seed * 101);
            NDArray in = corruption.isNone() ? x : m.create(corruption.apply(x.toFloatArray(),
                    count, 28, 28, seed), x.getShape());
            // backprop first: on a fresh model no parameter has a gradient array yet
            float loss = new Backprop(model).lossAndGradients(in, x);
            List<float[]> actual = takeGradients(model);
            float reference;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = model.reconstruct(in, true).sub(x).square().mean();
                gc.backward(out);
                reference = out.getFloat();
            }
            List<float[]> expected = takeGradients(model);

            assertThat(loss).isCloseTo(reference, org.assertj.core.data.Offset.offset(1e-6f));
            List<Pair<String, Parameter>> params = model.block().getParameters().stream().toList();
            for (int i = 0; i < expected.size(); i++) {
                float[] e = expected.get(i);
                float[] a = actual.get(i);
                double scale = 0;
                double diff = 0;
                for (int j = 0; j < e.length; j++) {
                    scale = Math.max(scale, Math.abs(e[j]));
                    diff = Math.max(diff, Math.abs(e[j] - a[j]));
                }
                assertThat(scale).as("ED=%d seed %d: %s has a gradient", ed, seed,
                        params.get(i).getKey()).isPositive();
                assertThat(diff).as("ED=%d seed %d: gradient of %s", ed, seed,
                        params.get(i).getKey()).isLessThanOrEqualTo(1e-4 * scale);
            }
        }
    }

    @Test
    void gradientsMatchAutogradForFreshModels() {
        for (int ed : new int[] {32, 4, 2}) {
            try (Autoencoder model = Autoencoder.create(ed, ed + 7)) {
                compare(model, ed, ed, 96);
            }
        }
    }

    @Test
    void denoisingGradientsMatchAutograd() {
        // input and target differ: a loss taken against the input would not match
        try (Autoencoder model = Autoencoder.create(4, 5)) {
            compare(model, 4, 6, 64, Corruption.parse("gaussian:0.5,occlusion:14"));
        }
    }

    @Test
    void gradientsMatchAutogradAfterTraining() {
        // weights that have moved (dead ReLUs, saturated outputs) exercise every mask
        try (Autoencoder model = Autoencoder.create(8, 3);
                NDManager m = model.manager().newSubManager()) {
            List<Parameter> params = new ArrayList<>();
            for (Pair<String, Parameter> p : model.block().getParameters()) {
                params.add(p.getValue());
                p.getValue().getArray().setRequiresGradient(true);
            }
            Backprop backprop = new Backprop(model);
            try (io.latentlab.training.AdamOptimizer adam =
                    new io.latentlab.training.AdamOptimizer(params, 1e-2, 1e-5)) {
                for (int step = 0; step < 15; step++) {
                    try (NDManager b = m.newSubManager()) {
                        backprop.lossAndGradients(digits(b, 200, step * 7));
                    }
                    adam.step();
                }
            }
            compare(model, 8, 5, 64);
        }
    }
}
