package io.latentlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;

/**
 * The convolutional autoencoder of the study, for 1x28x28 images.
 *
 * <pre>
 * encoder: Conv(1-&gt;8, 3x3, s2, p1) ReLU, Conv(8-&gt;16, 3x3, s2, p1) ReLU,
 *          Conv(16-&gt;32, 3x3, s2, p0) ReLU, flatten, Linear(288-&gt;64) ReLU, Linear(64-&gt;ED)
 * decoder: Linear(ED-&gt;64) ReLU, Linear(64-&gt;288) ReLU, reshape 32x3x3,
 *          ConvT(32-&gt;16, 3x3, s2, p0) ReLU, ConvT(16-&gt;8, 3x3, s2, p1, op1) ReLU,
 *          ConvT(8-&gt;1, 3x3, s2, p1, op1), sigmoid
 * </pre>
 *
 * <p>The model owns an {@link NDManager} for its parameters; close the model to free them. All
 * methods must be called on the thread that owns DJL for this model.
 */
public final class Autoencoder implements AutoCloseable {

    /** Image side length. */
    public static final int SIDE = 28;

    private final int encodingDim;
    private final NDManager manager;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;
    private final SequentialBlock block;
    private final ParameterStore store;
    private final Conv2d[] convs;
    private final Linear[] linears;
    private final ConvTranspose2dBlock[] deconvs;

    private Autoencoder(int encodingDim, NDManager manager) {
        if (encodingDim < 1) {
            throw new IllegalArgumentException("encoding dimension must be >= 1, got " + encodingDim);
        }
        this.encodingDim = encodingDim;
        this.manager = manager;
        convs = new Conv2d[] {conv(8, 1), conv(16, 1), conv(32, 0)};
        linears = new Linear[] {Linear.builder().setUnits(64).build(),
            Linear.builder().setUnits(encodingDim).build(), Linear.builder().setUnits(64).build(),
            Linear.builder().setUnits(288).build()};
        deconvs = new ConvTranspose2dBlock[] {new ConvTranspose2dBlock(16, 3, 2, 0, 0),
            new ConvTranspose2dBlock(8, 3, 2, 1, 1), new ConvTranspose2dBlock(1, 3, 2, 1, 1)};
        encoder = new SequentialBlock()
                .add(convs[0])
                .add(Activation.reluBlock())
                .add(new LambdaBlock(list -> new NDList(
                        TransposedConv2d.channelsLast(list.singletonOrThrow())), "channelsLast"))
                .add(convs[1])
                .add(Activation.reluBlock())
                .add(convs[2])
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(linears[0])
                .add(Activation.reluBlock())
                .add(linears[1]);
        decoder = new SequentialBlock()
                .add(linears[2])
                .add(Activation.reluBlock())
                .add(linears[3])
                .add(Activation.reluBlock())
                .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().reshape(-1, 32, 3, 3)),
                        "unflatten"))
                .add(deconvs[0])
                .add(Activation.reluBlock())
                .add(deconvs[1])
                .add(Activation.reluBlock())
                .add(deconvs[2])
                .add(Activation::sigmoid);
        block = new SequentialBlock().add(encoder).add(decoder);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, SIDE, SIDE));
        store = new ParameterStore(manager, false);
    }

    private static Conv2d conv(int filters, int padding) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(filters)
                .optStride(new Shape(2, 2)).optPadding(new Shape(padding, padding)).build();
    }

    /**
     * Creates a model with PyTorch-style initial weights.
     *
     * @param encodingDim size of the latent code (any positive int)
     * @param seed seed of the initial weights
     * @return a new model owning a new manager
     */
    public static Autoencoder create(int encodingDim, long seed) {
        NDManager manager = NDManager.newBaseManager();
        try {
            // before the initial weights are set, the first NDArray.set of the process
            PyTorchWarning.spend(manager);
            Autoencoder model = new Autoencoder(encodingDim, manager);
            PyTorchInit.apply(model.block, seed);
            return model;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** @return the encoding dimension ED */
    public int encodingDim() {
        return encodingDim;
    }

    /** @return the whole model (encoder then decoder) */
    public Block block() {
        return block;
    }

    /** @return the encoder's three convolutions, first to last (for {@link Backprop}) */
    Conv2d[] convs() {
        return convs;
    }

    /** @return the four linear layers, encoder's two then decoder's two */
    Linear[] linears() {
        return linears;
    }

    /** @return the decoder's three transposed convolutions, first to last */
    ConvTranspose2dBlock[] deconvs() {
        return deconvs;
    }

    /** @return the manager that owns the parameters */
    public NDManager manager() {
        return manager;
    }

    /** @return the parameter store used for forward passes */
    public ParameterStore parameterStore() {
        return store;
    }

    /** @return number of trainable scalars (53,153 at ED=32) */
    public long parameterCount() {
        return parameterCount(block);
    }

    /**
     * Counts the scalars of all parameters of a block.
     *
     * @param block an initialised block
     * @return the count
     */
    public static long parameterCount(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            count += p.getValue().getArray().getShape().size();
        }
        return count;
    }

    /**
     * Forward pass through the whole model.
     *
     * @param images {@code (N, 1, 28, 28)} in [0, 1]
     * @param training whether autograd should record (inside a gradient collector)
     * @return reconstructions {@code (N, 1, 28, 28)}, in the input's manager
     */
    public NDArray reconstruct(NDArray images, boolean training) {
        return block.forward(store, new NDList(images), training).singletonOrThrow();
    }

    /**
     * Encodes images to latent codes.
     *
     * @param images {@code (N, 1, 28, 28)}
     * @return codes {@code (N, ED)}
     */
    public NDArray encode(NDArray images) {
        return encoder.forward(store, new NDList(images), false).singletonOrThrow();
    }

    /**
     * Decodes latent codes to images.
     *
     * @param codes {@code (N, ED)}
     * @return images {@code (N, 1, 28, 28)}
     */
    public NDArray decode(NDArray codes) {
        return decoder.forward(store, new NDList(codes), false).singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
    }
}
