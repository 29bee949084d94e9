package io.latentlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Checks the polyphase transposed convolution against a direct loop implementation. */
class TransposedConv2dTest {

    /** Direct definition of PyTorch's ConvTranspose2d forward and its gradients. */
    static final class Reference {
        final double[] y;
        final double[] dx;
        final double[] dw;
        final double[] db;
        final int outH;
        final int outW;

        Reference(float[] x, float[] w, float[] b, float[] gy, int n, int cin, int cout, int h,
                int wd, TransposedConv2d.Axis ah, TransposedConv2d.Axis aw) {
            outH = (h - 1) * ah.stride() - 2 * ah.padding() + ah.kernel() + ah.outputPadding();
            outW = (wd - 1) * aw.stride() - 2 * aw.padding() + aw.kernel() + aw.outputPadding();
            int kh = ah.kernel();
            int kw = aw.kernel();
            y = new double[n * cout * outH * outW];
            dx = new double[x.length];
            dw = new double[w.length];
            db = new double[cout];
            for (int s = 0; s < n; s++) {
                for (int co = 0; co < cout; co++) {
                    for (int oh = 0; oh < outH; oh++) {
                        for (int ow = 0; ow < outW; ow++) {
                            int yi = ((s * cout + co) * outH + oh) * outW + ow;
                            y[yi] += b[co];
                            db[co] += gy[yi];
                        }
                    }
                }
                for (int ci = 0; ci < cin; ci++) {
                    for (int ih = 0; ih < h; ih++) {
                        for (int iw = 0; iw < wd; iw++) {
                            int xi = ((s * cin + ci) * h + ih) * wd + iw;
                            for (int co = 0; co < cout; co++) {
                                for (int a = 0; a < kh; a++) {
                                    int oh = ih * ah.stride() - ah.padding() + a;
                                    if (oh < 0 || oh >= outH) {
                                        continue;
                                    }
                                    for (int c = 0; c < kw; c++) {
                                        int ow = iw * aw.stride() - aw.padding() + c;
                                        if (ow < 0 || ow >= outW) {
                                            continue;
                                        }
                                        int wi = ((ci * cout + co) * kh + a) * kw + c;
                                        int yi = ((s * cout + co) * outH + oh) * outW + ow;
                                        y[yi] += (double) x[xi] * w[wi];
                                        dx[xi] += (double) gy[yi] * w[wi];
                                        dw[wi] += (double) gy[yi] * x[xi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static float[] random(SplittableRandom r, int size) {
        float[] a = new float[size];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    private static void assertClose(float[] actual, double[] expected, String what) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("%s[%d]", what, i)
                    .isCloseTo(expected[i], within(1e-4 * (1 + Math.abs(expected[i]))));
        }
    }

    private static void check(SplittableRandom r, int n, int cin, int cout, int h, int wd,
            TransposedConv2d.Axis ah, TransposedConv2d.Axis aw, int f) {
        check(r, n, cin, cout, h, wd, ah, aw, f, true);
    }

    /** Checks y, dw, db and, if {@code inputGradient}, dx against {@link Reference}. */
    private static void check(SplittableRandom r, int n, int cin, int cout, int h, int wd,
            TransposedConv2d.Axis ah, TransposedConv2d.Axis aw, int f, boolean inputGradient) {
        float[] x = random(r, n * cin * h * wd);
        float[] w = random(r, cin * cout * ah.kernel() * aw.kernel());
        float[] b = random(r, cout);
        int outH = ah.outputSize(h);
        int outW = aw.outputSize(wd);
        if (outH < 1 || outW < 1) {
            return;
        }
        float[] gy = random(r, n * cout * outH * outW);
        Reference ref = new Reference(x, w, b, gy, n, cin, cout, h, wd, ah, aw);
        String geometry = String.format("n=%d cin=%d cout=%d in=%dx%d %s %s f=%d",
                n, cin, cout, h, wd, ah, aw, f);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xa = m.create(x, new Shape(n, cin, h, wd));
            NDArray wa = m.create(w, new Shape(cin, cout, ah.kernel(), aw.kernel()));
            NDArray ba = m.create(b, new Shape(cout));
            NDArray ga = m.create(gy, new Shape(n, cout, outH, outW));
            xa.setRequiresGradient(inputGradient);
            wa.setRequiresGradient(true);
            ba.setRequiresGradient(true);
            float[] y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = TransposedConv2d.apply(xa, wa, ba, ah, aw, f, null);
                assertThat(out.getShape()).as(geometry)
                        .isEqualTo(new Shape(n, cout, outH, outW));
                y = out.toFloatArray();
                gc.backward(out.mul(ga).sum());
            }
            assertClose(y, ref.y, "y " + geometry);
            if (inputGradient) {
                assertClose(xa.getGradient().toFloatArray(), ref.dx, "dx " + geometry);
            }
            assertClose(wa.getGradient().toFloatArray(), ref.dw, "dw " + geometry);
            assertClose(ba.getGradient().toFloatArray(), ref.db, "db " + geometry);
        }
    }

    @Test
    void matchesDirectDefinitionForTheModelsLayers() {
        SplittableRandom r = new SplittableRandom(1);
        check(r, 2, 32, 16, 3, 3, new TransposedConv2d.Axis(3, 2, 0, 0),
                new TransposedConv2d.Axis(3, 2, 0, 0), 1);
        check(r, 2, 16, 8, 7, 7, new TransposedConv2d.Axis(3, 2, 1, 1),
                new TransposedConv2d.Axis(3, 2, 1, 1), 1);
        check(r, 2, 8, 1, 14, 14, new TransposedConv2d.Axis(3, 2, 1, 1),
                new TransposedConv2d.Axis(3, 2, 1, 1), 2);
    }

    @Test
    void matchesDirectDefinitionForRandomGeometries() {
        SplittableRandom r = new SplittableRandom(42);
        int checked = 0;
        while (checked < 60) {
            TransposedConv2d.Axis ah = randomAxis(r);
            TransposedConv2d.Axis aw = randomAxis(r);
            int h = 1 + r.nextInt(5);
            int w = 1 + r.nextInt(5);
            if (ah.outputSize(h) < 1 || aw.outputSize(w) < 1) {
                continue;
            }
            int n = 1 + r.nextInt(2);
            int cin = 1 + r.nextInt(3);
            int cout = 1 + r.nextInt(3);
            int f = 1 + r.nextInt(4);
            // Any f gives the same output and weight gradients, but the input gradient comes
            // from PyTorch's convolution backward-data, which oneDNN's AVX-512 kernel gets wrong
            // for inner channel counts that are not a multiple of 16 (README, "NaN gradients";
            // dx was off by up to 0.66 on an AMD EPYC for 12 channels, n=2, cin=1), so apply
            // refuses it and dx is checked with the factor the model uses.
            int safeF = TransposedConv2d.blockFactor(cout, ah, aw,
                    TransposedConv2d.CHANNEL_MULTIPLE);
            check(r, n, cin, cout, h, w, ah, aw, f, f == safeF);
            if (f != safeF) {
                check(r, n, cin, cout, h, w, ah, aw, safeF, true);
            }
            checked++;
        }
    }

    private static TransposedConv2d.Axis randomAxis(SplittableRandom r) {
        int k = 1 + r.nextInt(5);
        int s = 1 + r.nextInt(3);
        int p = r.nextInt(k + 1);
        int op = r.nextInt(s);
        return new TransposedConv2d.Axis(k, s, p, op);
    }

    @Test
    void acceptsChannelsLastInput() {
        SplittableRandom r = new SplittableRandom(5);
        TransposedConv2d.Axis a = new TransposedConv2d.Axis(3, 2, 1, 1);
        float[] x = random(r, 2 * 3 * 4 * 4);
        float[] w = random(r, 3 * 2 * 9);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xa = m.create(x, new Shape(2, 3, 4, 4));
            NDArray wa = m.create(w, new Shape(3, 2, 3, 3));
            float[] plain = TransposedConv2d.apply(xa, wa, null, a, a).toFloatArray();
            float[] fromChannelsLast = TransposedConv2d.apply(
                    TransposedConv2d.channelsLast(xa), wa, null, a, a).toFloatArray();
            assertThat(fromChannelsLast).containsExactly(plain);
        }
    }

    @Test
    void blockFactorGivesMultiplesOfSixteenChannels() {
        TransposedConv2d.Axis a = new TransposedConv2d.Axis(3, 2, 1, 1);
        assertThat(TransposedConv2d.blockFactor(16, a, a, 16)).isEqualTo(1); // 64 channels
        assertThat(TransposedConv2d.blockFactor(8, a, a, 16)).isEqualTo(1); // 32
        assertThat(TransposedConv2d.blockFactor(1, a, a, 16)).isEqualTo(2); // 16, not 4
        TransposedConv2d.Axis s1 = new TransposedConv2d.Axis(3, 1, 1, 0);
        assertThat(TransposedConv2d.blockFactor(3, s1, s1, 16)).isEqualTo(4); // 48
    }

    @Test
    void gatherMatrixPicksEachKernelTapOncePerBlockPosition() {
        TransposedConv2d.Axis a = new TransposedConv2d.Axis(3, 2, 1, 1);
        for (int f = 1; f <= 3; f++) {
            float[] g = TransposedConv2d.gatherMatrix(a, a, f);
            int cols = (int) TransposedConv2d.gatherShape(a, a, f).get(1);
            for (int row = 0; row < 9; row++) {
                float sum = 0;
                for (int c = 0; c < cols; c++) {
                    sum += g[row * cols + c];
                }
                // a tap reaches each of the f*f output pixels per block that share its phase
                assertThat(sum).as("f=%d tap %d", f, row).isEqualTo((float) (f * f));
            }
        }
    }

    @Test
    void matchesDirectDefinitionForAPaddingAsLargeAsTheKernel() {
        // PyTorch accepts any padding >= 0; this geometry once failed on an AMD EPYC with f = 1
        // (12 inner channels, wrong input gradient from oneDNN), not because of the padding
        TransposedConv2d.Axis h = new TransposedConv2d.Axis(3, 2, 0, 1);
        TransposedConv2d.Axis w = new TransposedConv2d.Axis(5, 3, 5, 1);
        check(new SplittableRandom(3), 2, 1, 2, 4, 5, h, w,
                TransposedConv2d.blockFactor(2, h, w, TransposedConv2d.CHANNEL_MULTIPLE));
    }

    @Test
    void refusesAnInputGradientWithoutAMultipleOfSixteenInnerChannels() {
        TransposedConv2d.Axis a = new TransposedConv2d.Axis(3, 2, 1, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(2, 1, 4, 4));
            NDArray w = m.ones(new Shape(1, 2, 3, 3));
            // 2 * 2 * 2 = 8 inner channels with f = 1: fine without an input gradient
            assertThat(TransposedConv2d.apply(x, w, null, a, a, 1, null).getShape())
                    .isEqualTo(new Shape(2, 2, 8, 8));
            x.setRequiresGradient(true);
            assertThatThrownBy(() -> TransposedConv2d.apply(x, w, null, a, a, 1, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("multiple of 16 inner channels, not 8");
            assertThat(TransposedConv2d.apply(x, w, null, a, a, 2, null).getShape())
                    .isEqualTo(new Shape(2, 2, 8, 8));
        }
    }

    @Test
    void rejectsOutputPaddingNotSmallerThanStride() {
        assertThatThrownBy(() -> new TransposedConv2d.Axis(3, 2, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output padding must be smaller than the stride");
    }

    @Test
    void outputSizesOfTheDecoder() {
        assertThat(new TransposedConv2d.Axis(3, 2, 0, 0).outputSize(3)).isEqualTo(7);
        assertThat(new TransposedConv2d.Axis(3, 2, 1, 1).outputSize(7)).isEqualTo(14);
        assertThat(new TransposedConv2d.Axis(3, 2, 1, 1).outputSize(14)).isEqualTo(28);
    }
}
