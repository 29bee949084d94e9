package io.latentlab.service;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.latentlab.analysis.Interpolation;
import io.latentlab.analysis.LatentCodes;
import io.latentlab.data.Dataset;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.CheckpointException;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A loaded model as the UI sees it: plain {@code float[]} in and out, no engine types. Every
 * method but the accessors must run on the thread that owns DJL (an engine job); arrays live in
 * a sub-manager closed before the method returns.
 */
public final class ModelHandle implements AutoCloseable {

    /** Pixels of one image (28 x 28). */
    public static final int PIXELS = Autoencoder.SIDE * Autoencoder.SIDE;

    private final Autoencoder model;
    private final ModelMetadata metadata;

    /**
     * @param model the model (owned from now on)
     * @param metadata its metadata
     */
    public ModelHandle(Autoencoder model, ModelMetadata metadata) {
        this.model = model;
        this.metadata = metadata;
    }

    /**
     * Loads a checkpoint (engine thread).
     *
     * @param dir the checkpoint folder
     * @return the model
     * @throws CheckpointException if anything is missing, corrupt or does not fit
     */
    public static ModelHandle load(Path dir) throws CheckpointException {
        DjlThread.prepareCurrentThread();
        ModelStore.Loaded loaded = ModelStore.load(dir);
        return new ModelHandle(loaded.model(), loaded.metadata());
    }

    /** @return the encoding dimension */
    public int encodingDim() {
        return model.encodingDim();
    }

    /** @return its metadata */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** @return the number of trainable parameters */
    public long parameterCount() {
        return model.parameterCount();
    }

    /**
     * The model itself, for core services (study, report) that take it. Not for the UI.
     *
     * @return the model
     */
    public Autoencoder autoencoder() {
        return model;
    }

    /**
     * @param images n 28x28 images, row-major, one after the other
     * @return their reconstructions, same layout
     */
    public float[] reconstruct(float[] images) {
        int n = count(images, PIXELS, "pixels");
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(images, new Shape(n, 1, Autoencoder.SIDE, Autoencoder.SIDE));
            return model.reconstruct(x, false).toFloatArray();
        }
    }

    /**
     * @param images n 28x28 images, row-major, one after the other
     * @return their codes, n x ED values
     */
    public float[] encode(float[] images) {
        int n = count(images, PIXELS, "pixels");
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(images, new Shape(n, 1, Autoencoder.SIDE, Autoencoder.SIDE));
            return model.encode(x).toFloatArray();
        }
    }

    /**
     * @param codes n codes of ED values each, one after the other
     * @return n decoded 28x28 images, values in [0, 1]
     */
    public float[] decode(float[] codes) {
        int n = count(codes, encodingDim(), "code values");
        try (NDManager m = model.manager().newSubManager()) {
            return model.decode(m.create(codes, new Shape(n, encodingDim()))).toFloatArray();
        }
    }

    /**
     * Interpolates between two digits: encodes both, decodes {@code steps} codes on the line
     * between their codes, and cross-fades their pixels for comparison (one encode and one
     * decode pass).
     *
     * @param a image A (784 values)
     * @param b image B (784 values)
     * @param steps points on the line, A and B included (at least 2)
     * @return the codes, their decodes and the cross-fade
     */
    public Interpolation.Strip interpolate(float[] a, float[] b, int steps) {
        if (a.length != PIXELS || b.length != PIXELS) {
            throw new IllegalArgumentException("A and B need " + PIXELS + " pixels each, got "
                    + a.length + " and " + b.length);
        }
        float[] pair = new float[2 * PIXELS];
        System.arraycopy(a, 0, pair, 0, PIXELS);
        System.arraycopy(b, 0, pair, PIXELS, PIXELS);
        float[] codes = encode(pair);
        int dim = encodingDim();
        float[] za = Arrays.copyOfRange(codes, 0, dim);
        float[] zb = Arrays.copyOfRange(codes, dim, 2 * dim);
        float[] line = Interpolation.line(za, zb, steps);
        return new Interpolation.Strip(steps, line, decode(line),
                Interpolation.line(a, b, steps));
    }

    /**
     * Encodes every image of a dataset.
     *
     * @param ds the images
     * @param batch images per forward pass
     * @param progress called after each batch; false cancels
     * @return the codes and labels
     */
    public LatentCodes encodeAll(Dataset ds, int batch, LatentCodes.Progress progress) {
        return LatentCodes.encode(model, ds, batch, progress);
    }

    /**
     * Saves the model as a checkpoint (engine thread).
     *
     * @param target the folder
     * @throws IOException if writing fails; the previous files there stay intact
     */
    public void save(Path target) throws IOException {
        ModelStore.save(target, model, metadata);
    }

    private static int count(float[] values, int per, String what) {
        if (values.length == 0 || values.length % per != 0) {
            throw new IllegalArgumentException("expected a multiple of " + per + " " + what
                    + ", got " + values.length);
        }
        return values.length / per;
    }

    /** Frees the model's native memory (engine thread). */
    @Override
    public void close() {
        model.close();
    }
}
