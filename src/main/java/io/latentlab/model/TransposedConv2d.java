package io.latentlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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
 * ("sub-pixel") decomposition: output pixels whose position has the same remainder modulo the
 * stride only ever meet one subset of the kernel taps, so each of the {@code sH*sW} phases is a
 * plain stride-1 convolution of the <em>input</em> with a small sub-kernel. All phases run as
 * one convolution with {@code Cout*sH*sW} output channels whose result is interleaved (pixel
 * shuffle) and cropped. Unlike zero insertion, no multiplication by inserted zeros happens.
 *
 * <p>The sub-kernels are gathered from the weight by a constant 0/1 matrix, so gradients flow to
 * the original {@code (Cin, Cout, kH, kW)} weight and the trainable parameters are exactly
 * PyTorch's.
 *
 * <p>Channel padding: when {@code channelMultiple > 1} the internal convolution gets extra
 * output channels whose weights and biases are constant zeros (never trained, not parameters)
 * so its output-channel count is a multiple of {@code channelMultiple}. See the README section
 * "NaN gradients" for why the model uses 16.
 */
public final class TransposedConv2d {

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

        /** Number of taps of each phase's sub-kernel: {@code ceil(kernel / stride)}. */
        public int taps() {
            return (kernel + stride - 1) / stride;
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

        /** Zero rows needed past the "full" output (only with output padding). */
        int extra(int in) {
            int lastPhaseRow = Math.floorDiv(padding + outputSize(in) - 1, stride);
            return Math.max(0, lastPhaseRow - (in + taps() - 2));
        }

        /** Symmetric padding of the phase convolution. */
        int convPadding(int in) {
            return taps() - 1 + extra(in);
        }

        /** First row of the interleaved phase output that belongs to the result. */
        int cropStart(int in) {
            return padding + extra(in) * stride;
        }
    }

    /**
     * The 0/1 matrix that gathers the phase sub-kernels from a flattened kernel: rows index
     * {@code kh*kW + kw}, columns index {@code ((rh*sW + rw)*Jh + th)*Jw + tw}. Tap {@code t} of
     * phase {@code r} is kernel row {@code (J-1-t)*s + r} (flipped, because the phase
     * convolution is a cross-correlation), or nothing when that row is past the kernel.
     *
     * @param h the vertical axis
     * @param w the horizontal axis
     * @return the matrix in row-major order, {@code (kH*kW) x (sH*sW*Jh*Jw)}
     */
    static float[] gatherMatrix(Axis h, Axis w) {
        int jh = h.taps();
        int jw = w.taps();
        int cols = h.stride() * w.stride() * jh * jw;
        float[] g = new float[h.kernel() * w.kernel() * cols];
        for (int rh = 0; rh < h.stride(); rh++) {
            for (int rw = 0; rw < w.stride(); rw++) {
                for (int th = 0; th < jh; th++) {
                    int kh = (jh - 1 - th) * h.stride() + rh;
                    if (kh >= h.kernel()) {
                        continue;
                    }
                    for (int tw = 0; tw < jw; tw++) {
                        int kw = (jw - 1 - tw) * w.stride() + rw;
                        if (kw >= w.kernel()) {
                            continue;
                        }
                        int col = ((rh * w.stride() + rw) * jh + th) * jw + tw;
                        g[(kh * w.kernel() + kw) * cols + col] = 1f;
                    }
                }
            }
        }
        return g;
    }

    /**
     * Rounds {@code channels} up to a multiple of {@code multiple}.
     *
     * @param channels a channel count
     * @param multiple the multiple, 1 for none
     * @return the padded count
     */
    public static int paddedChannels(int channels, int multiple) {
        return (channels + multiple - 1) / multiple * multiple;
    }

    /**
     * Applies the transposed convolution.
     *
     * @param x input {@code (N, Cin, H, W)}
     * @param weight weight {@code (Cin, Cout, kH, kW)}, PyTorch's layout
     * @param bias bias {@code (Cout)}, or {@code null}
     * @param h vertical geometry (its kernel must match the weight)
     * @param w horizontal geometry (its kernel must match the weight)
     * @param gather the gather matrix from {@link #gatherMatrix} as an NDArray, {@code null} to
     *     build it here
     * @param channelMultiple pad the internal convolution's output channels to a multiple of
     *     this (1 for none)
     * @return output {@code (N, Cout, h.outputSize(H), w.outputSize(W))}, owned by the input's
     *     manager
     */
    public static NDArray apply(
            NDArray x, NDArray weight, NDArray bias, Axis h, Axis w, NDArray gather,
            int channelMultiple) {
        Shape xs = x.getShape();
        Shape ws = weight.getShape();
        if (xs.dimension() != 4 || ws.dimension() != 4 || ws.get(0) != xs.get(1)
                || ws.get(2) != h.kernel() || ws.get(3) != w.kernel()) {
            throw new IllegalArgumentException(
                    "transposed conv: input " + xs + " does not fit weight " + ws);
        }
        int n = (int) xs.get(0);
        int cin = (int) xs.get(1);
        int height = (int) xs.get(2);
        int width = (int) xs.get(3);
        int cout = (int) ws.get(1);
        int sh = h.stride();
        int sw = w.stride();
        int jh = h.taps();
        int jw = w.taps();
        int phases = cout * sh * sw;
        int padded = paddedChannels(phases, channelMultiple);
        int outH = h.outputSize(height);
        int outW = w.outputSize(width);
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(
                    "transposed conv: empty output for input " + xs + " and " + h + ", " + w);
        }
        // Temporaries derived from the weight go to the input's (per-batch) manager, never to
        // the long-lived parameter manager, so nothing accumulates across batches.
        NDManager m = x.getManager();
        NDArray g = gather;
        if (g == null) {
            g = m.create(gatherMatrix(h, w), new Shape(
                    (long) h.kernel() * w.kernel(), (long) sh * sw * jh * jw));
        }
        // Combined channel c = (rh*sW + rw)*Cout + co: phase-major, so that in channels-last
        // memory each output pixel's Cout values stay contiguous through the pixel shuffle.
        NDArray kernel = own(m, weight.reshape(cin * cout, h.kernel() * w.kernel()));
        kernel = kernel.matMul(g)
                .reshape(cin, cout, sh, sw, jh, jw)
                .transpose(2, 3, 1, 0, 4, 5)
                .reshape(phases, cin, jh, jw);
        NDArray phaseBias = null;
        if (bias != null) {
            phaseBias = own(m, bias.reshape(1, cout)).broadcast((long) sh * sw, cout)
                    .reshape(phases);
        }
        if (padded > phases) {
            kernel = NDArrays.concat(new NDList(kernel,
                    m.zeros(new Shape(padded - phases, cin, jh, jw))), 0);
            if (phaseBias != null) {
                phaseBias = NDArrays.concat(new NDList(phaseBias,
                        m.zeros(new Shape(padded - phases))), 0);
            }
        }
        int padH = h.convPadding(height);
        int padW = w.convPadding(width);
        NDArray z = Conv2d.conv2d(channelsLast(x), kernel, phaseBias, new Shape(1, 1),
                new Shape(padH, padW), new Shape(1, 1), 1).singletonOrThrow();
        long qh = z.getShape().get(2);
        long qw = z.getShape().get(3);
        // z is channels-last, so (N, Qh, Qw, C) is its memory order: shuffle there
        NDArray zp = z.transpose(0, 2, 3, 1);
        if (padded > phases) {
            zp = zp.get(new NDIndex(":, :, :, :{}", phases));
        }
        NDArray full = zp.reshape(n, qh, qw, sh, sw, cout)
                .transpose(0, 1, 3, 2, 4, 5)
                .reshape(n, qh * sh, qw * sw, cout)
                .transpose(0, 3, 1, 2);
        int top = h.cropStart(height);
        int left = w.cropStart(width);
        if (top == 0 && left == 0 && qh * sh == outH && qw * sw == outW) {
            return full;
        }
        return full.get(new NDIndex(":, :, {}:{}, {}:{}", top, top + outH, left, left + outW));
    }

    /**
     * Returns {@code x} (N, C, H, W) with channels-last memory (a view if it already is).
     * PyTorch then runs the convolution in oneDNN's NHWC kernels, which avoid converting
     * layouts on every call and were up to 2x faster here for these small channel counts.
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
