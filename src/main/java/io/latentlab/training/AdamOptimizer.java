package io.latentlab.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with PyTorch's semantics ({@code torch.optim.Adam}): weight decay is L2 added to the
 * gradient ({@code g + wd*w}), bias corrections as in PyTorch ({@code eps} added after dividing
 * {@code sqrt(v)} by {@code sqrt(1-beta2^t)}). DJL's built-in Adam folds the corrections into the
 * learning rate, which moves {@code eps}; this class rescales {@code eps} to compensate and
 * uses the engine's fused update kernel, so the numbers match PyTorch's.
 *
 * <p>It also zeroes each gradient after using it (DJL's gradient collector does not) and
 * flushes subnormal weights to zero (see {@link #step()}).
 */
public final class AdamOptimizer implements AutoCloseable {

    /**
     * Subnormal weights are flushed on the first step and every this many steps after: they
     * appear slowly (weight decay over many epochs), and a flush costs four operations per
     * parameter, a third of the optimizer's time if done every step.
     */
    static final int FLUSH_INTERVAL = 16;

    private final double lr;
    private final double weightDecay;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final List<Parameter> parameters;
    private final NDManager stateManager;
    private final List<NDArray> mean = new ArrayList<>();
    private final List<NDArray> variance = new ArrayList<>();
    private long step;

    /**
     * Creates the optimizer with PyTorch's default betas (0.9, 0.999) and eps 1e-8.
     *
     * @param parameters parameters to update (their arrays must already exist)
     * @param lr learning rate
     * @param weightDecay L2 coefficient added to the gradient
     */
    public AdamOptimizer(List<Parameter> parameters, double lr, double weightDecay) {
        this(parameters, lr, weightDecay, 0.9, 0.999, 1e-8);
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters parameters to update
     * @param lr learning rate
     * @param weightDecay L2 coefficient added to the gradient
     * @param beta1 first-moment decay
     * @param beta2 second-moment decay
     * @param eps denominator term
     */
    public AdamOptimizer(List<Parameter> parameters, double lr, double weightDecay, double beta1,
            double beta2, double eps) {
        if (!(lr > 0) || !(weightDecay >= 0) || !(beta1 >= 0 && beta1 < 1)
                || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("invalid Adam settings: lr=" + lr + " wd="
                    + weightDecay + " betas=(" + beta1 + ", " + beta2 + ") eps=" + eps);
        }
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.parameters = List.copyOf(parameters);
        NDArray first = this.parameters.get(0).getArray();
        stateManager = first.getManager().newSubManager();
        for (Parameter p : this.parameters) {
            mean.add(stateManager.zeros(p.getArray().getShape()));
            variance.add(stateManager.zeros(p.getArray().getShape()));
        }
    }

    /** @return number of steps taken */
    public long stepCount() {
        return step;
    }

    /**
     * Checks that every gradient is finite, without changing anything.
     *
     * @return the name of the first parameter with a NaN or infinite gradient, or null
     */
    public String firstNonFiniteGradient() {
        try (NDManager tmp = stateManager.newSubManager()) {
            for (Parameter p : parameters) {
                NDArray g = own(tmp, p.getArray().getGradient());
                float sum = g.sum().getFloat();
                if (!Float.isFinite(sum)) {
                    // a sum can overflow on its own; look element-wise before blaming the gradient
                    boolean bad = g.isNaN().logicalOr(g.isInfinite()).any().getBoolean();
                    if (bad) {
                        return p.getName() + " " + p.getArray().getShape();
                    }
                }
            }
        }
        return null;
    }

    /**
     * Applies one update to every parameter from its gradient, flushes weights below float's
     * smallest normal number to zero (every {@value #FLUSH_INTERVAL} steps), then zeroes the
     * gradients.
     */
    public void step() {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        // PyTorch: w -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps). Multiplying through by sqrt(bc2)
        // gives the fused native update's form w -= a * m / (sqrt(v) + e) with
        // a = lr*sqrt(bc2)/bc1 and e = eps*sqrt(bc2): the same numbers in one call per parameter.
        float scaledLr = (float) (lr * Math.sqrt(bc2) / bc1);
        float scaledEps = (float) (eps * Math.sqrt(bc2));
        try (NDManager tmp = stateManager.newSubManager()) {
            for (int i = 0; i < parameters.size(); i++) {
                NDArray w = parameters.get(i).getArray();
                NDArray g = own(tmp, w.getGradient());
                w.getNDArrayInternal().adamUpdate(
                        new NDList(w, g, mean.get(i), variance.get(i)), new NDList(w),
                        (float) lr, scaledLr, (float) weightDecay, 1f, -1f,
                        (float) beta1, (float) beta2, scaledEps, false, false);
                if ((step - 1) % FLUSH_INTERVAL == 0) {
                    flushSubnormals(w, tmp);
                }
                // fill, not g - g: subtraction would keep a NaN forever
                g.set(new NDIndex("..."), 0);
            }
        }
    }

    /**
     * Sets weights whose magnitude is below float's smallest normal number (1.2e-38) to zero,
     * as a CPU in flush-to-zero mode would. Weight decay drives the weights of unused units
     * towards zero; in a trained model about a fifth of some layers' weights ended up
     * subnormal, and every multiplication with them takes x86's slow path (the forward pass
     * became 3x slower). Their contribution to any output is below 1e-38.
     */
    private static void flushSubnormals(NDArray w, NDManager tmp) {
        // multiply by a 0/1 mask built in tmp: set(mask, value) leaves an array per call in the
        // parameter's manager (caught by the memory test)
        NDArray keep = own(tmp, w.abs()).gte(Float.MIN_NORMAL)
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        w.muli(keep);
    }

    /**
     * Writes the optimizer state (step count and moments).
     *
     * @param out destination
     * @throws IOException on write failure
     */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(0x41444d31); // "ADM1"
        out.writeLong(step);
        out.writeInt(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            writeFloats(out, mean.get(i).toFloatArray());
            writeFloats(out, variance.get(i).toFloatArray());
        }
    }

    /**
     * Restores state written by {@link #save}.
     *
     * @param in source
     * @throws IOException if the data is not an optimizer state for these parameters
     */
    public void load(DataInputStream in) throws IOException {
        if (in.readInt() != 0x41444d31) {
            throw new IOException("not an optimizer state (wrong header)");
        }
        long steps = in.readLong();
        int count = in.readInt();
        if (count != parameters.size() || steps < 0) {
            throw new IOException("optimizer state is for " + count + " parameters, model has "
                    + parameters.size());
        }
        for (int i = 0; i < count; i++) {
            mean.get(i).set(readFloats(in, mean.get(i)));
            variance.get(i).set(readFloats(in, variance.get(i)));
        }
        step = steps;
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in, NDArray target) throws IOException {
        int n = in.readInt();
        if (n != target.size()) {
            throw new IOException("optimizer state has " + n + " values where the model has "
                    + target.size());
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static NDArray own(NDManager manager, NDArray array) {
        array.attach(manager);
        return array;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
