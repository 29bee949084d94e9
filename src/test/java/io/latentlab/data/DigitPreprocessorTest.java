package io.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DigitPreprocessorTest {

    private static final int S = DigitPreprocessor.SIDE;

    private static double[] centreOfMass(float[] img) {
        double m = 0;
        double x = 0;
        double y = 0;
        for (int r = 0; r < S; r++) {
            for (int c = 0; c < S; c++) {
                double v = img[r * S + c];
                m += v;
                x += v * (c + 0.5);
                y += v * (r + 0.5);
            }
        }
        return new double[] {x / m, y / m};
    }

    /** {minCol, maxCol, minRow, maxRow} of pixels above 0.5. */
    private static int[] inkBox(float[] img) {
        int[] b = {S, -1, S, -1};
        for (int r = 0; r < S; r++) {
            for (int c = 0; c < S; c++) {
                if (img[r * S + c] > 0.5f) {
                    b[0] = Math.min(b[0], c);
                    b[1] = Math.max(b[1], c);
                    b[2] = Math.min(b[2], r);
                    b[3] = Math.max(b[3], r);
                }
            }
        }
        return b;
    }

    @Test
    void barIsScaledToTwentyPixelsAndCentred() {
        // 4x2 bar in a 10x10 image: scale 5 -> 20x10, placed at columns 4..23, rows 9..18
        float[] img = new float[100];
        for (int r = 6; r < 8; r++) {
            for (int c = 1; c < 5; c++) {
                img[r * 10 + c] = 1f;
            }
        }
        float[] out = DigitPreprocessor.process(img, 10, 10);
        assertThat(inkBox(out)).containsExactly(4, 23, 9, 18);
        double[] com = centreOfMass(out);
        assertThat(com[0]).isCloseTo(14, within(0.5));
        assertThat(com[1]).isCloseTo(14, within(0.5));
        for (float v : out) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void dotInACornerMovesToTheCentre() {
        float[] img = new float[5 * 7];
        img[0] = 1f; // top-left corner
        float[] out = DigitPreprocessor.process(img, 5, 7);
        double[] com = centreOfMass(out);
        assertThat(com[0]).isCloseTo(14, within(0.5));
        assertThat(com[1]).isCloseTo(14, within(0.5));
        assertThat(out[0]).isZero();
        assertThat(out[14 * S + 14]).isEqualTo(1f);
    }

    @Test
    void downscalingAveragesAreas() {
        // a 40x40 square of 0.5 ink next to full ink: downscale by 2 keeps the mean
        float[] img = new float[40 * 40];
        for (int r = 0; r < 40; r++) {
            for (int c = 0; c < 40; c++) {
                img[r * 40 + c] = (c % 2 == 0) ? 1f : 0.2f;
            }
        }
        float[] out = DigitPreprocessor.process(img, 40, 40);
        assertThat(inkBox(out)).containsExactly(4, 23, 4, 23);
        assertThat(out[10 * S + 10]).isCloseTo(0.6f, within(1e-5f));
    }

    @Test
    void darkOnLightGivesTheSameAsLightOnDark() {
        int w = 12;
        int h = 9;
        int[] light = new int[w * h];
        int[] dark = new int[w * h];
        for (int i = 0; i < w * h; i++) {
            int r = i / w;
            int c = i % w;
            boolean ink = (c == 3 && r >= 2 && r <= 7) || (r == 2 && c >= 3 && c <= 8);
            light[i] = ink ? 0xffffffff : 0xff000000;
            dark[i] = ink ? 0xff000000 : 0xffffffff;
        }
        float[] a = DigitPreprocessor.fromArgb(light, w, h);
        float[] b = DigitPreprocessor.fromArgb(dark, w, h);
        assertThat(b).containsExactly(a);
        assertThat(inkBox(a)[1]).isGreaterThan(0);
    }

    @Test
    void blackInkOnTransparentBackgroundIsInk() {
        int[] argb = new int[6 * 6];
        argb[2 * 6 + 2] = 0xff000000; // opaque black dot, rest transparent
        float[] out = DigitPreprocessor.fromArgb(argb, 6, 6);
        assertThat(out[14 * S + 14]).isEqualTo(1f);
    }

    @Test
    void emptyStaysZero() {
        assertThat(DigitPreprocessor.process(new float[30 * 20], 30, 20)).containsOnly(0f);
        float[] faint = new float[9];
        java.util.Arrays.fill(faint, 0.05f);
        assertThat(DigitPreprocessor.process(faint, 3, 3)).containsOnly(0f);
        int[] white = new int[16];
        java.util.Arrays.fill(white, 0xffffffff);
        assertThat(DigitPreprocessor.fromArgb(white, 4, 4)).containsOnly(0f).hasSize(S * S);
    }

    @Test
    void aSevenTouchingTheBottomKeepsAllItsInk() {
        // a 7 at the bottom edge of a 30x30 image: a 20x4 bar over a 1x16 stem on its right,
        // ink box 20x20 so the scale is 1; 80 + 16 = 96 pixels of ink.
        // Centre of mass (11.583, 3.667) would put the box at rows 10..29: the stem's last two
        // pixels fall off a 28-row frame. Moved up to rows 8..27 (columns 2..21), all 96 stay.
        float[] img = new float[30 * 30];
        for (int r = 10; r < 14; r++) {
            for (int c = 5; c < 25; c++) {
                img[r * 30 + c] = 1f;
            }
        }
        for (int r = 14; r < 30; r++) {
            img[r * 30 + 24] = 1f;
        }
        float[] out = DigitPreprocessor.process(img, 30, 30);
        double mass = 0;
        for (float v : out) {
            mass += v;
        }
        assertThat(mass).isCloseTo(96, within(1e-4));
        assertThat(inkBox(out)).containsExactly(2, 21, 8, 27);
        assertThat(out[27 * S + 21]).isEqualTo(1f); // the foot, on the frame's last row
        assertThat(centreOfMass(out)[0]).isCloseTo(14, within(0.5));
    }

    @Test
    void aTallStrokeKeepsItsAspectAndIsCentred() {
        // 12x40 of ink: scaled by 0.5 to 6x20 (each output pixel the mean of four ones), centre
        // of mass (3, 10) moved to (14, 14): columns 11..16, rows 4..23
        float[] img = new float[50 * 50];
        for (int r = 5; r < 45; r++) {
            for (int c = 20; c < 32; c++) {
                img[r * 50 + c] = 1f;
            }
        }
        float[] out = DigitPreprocessor.process(img, 50, 50);
        assertThat(inkBox(out)).containsExactly(11, 16, 4, 23);
        double mass = 0;
        for (float v : out) {
            mass += v;
        }
        assertThat(mass).isCloseTo(120, within(1e-4));
        double[] com = centreOfMass(out);
        assertThat(com[0]).isCloseTo(14, within(1e-6));
        assertThat(com[1]).isCloseTo(14, within(1e-6));
    }

    @Test
    void rejectsMismatchedSizes() {
        assertThatThrownBy(() -> DigitPreprocessor.process(new float[10], 3, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x3");
        assertThatThrownBy(() -> DigitPreprocessor.fromArgb(new int[0], 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
