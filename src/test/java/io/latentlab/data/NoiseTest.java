package io.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoiseTest {

    private static final int N = 100_000;

    @Test
    void gaussianHasTheRequestedMeanAndSpread() {
        float[] out = new float[N];
        new Noise.Gaussian(0.5).apply(new float[N], 0, out, 0, 100, 1000, 42L, false);

        double mean = Arrays.stream(toDoubles(out)).average().orElseThrow();
        double var = Arrays.stream(toDoubles(out)).map(v -> (v - mean) * (v - mean)).sum() / N;
        assertThat(mean).isCloseTo(0.0, within(0.01));
        assertThat(Math.sqrt(var)).isCloseTo(0.5, within(0.01));
    }

    @Test
    void uniformAddsValuesInZeroOne() {
        float[] out = new float[N];
        new Noise.Uniform().apply(new float[N], 0, out, 0, 1, N, 7L, false);

        for (float v : out) {
            assertThat(v).isGreaterThanOrEqualTo(0f).isLessThan(1f);
        }
        double mean = Arrays.stream(toDoubles(out)).average().orElseThrow();
        assertThat(mean).isCloseTo(0.5, within(0.01));
    }

    @Test
    void occlusionAtGivenPositionZeroesExactlyThatSquare() {
        float[] out = new float[784];
        new Noise.Occlusion(14, 3, 5).apply(ones(784), 0, out, 0, 28, 28, 1L, true);

        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                boolean inside = r >= 5 && r < 19 && c >= 3 && c < 17;
                assertThat(out[r * 28 + c]).as("(%d,%d)", r, c).isEqualTo(inside ? 0f : 1f);
            }
        }
    }

    @Test
    void randomOcclusionZeroesOneContiguousSquareInsideTheImage() {
        Set<Integer> corners = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            float[] out = new float[784];
            Noise.occlusion(14).apply(ones(784), 0, out, 0, 28, 28, seed, false);

            int zeros = 0;
            int top = 28;
            int left = 28;
            int bottom = -1;
            int right = -1;
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    float v = out[r * 28 + c];
                    assertThat(v).isIn(0f, 1f);
                    if (v == 0f) {
                        zeros++;
                        top = Math.min(top, r);
                        left = Math.min(left, c);
                        bottom = Math.max(bottom, r);
                        right = Math.max(right, c);
                    }
                }
            }
            // 196 zeros inside a 14x14 bounding box: one full square, nothing else
            assertThat(zeros).isEqualTo(196);
            assertThat(bottom - top + 1).isEqualTo(14);
            assertThat(right - left + 1).isEqualTo(14);
            assertThat(top).isBetween(0, 14);
            assertThat(left).isBetween(0, 14);
            corners.add(top * 100 + left);
        }
        assertThat(corners).hasSizeGreaterThan(10);
    }

    @Test
    void anywhereIsUnchangedBitForBitForTheSameSeed() {
        // the formula every shipped result used: corner uniform in [0,14] x [0,14], col first
        for (long seed = 0; seed < 300; seed++) {
            java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
            int left = rng.nextInt(15);
            int top = rng.nextInt(15);
            float[] src = ramp(784);
            float[] expected = src.clone();
            for (int r = top; r < top + 14; r++) {
                Arrays.fill(expected, r * 28 + left, r * 28 + left + 14, 0f);
            }
            assertThat(run(Noise.occlusion(14, Noise.Occlusion.Placement.ANYWHERE), src, seed))
                    .as("seed %d", seed).containsExactly(expected);
            assertThat(run(Noise.occlusion(14), src, seed)).containsExactly(expected);
        }
        // two corners worked out by hand from that formula
        assertThat(zeroMask(run(Noise.occlusion(14), ones(784), 0L)))
                .isEqualTo(rectMask(13, 1, 27, 15));
        assertThat(zeroMask(run(Noise.occlusion(14), ones(784), 4L)))
                .isEqualTo(rectMask(4, 14, 18, 28));
    }

    @Test
    void quadrantPatchesCoverExactlyOneQuadrant() {
        boolean[][] quadrants = {rectMask(0, 0, 14, 14), rectMask(14, 0, 28, 14),
            rectMask(0, 14, 14, 28), rectMask(14, 14, 28, 28)};
        Noise quadrant = Noise.occlusion(14, Noise.Occlusion.Placement.QUADRANT);
        int[] seen = new int[4];
        for (long seed = 0; seed < 400; seed++) {
            boolean[] mask = zeroMask(run(quadrant, ones(784), seed));
            int hit = -1;
            for (int q = 0; q < 4; q++) {
                if (Arrays.equals(mask, quadrants[q])) {
                    hit = q;
                }
            }
            assertThat(hit).as("seed %d zeroes one whole quadrant and nothing else", seed)
                    .isNotNegative();
            seen[hit]++;
        }
        // each quadrant about a quarter of the time
        for (int n : seen) {
            assertThat(n).isBetween(70, 130);
        }
        // by hand: seed 0 draws corner 1 (top right), 3 draws 2 (bottom left), 10 draws 3
        assertThat(zeroMask(run(quadrant, ones(784), 0L))).isEqualTo(quadrants[1]);
        assertThat(zeroMask(run(quadrant, ones(784), 3L))).isEqualTo(quadrants[2]);
        assertThat(zeroMask(run(quadrant, ones(784), 10L))).isEqualTo(quadrants[3]);
        // a smaller patch goes into one of the image's corners
        float[] small = new float[784];
        Noise.occlusion(5, Noise.Occlusion.Placement.QUADRANT).apply(ones(784), 0, small, 0,
                28, 28, 10L, false);
        assertThat(zeroMask(small)).isEqualTo(rectMask(23, 23, 28, 28));
    }

    @Test
    void partialPatchesMayOverhangTheBorderAndAreClippedNeverWrapped() {
        Noise partial = Noise.occlusion(14, Noise.Occlusion.Placement.PARTIAL);
        // by hand: seed 9 draws corner (5, -13), seed 10 (-5, 25), seed 3 (11, 6) inside
        assertThat(zeroMask(run(partial, ones(784), 9L))).isEqualTo(rectMask(5, 0, 19, 1));
        assertThat(zeroMask(run(partial, ones(784), 10L))).isEqualTo(rectMask(0, 25, 9, 28));
        assertThat(zeroMask(run(partial, ones(784), 3L))).isEqualTo(rectMask(11, 6, 25, 20));
        int clipped = 0;
        Set<Integer> widths = new HashSet<>();
        for (long seed = 0; seed < 1000; seed++) {
            float[] out = run(partial, ones(784), seed);
            int[] box = boundingBox(out);
            int w = box[2] - box[0];
            int h = box[3] - box[1];
            assertThat(w).as("seed %d", seed).isBetween(1, 14);
            assertThat(h).as("seed %d", seed).isBetween(1, 14);
            // one solid rectangle: a wrapped patch would leave ones inside its bounding box
            assertThat(zeroMask(out)).as("seed %d", seed)
                    .isEqualTo(rectMask(box[0], box[1], box[2], box[3]));
            // a cut side lies on the border it was cut by
            if (w < 14) {
                assertThat(box[0] == 0 || box[2] == 28).as("seed %d", seed).isTrue();
            }
            if (h < 14) {
                assertThat(box[1] == 0 || box[3] == 28).as("seed %d", seed).isTrue();
            }
            clipped += w < 14 || h < 14 ? 1 : 0;
            widths.add(w);
        }
        // a corner in [-13, 27]^2 lies inside [0, 14]^2 with chance (15/41)^2 = 13%
        assertThat(clipped).isBetween(820, 910);
        assertThat(widths).contains(1, 14);
        // a patch larger than the image still covers at least one pixel, never more
        float[] tiny = new float[6];
        Noise.occlusion(5, Noise.Occlusion.Placement.PARTIAL).apply(ones(6), 0, tiny, 0, 2, 3,
                1L, false);
        assertThat(tiny).contains(0f);
    }

    @Test
    void occlusionIsClippedToTheImage() {
        float[] out = new float[784];
        new Noise.Occlusion(10, 25, 26).apply(ones(784), 0, out, 0, 28, 28, 0L, false);

        int zeros = 0;
        for (float v : out) {
            zeros += v == 0f ? 1 : 0;
        }
        assertThat(zeros).isEqualTo(3 * 2);
        assertThat(out[27 * 28 + 27]).isZero();
        assertThat(out[25 * 28 + 27]).isEqualTo(1f);

        float[] big = new float[6];
        Noise.occlusion(5).apply(ones(6), 0, big, 0, 2, 3, 9L, false);
        assertThat(big).containsOnly(0f);
    }

    @Test
    void sameSeedSameNoiseDifferentSeedDifferentNoise() {
        for (Noise noise : List.of(new Noise.Gaussian(0.3), new Noise.Uniform())) {
            float[] src = ramp(784);
            assertThat(run(noise, src, 5L)).containsExactly(run(noise, src, 5L));
            assertThat(run(noise, src, 5L)).isNotEqualTo(run(noise, src, 6L));
        }
        Noise occ = Noise.occlusion(7);
        assertThat(run(occ, ones(784), 5L)).containsExactly(run(occ, ones(784), 5L));
    }

    @Test
    void noneCopies() {
        float[] src = ramp(12);
        float[] out = new float[14];
        new Noise.None().apply(src, 0, out, 2, 3, 4, 1L, true);

        assertThat(Arrays.copyOfRange(out, 2, 14)).containsExactly(src);
        assertThat(out[0]).isZero();
    }

    @Test
    void clipClampsAdditiveNoiseOnly() {
        float[] half = new float[N];
        Arrays.fill(half, 0.5f);

        float[] clipped = new float[N];
        new Noise.Gaussian(2).apply(half, 0, clipped, 0, 1, N, 3L, true);
        float[] raw = new float[N];
        new Noise.Gaussian(2).apply(half, 0, raw, 0, 1, N, 3L, false);

        assertThat(clipped).contains(0f, 1f);
        for (int k = 0; k < N; k++) {
            assertThat(clipped[k]).isBetween(0f, 1f);
            assertThat(clipped[k]).isEqualTo(Math.max(0f, Math.min(1f, raw[k])));
        }
        assertThat(min(raw)).isLessThan(-1f);
        assertThat(max(raw)).isGreaterThan(2f);

        float[] uniformOnOnes = new float[100];
        new Noise.Uniform().apply(ones(100), 0, uniformOnOnes, 0, 10, 10, 3L, true);
        assertThat(uniformOnOnes).containsOnly(1f);

        // occlusion only blanks a patch: values outside it are copied untouched
        float[] bright = new float[4];
        Arrays.fill(bright, 1.5f);
        float[] occluded = new float[4];
        new Noise.Occlusion(1, 0, 0).apply(bright, 0, occluded, 0, 2, 2, 3L, true);
        assertThat(occluded).containsExactly(0f, 1.5f, 1.5f, 1.5f);
    }

    @Test
    void specRoundTrips() {
        List<Noise> all = List.of(new Noise.None(), new Noise.Gaussian(0.5),
                new Noise.Gaussian(1e-5), new Noise.Gaussian(0), new Noise.Uniform(),
                Noise.occlusion(14), new Noise.Occlusion(8, 3, 20),
                Noise.occlusion(14, Noise.Occlusion.Placement.QUADRANT),
                Noise.occlusion(7, Noise.Occlusion.Placement.PARTIAL),
                Noise.occlusion(14, Noise.Occlusion.Placement.ANYWHERE));
        for (Noise noise : all) {
            assertThat(Noise.parse(noise.spec())).isEqualTo(noise);
        }
        assertThat(Noise.occlusion(14, Noise.Occlusion.Placement.QUADRANT).spec())
                .isEqualTo("occlusion:14:quadrant");
        assertThat(Noise.occlusion(7, Noise.Occlusion.Placement.PARTIAL).spec())
                .isEqualTo("occlusion:7:partial");
        // today's spec keeps its meaning, and "anywhere" is its long form
        assertThat(Noise.occlusion(14, Noise.Occlusion.Placement.ANYWHERE).spec())
                .isEqualTo("occlusion:14");
        assertThat(Noise.parse("occlusion:14:anywhere")).isEqualTo(Noise.occlusion(14));
        assertThat(Noise.parse("Occlusion:14:Quadrant")).isEqualTo(
                new Noise.Occlusion(14, -1, -1, Noise.Occlusion.Placement.QUADRANT));
        assertThat(new Noise.Gaussian(0.5).spec()).isEqualTo("gaussian:0.5");
        assertThat(Noise.occlusion(14).spec()).isEqualTo("occlusion:14");
        assertThat(new Noise.Occlusion(8, 3, 20).spec()).isEqualTo("occlusion:8@3,20");
    }

    @Test
    void describeSaysWhereThePatchGoes() {
        assertThat(Noise.occlusion(14).describe()).isEqualTo("occlusion 14x14 (anywhere inside)");
        assertThat(Noise.occlusion(14, Noise.Occlusion.Placement.QUADRANT).describe())
                .isEqualTo("occlusion 14x14 (one quadrant)");
        assertThat(Noise.occlusion(10, Noise.Occlusion.Placement.PARTIAL).describe())
                .isEqualTo("occlusion 10x10 (partly outside)");
        assertThat(new Noise.Occlusion(14, 3, 5).describe()).isEqualTo("occlusion 14x14 at 3,5");
        assertThat(new Noise.Gaussian(0.5).describe()).isEqualTo("gaussian:0.5");
    }

    @Test
    void parseIsCaseInsensitive() {
        assertThat(Noise.parse("NONE")).isEqualTo(new Noise.None());
        assertThat(Noise.parse(" Gaussian:0.25 ")).isEqualTo(new Noise.Gaussian(0.25));
        assertThat(Noise.parse("Uniform")).isEqualTo(new Noise.Uniform());
        assertThat(Noise.parse("OCCLUSION:8@1,2")).isEqualTo(new Noise.Occlusion(8, 1, 2));
        assertThat(Noise.parse("occlusion:8")).isEqualTo(new Noise.Occlusion(8, -1, -1));
    }

    @Test
    void badSpecsListTheAcceptedForms() {
        for (String bad : List.of("", "blur", "gaussian", "gaussian:", "gaussian:abc",
                "gaussian:-1", "gaussian:NaN", "occlusion:0", "occlusion:x", "occlusion:5@1",
                "occlusion:5@1,2,3", "occlusion:5@-3,2", "uniform:2", "occlusion:14:corner",
                "occlusion:14:", "occlusion::quadrant", "occlusion:14:quadrant@0,0",
                "occlusion:14:quadrant:partial")) {
            assertThatThrownBy(() -> Noise.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageEndingWith("accepted forms: none, gaussian:SIGMA, uniform, "
                            + "occlusion:SIZE (anywhere inside), occlusion:SIZE:quadrant, "
                            + "occlusion:SIZE:partial (partly outside), occlusion:SIZE@X,Y");
        }
        assertThatThrownBy(() -> Noise.parse("occlusion:14:corner"))
                .hasMessageStartingWith("bad noise spec 'occlusion:14:corner' (placement must "
                        + "be anywhere, quadrant or partial, got 'corner'); accepted forms: ");
        assertThatThrownBy(() -> Noise.parse("occlusion:14:quadrant@0,0"))
                .hasMessageStartingWith("bad noise spec 'occlusion:14:quadrant@0,0' (a fixed "
                        + "position @X,Y takes no placement)");
        assertThatThrownBy(() -> Noise.parse("occlusion:29:quadrant"))
                .hasMessageContaining("occlusion size must be from 1 to 28, got 29");
    }

    @Test
    void outOfRangeParametersAreRefusedNamingTheRange() {
        assertThatThrownBy(() -> Noise.parse("gaussian:1e38"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad noise spec 'gaussian:1e38' (gaussian sigma must be "
                        + "a number from 0 to 10, got 1.0E38)");
        assertThatThrownBy(() -> Noise.parse("gaussian:1e400"))
                .hasMessageContaining("from 0 to 10");
        for (String bad : List.of("occlusion:29", "occlusion:1000", "occlusion:29@0,0")) {
            assertThatThrownBy(() -> Noise.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("occlusion size must be from 1 to 28");
        }
        assertThatThrownBy(() -> Noise.parse("occlusion:14@100,100"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad noise spec 'occlusion:14@100,100' (a 14x14 patch "
                        + "must lie inside the 28x28 image: X and Y must be from 0 to 14, "
                        + "got 100,100)");
        assertThatThrownBy(() -> Noise.parse("occlusion:10@25,26"))
                .hasMessageContaining("X and Y must be from 0 to 18, got 25,26");
        assertThatThrownBy(() -> Noise.parse("occlusion:5@-3,2"))
                .hasMessageContaining("X and Y must be from 0 to 23");
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        assertThat(Noise.parse("gaussian:10")).isEqualTo(new Noise.Gaussian(10));
        assertThat(Noise.parse("gaussian:0")).isEqualTo(new Noise.Gaussian(0));
        assertThat(Noise.parse("occlusion:28")).isEqualTo(Noise.occlusion(28));
        assertThat(Noise.parse("occlusion:1")).isEqualTo(Noise.occlusion(1));
        assertThat(Noise.parse("occlusion:28@0,0")).isEqualTo(new Noise.Occlusion(28, 0, 0));
        assertThat(Noise.parse("occlusion:14@14,0")).isEqualTo(new Noise.Occlusion(14, 14, 0));
        assertThat(Noise.parse("occlusion:1@27,27")).isEqualTo(new Noise.Occlusion(1, 27, 27));
    }

    @Test
    void constructorsValidate() {
        assertThatThrownBy(() -> new Noise.Gaussian(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gaussian sigma must be a number from 0 to 10, got -0.1");
        assertThatThrownBy(() -> new Noise.Gaussian(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Noise.Gaussian(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Noise.Occlusion(0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("occlusion size must be from 1 to 28, got 0");
        assertThatThrownBy(() -> new Noise.Occlusion(29, -1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("occlusion size must be from 1 to 28, got 29");
        assertThatThrownBy(() -> new Noise.Gaussian(10.001))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Noise.Occlusion(5, 28, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 0 to 27");
        assertThatThrownBy(() -> new Noise.Occlusion(5, -1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("occlusion position must be from 0 to 27 (or -1,-1 for random), "
                        + "got -1,3");
        assertThatThrownBy(() -> new Noise.Occlusion(5, 2, -2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Noise.Occlusion(14, 3, 5, Noise.Occlusion.Placement.QUADRANT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a fixed occlusion position has no placement, got quadrant at 3,5");
    }

    @Test
    void applyChecksArrayBounds() {
        assertThatThrownBy(() -> new Noise.None().apply(new float[10], 0, new float[12], 4,
                3, 3, 0L, false))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void applyBatchEqualsPerImageApplyWithSeedFor() {
        float[] px = ramp(5 * 9);
        Dataset ds = new Dataset("toy", px, new byte[5], 3, 3).slice(1, 5);
        int[] indices = {2, 0, 3, 2};
        long seed = 1234L;

        for (Noise noise : List.of(new Noise.Gaussian(0.2), new Noise.Uniform(),
                Noise.occlusion(2), Noise.occlusion(2, Noise.Occlusion.Placement.QUADRANT),
                Noise.occlusion(2, Noise.Occlusion.Placement.PARTIAL), new Noise.None())) {
            float[] batch = new float[indices.length * 9];
            noise.applyBatch(ds, indices, batch, seed, true);

            for (int j = 0; j < indices.length; j++) {
                float[] single = new float[9];
                noise.apply(ds.copyImage(indices[j]), 0, single, 0, 3, 3,
                        Noise.seedFor(seed, indices[j]), true);
                assertThat(Arrays.copyOfRange(batch, j * 9, j * 9 + 9))
                        .as("%s image %d", noise, j).containsExactly(single);
            }
            // the same index gets the same noise wherever it sits in the batch
            assertThat(Arrays.copyOfRange(batch, 0, 9))
                    .containsExactly(Arrays.copyOfRange(batch, 27, 36));
        }
    }

    @Test
    void seedForIsDeterministicAndSpreadsIndices() {
        assertThat(Noise.seedFor(1L, 5)).isEqualTo(Noise.seedFor(1L, 5));
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seeds.add(Noise.seedFor(1L, i));
        }
        assertThat(seeds).hasSize(1000);
        assertThat(Noise.seedFor(1L, 0)).isNotEqualTo(Noise.seedFor(2L, 0));
    }

    private static float[] run(Noise noise, float[] src, long seed) {
        float[] out = new float[src.length];
        noise.apply(src, 0, out, 0, 28, src.length / 28, seed, false);
        return out;
    }

    /** Which of the 28x28 pixels are zero. */
    private static boolean[] zeroMask(float[] img) {
        boolean[] mask = new boolean[img.length];
        for (int k = 0; k < img.length; k++) {
            mask[k] = img[k] == 0f;
        }
        return mask;
    }

    /** The 28x28 mask of columns [left, right) and rows [top, bottom). */
    private static boolean[] rectMask(int left, int top, int right, int bottom) {
        boolean[] mask = new boolean[784];
        for (int r = top; r < bottom; r++) {
            for (int c = left; c < right; c++) {
                mask[r * 28 + c] = true;
            }
        }
        return mask;
    }

    /** {left, top, right, bottom} (exclusive) of the zero pixels of a 28x28 image. */
    private static int[] boundingBox(float[] img) {
        int[] box = {28, 28, 0, 0};
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                if (img[r * 28 + c] == 0f) {
                    box[0] = Math.min(box[0], c);
                    box[1] = Math.min(box[1], r);
                    box[2] = Math.max(box[2], c + 1);
                    box[3] = Math.max(box[3], r + 1);
                }
            }
        }
        return box;
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }

    private static float[] ramp(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i % 17) / 16f;
        }
        return a;
    }

    private static double[] toDoubles(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static float min(float[] a) {
        float m = Float.MAX_VALUE;
        for (float v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static float max(float[] a) {
        float m = -Float.MAX_VALUE;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
