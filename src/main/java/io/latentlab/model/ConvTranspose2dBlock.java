package io.latentlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * A DJL block equivalent to PyTorch's {@code nn.ConvTranspose2d} (square kernel, dilation 1,
 * one group), computed by {@link TransposedConv2d}. Its parameters are {@code weight} with
 * PyTorch's layout {@code (Cin, Cout, k, k)} and {@code bias (Cout)}.
 */
public final class ConvTranspose2dBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int outChannels;
    private final TransposedConv2d.Axis axis;
    private final Parameter weight;
    private final Parameter bias;
    private int blockFactor;
    private NDArray gather;

    /**
     * Creates the block; input channels are taken from the input shape at initialisation.
     *
     * @param outChannels output channels
     * @param kernel kernel size
     * @param stride stride
     * @param padding padding
     * @param outputPadding output padding
     */
    public ConvTranspose2dBlock(int outChannels, int kernel, int stride, int padding,
            int outputPadding) {
        super(VERSION);
        if (outChannels < 1) {
            throw new IllegalArgumentException("outChannels must be >= 1");
        }
        this.outChannels = outChannels;
        this.axis = new TransposedConv2d.Axis(kernel, stride, padding, outputPadding);
        weight = addParameter(Parameter.builder().setName("weight")
                .setType(Parameter.Type.WEIGHT).optInitializer(Initializer.ZEROS).build());
        bias = addParameter(Parameter.builder().setName("bias")
                .setType(Parameter.Type.BIAS).optInitializer(Initializer.ZEROS).build());
    }

    /** @return the geometry of both axes */
    public TransposedConv2d.Axis axis() {
        return axis;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long inChannels = inputShapes[0].get(1);
        weight.setShape(new Shape(inChannels, outChannels, axis.kernel(), axis.kernel()));
        bias.setShape(new Shape(outChannels));
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        super.initialize(manager, dataType, inputShapes);
        blockFactor = TransposedConv2d.blockFactor(outChannels, axis, axis,
                TransposedConv2d.CHANNEL_MULTIPLE);
        // constant, lives as long as the parameters (same manager)
        gather = manager.create(TransposedConv2d.gatherMatrix(axis, axis, blockFactor),
                TransposedConv2d.gatherShape(axis, axis, blockFactor));
    }

    /** @return the block factor of the inner convolution (see {@link TransposedConv2d}) */
    public int blockFactor() {
        return blockFactor;
    }

    /** @return the constant gather matrix for {@link #blockFactor()} (owned by the block) */
    NDArray gather() {
        return gather;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return new NDList(TransposedConv2d.apply(x, w, b, axis, axis, blockFactor, gather));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels,
                axis.outputSize((int) in.get(2)), axis.outputSize((int) in.get(3)))};
    }
}
