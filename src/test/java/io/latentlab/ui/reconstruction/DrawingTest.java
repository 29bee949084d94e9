package io.latentlab.ui.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Strokes in unit-square coordinates and the 28x28 input made from them (no FX toolkit). */
class DrawingTest {

    private final AtomicInteger inputs = new AtomicInteger();
    private final Drawing drawing = new Drawing(inputs::incrementAndGet);

    @Test
    void strokesAreKeptAsFractionsOfTheSide() {
        drawing.brushSizeProperty().set(28); // a tenth of the raster
        drawing.drawStroke(new double[] {0.5, 0.25}, new double[] {0.25, 0.75});
        assertThat(drawing.strokes()).hasSize(1);
        assertThat(drawing.strokes().get(0)).containsExactly(
                new double[] {0.1, 0.5, 0.25, 0.25, 0.75}, within(1e-12));
        assertThat(inputs.get()).isPositive();
    }

    @Test
    void aStrokeDownToTheBottomEdgeKeepsAllItsInk() {
        // a 7 drawn low, its foot on the canvas' bottom edge
        drawing.drawStroke(new double[] {0.2, 0.45}, new double[] {0.8, 0.45},
                new double[] {0.55, 1.0});
        float[] in = drawing.input();
        // nothing cut off: the ink reaches no edge of the 28x28 input, whose centre of mass
        // is within half a pixel of the centre (rows and columns 0..27, centres at i + 0.5)
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                float v = in[r * 28 + c];
                if (r == 0 || r == 27 || c == 0 || c == 27) {
                    assertThat(v).as("edge pixel %d,%d", r, c).isZero();
                }
                mass += v;
                mx += v * (c + 0.5);
                my += v * (r + 0.5);
            }
        }
        assertThat(mass).isGreaterThan(20);
        assertThat(mx / mass).isCloseTo(14, within(0.5));
        assertThat(my / mass).isCloseTo(14, within(0.5));
    }
}
