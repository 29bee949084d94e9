package io.latentlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A 2-D transposed convolution built from ordinary, differentiable DJL operations.
 *
 * <p>DJL's PyTorch engine does not implement {@code deconvolution}. This computes exactly what
 * PyTorch's {@code ConvTranspose2d} computes (weight layout {@code (Cin, Cout, kH, kW)}, any
 * kernel, stride, padding and output padding, dilation 1, one group) with a polyphase
 * ("sub-pixel") decomposition. Cut the output into blocks of {@code B = s*f} pixels per axis
 * (block factor {@code f >= 1}), counted in output coordinates. Block {@code b} only sees the
 * input window {@code b*f + lo .. b*f + hi} with {@code lo = -floor((k-1-p)/s)} and
 * {@code hi = f - 1 + floor((s-1+p)/s)}, and output pixel {@code ph} of the block meets window
 * pixel {@code t} through kernel tap {@code ph + p - (lo + t)*s}. So the whole transposed
 * convolution is one ordinary convolution of the input (kernel {@code hi - lo + 1}, stride
 * {@code f}) with {@code Cout*B*B} output channels, followed by a pixel shuffle (and a crop
 * only when the output size is not a multiple of {@code B}). With {@code f = 1} this is the
 * classic sub-pixel convolution; no product with an inserted zero is ever computed (zero
 * insertion did about 4x the work).
 *
 * <p>The sub-kernels are gathered from the weight by a constant 0/1 matrix, so gradients flow to
 * the original weight and the trainable parameters are exactly PyTorch's; there are no padding
 * channels.
 *
 * <p>The block factor is chosen so that the inner convolution has a multiple of 16 output
 * channels: oneDNN's AVX-512 backward-data kernel gives wrong input gradients (intermittently
 * non-finite on an AMD Zen 5, deterministically wrong finite values on an AMD EPYC) for
 * convolutions whose output-channel count is not a multiple of 16 (README, "NaN gradients").
 * For the model's last layer ({@code 8 -> 1}, stride 2) that means {@code f = 2}: 16 channels
 * instead of 4, computed on a quarter of the positions. {@link #apply(NDArray, NDArray, NDArray,
 * Axis, Axis, int, NDArray)} refuses other factors when the input needs a gradient.
 */
public final class TransposedConv2d {

    /** Inner convolutions get a multiple of this many output channels when possible. */
    public static final int CHANNEL_MULTIPLE = 16;

    private TransposedConv2d() {}

    /**
     * Geometry of one spatial axis.
     *
     * @param kernel kernel size
     * @param stride stride
     * @param padding padding (removed from both ends of the full output)
     * @param outputPadding extra size added to one end of the output, {@code < stride}
     */
    public record Axis(int kernel, int stride, int padding, int outputPadding) {

        /** Validates the geometry like PyTorch does. */
        public Axis {
            if (kernel < 1 || stride < 1 || padding < 0 || outputPadding < 0) {
                throw new IllegalArgumentException(
                        "kernel and stride must be >= 1, padding and output padding >= 0: " + this);
            }
            if (outputPadding >= stride) {
                throw new IllegalArgumentException(
                        "output padding must be smaller than the stride: " + this);
            }
        }

        /**
         * Output size for an input of size {@code in}.
         *
         * @param in input size
         * @return {@code (in-1)*stride - 2*padding + kernel + outputPadding}
         */
        public int outputSize(int in) {
            return (in - 1) * stride - 2 * padding + kernel + outputPadding;
        }

        /** First window pixel relative to {@code b*f}: {@code -floor((k-1-p)/s)}. */
        int windowStart() {
            return -Math.floorDiv(kernel - 1 - padding, stride);
        }

        /**
         * Kernel size of the inner convolution.
         *
         * @param f block factor
         * @return window length {@code hi - lo + 1}
         */
        int innerKernel(int f) {
            return f - 1 + Math.floorDiv(stride - 1 + padding, stride) - windowStart() + 1;
        }

        /**
         * Kernel tap that joins block pixel {@code ph} and window pixel {@code t}.
         *
         * @param ph position in the output block
         * @param t position in the input window
         * @return the tap index, possibly outside {@code [0, kernel)} (no tap)
         */
        int tap(int ph, int t) {
            return ph + padding - (windowStart() + t) * stride;
        }
    }

    /**
     * The smallest block factor in 1..4 that gives the inner convolution a multiple of
     * {@code multiple} output channels (4 always works for 16).
     *
     * @param outChannels Cout
     * @param h vertical geometry
     * @param w horizontal geometry
     * @param multiple wanted multiple, 1 for "don't care"
     * @return the block factor
     */
    public static int blockFactor(int outChannels, Axis h, Axis w, int multiple) {
        for (int f = 1; f <= 4; f++) {
            long channels = (long) outChannels * h.stride() * f * w.stride() * f;
            if (channels % multiple == 0) {
                return f;
            }
        }
        return 1;
    }

    /**
     * The 0/1 matrix that gathers the inner kernel from a flattened transposed-conv kernel:
     * rows index {@code a*kW + b}, columns index {@code ((ph*Bw + pw)*Kh + th)*Kw + tw}, and
     * entry 1 means tap {@code (a, b) = (h.tap(ph, th), w.tap(pw, tw))}.
     *
     * @param h vertical geometry
     * @param w horizontal geometry
     * @param f block factor
     * @return the matrix in row-major order, {@code (kH*kW) x (Bh*Bw*Kh*Kw)}
     */
    static float[] gatherMatrix(Axis h, Axis w, int f) {
        int bh = h.stride() * f;
        int bw = w.stride() * f;
        int kh = h.innerKernel(f);
        int kw = w.innerKernel(f);
        int cols = bh * bw * kh * kw;
        float[] g = new float[h.kernel() * w.kernel() * cols];
        for (int ph = 0; ph < bh; ph++) {
            for (int pw = 0; pw < bw; pw++) {
                for (int th = 0; th < kh; th++) {
                    int a = h.tap(ph, th);
                    for (int tw = 0; tw < kw; tw++) {
                        int b = w.tap(pw, tw);
                        if (a >= 0 && a < h.kernel() && b >= 0 && b < w.kernel()) {
                            int col = ((ph * bw + pw) * kh + th) * kw + tw;
                            g[(a * w.kernel() + b) * cols + col] = 1f;
                        }
                    }
                }
            }
        }
        return g;
    }

    /**
     * Shape of the gather matrix for {@link #apply}.
     *
     * @param h vertical geometry
     * @param w horizontal geometry
     * @param f block factor
     * @return {@code (kH*kW, Bh*Bw*Kh*Kw)}
     */
    static Shape gatherShape(Axis h, Axis w, int f) {
        return new Shape((long) h.kernel() * w.kernel(), (long) h.stride() * f * w.stride() * f
                * h.innerKernel(f) * w.innerKernel(f));
    }

    /**
     * Applies the transposed convolution with the block factor that suits oneDNN
     * ({@link #CHANNEL_MULTIPLE}).
     *
     * @param x input {@code (N, Cin, H, W)}
     * @param weight weight {@code (Cin, Cout, kH, kW)}, PyTorch's layout
     * @param bias bias {@code (Cout)}, or {@code null}
     * @param h vertical geometry
     * @param w horizontal geometry
     * @return output {@code (N, Cout, h.outputSize(H), w.outputSize(W))}
     */
    public static NDArray apply(NDArray x, NDArray weight, NDArray bias, Axis h, Axis w) {
        int f = blockFactor((int) weight.getShape().get(1), h, w, CHANNEL_MULTIPLE);
        return apply(x, weight, bias, h, w, f, null);
    }

    /**
     * Applies the transposed convolution.
     *
     * @param x input {@code (N, Cin, H, W)}, any memory layout
     * @param weight weight {@code (Cin, Cout, kH, kW)}, PyTorch's layout
     * @param bias bias {@code (Cout)}, or {@code null}
     * @param h vertical geometry (its kernel must match the weight)
     * @param w horizontal geometry (its kernel must match the weight)
     * @param f block factor (any value >= 1 gives the same output and weight gradients; if
     *     {@code x} needs a gradient, {@code Cout*(h.stride*f)*(w.stride*f)} must be a multiple
     *     of {@link #CHANNEL_MULTIPLE}, as {@link #blockFactor} ensures)
     * @param gather the matrix from {@link #gatherMatrix} for this geometry and {@code f}, or
     *     null to build it here
     * @return output {@code (N, Cout, h.outputSize(H), w.outputSize(W))}, stored channels-last,
     *     owned by the input's manager
     * @throws IllegalArgumentException if the shapes do not fit, the output is empty, or
     *     {@code x} needs a gradient that oneDNN could get wrong with this {@code f}
     */
    public static NDArray apply(NDArray x, NDArray weight, NDArray bias, Axis h, Axis w, int f,
            NDArray gather) {
        Shape xs = x.getShape();
        Shape ws = weight.getShape();
        if (xs.dimension() != 4 || ws.dimension() != 4 || ws.get(0) != xs.get(1)
                || ws.get(2) != h.kernel() || ws.get(3) != w.kernel() || f < 1) {
            throw new IllegalArgumentException("transposed conv: input " + xs
                    + " does not fit weight " + ws + " (block factor " + f + ")");
        }
        int n = (int) xs.get(0);
        int cin = (int) xs.get(1);
        int cout = (int) ws.get(1);
        int outH = h.outputSize((int) xs.get(2));
        int outW = w.outputSize((int) xs.get(3));
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(
                    "transposed conv: empty output for input " + xs + " and " + h + ", " + w);
        }
        int bh = h.stride() * f;
        int bw = w.stride() * f;
        int kh = h.innerKernel(f);
        int kw = w.innerKernel(f);
        int channels = bh * bw * cout;
        if (channels % CHANNEL_MULTIPLE != 0 && x.hasGradient()) {
            // the input gradient would come from oneDNN's backward-data kernel, wrong here
            throw new IllegalArgumentException("transposed conv: an input gradient needs a "
                    + "multiple of " + CHANNEL_MULTIPLE + " inner channels, not " + channels
                    + " (block factor " + f + "; use blockFactor)");
        }
        // Temporaries derived from the weight go to the input's (per-batch) manager, never to
        // the long-lived parameter manager, so nothing accumulates across batches.
        NDManager m = x.getManager();
        NDArray g = gather != null ? gather : m.create(gatherMatrix(h, w, f), gatherShape(h, w, f));
        // inner channel (ph*Bw + pw)*Cout + co: block-position-major, so each output pixel's
        // Cout values stay contiguous through the channels-last pixel shuffle
        NDArray kernel = own(m, weight.reshape(cin * cout, h.kernel() * w.kernel()))
                .matMul(g)
                .reshape(cin, cout, bh, bw, kh, kw)
                .transpose(2, 3, 1, 0, 4, 5)
                .reshape(channels, cin, kh, kw);
        NDArray innerBias = bias == null ? null
                : own(m, bias.reshape(1, cout)).broadcast((long) bh * bw, cout).reshape(channels);

        Window rows = new Window(h, (int) xs.get(2), outH, f);
        Window cols = new Window(w, (int) xs.get(3), outW, f);
        NDArray in = channelsLast(x);
        if (rows.sliceFrom > 0 || rows.sliceTo < xs.get(2) || cols.sliceFrom > 0
                || cols.sliceTo < xs.get(3)) {
            in = in.get(new NDIndex(":, :, {}:{}, {}:{}", rows.sliceFrom, rows.sliceTo,
                    cols.sliceFrom, cols.sliceTo));
        }
        if (rows.padBefore + rows.padAfter + cols.padBefore + cols.padAfter > 0) {
            in = in.pad(new Shape(cols.padBefore, cols.padAfter, rows.padBefore, rows.padAfter), 0);
        }
        NDArray z = Conv2d.conv2d(in, kernel, innerBias, new Shape(f, f), new Shape(0, 0),
                new Shape(1, 1), 1).singletonOrThrow();
        // z is channels-last, so (N, blocksH, blocksW, C) is its memory order: shuffle there
        NDArray full = z.transpose(0, 2, 3, 1)
                .reshape(n, rows.blocks, cols.blocks, bh, bw, cout)
                .transpose(0, 1, 3, 2, 4, 5)
                .reshape(n, (long) rows.blocks * bh, (long) cols.blocks * bw, cout);
        if ((long) rows.blocks * bh != outH || (long) cols.blocks * bw != outW) {
            full = full.get(new NDIndex(":, :{}, :{}, :", outH, outW));
        }
        return full.transpose(0, 3, 1, 2);
    }

    /** Which input rows feed the blocks that cover the output, along one axis. */
    private static final class Window {
        final int blocks;
        final int sliceFrom;
        final int sliceTo;
        final int padBefore;
        final int padAfter;

        Window(Axis a, int in, int out, int f) {
            int b = a.stride() * f;
            blocks = (out + b - 1) / b;
            int start = a.windowStart();
            int need = (blocks - 1) * f + a.innerKernel(f);
            sliceFrom = Math.max(0, start);
            sliceTo = Math.min(in, start + need);
            padBefore = Math.max(0, -start);
            padAfter = Math.max(0, start + need - in);
        }
    }

    /**
     * Returns {@code x} (N, C, H, W) with channels-last memory (a view if it already is).
     * PyTorch then runs convolutions in oneDNN's NHWC kernels, which avoid converting layouts
     * on every call and were up to 2x faster here for these small channel counts.
     *
     * @param x an NCHW array
     * @return the same values, logically NCHW, stored as NHWC, owned by x's manager
     */
    public static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 3, 1)
                .reshape(s.get(0), s.get(2) * s.get(3) * s.get(1))
                .reshape(s.get(0), s.get(2), s.get(3), s.get(1))
                .transpose(0, 3, 1, 2);
    }

    private static NDArray own(NDManager manager, NDArray array) {
        array.attach(manager);
        return array;
    }
}
