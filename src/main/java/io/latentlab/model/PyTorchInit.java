package io.latentlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.SplittableRandom;

/**
 * Initialises parameters the way PyTorch's {@code Linear}, {@code Conv2d} and
 * {@code ConvTranspose2d} do by default: weights and biases uniform in
 * {@code [-1/sqrt(fanIn), 1/sqrt(fanIn)]} (kaiming-uniform with {@code a = sqrt(5)}), where
 * {@code fanIn = shape[1] * prod(shape[2:])} of the weight. For a transposed convolution that is
 * {@code Cout*k*k}, PyTorch's own quirk, kept so learning rates mean the same as in PyTorch.
 * Values come from a seeded Java generator, so a seed gives the same model on every machine.
 */
public final class PyTorchInit {

    private PyTorchInit() {}

    /**
     * Re-initialises every parameter of an initialised block.
     *
     * @param block the block (parameters in the order weight, bias per layer)
     * @param seed random seed
     */
    public static void apply(Block block, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double bound = Double.NaN;
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter p = entry.getValue();
            NDArray array = p.getArray();
            Shape shape = array.getShape();
            if (p.getType() == Parameter.Type.WEIGHT) {
                long fanIn = shape.size() / shape.get(0);
                bound = 1.0 / Math.sqrt(fanIn);
            } else if (Double.isNaN(bound)) {
                throw new IllegalStateException("bias before any weight: " + p.getName());
            }
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            array.set(values);
        }
    }
}
