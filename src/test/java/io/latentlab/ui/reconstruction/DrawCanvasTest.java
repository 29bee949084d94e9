package io.latentlab.ui.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.ui.AppContext;

import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The drawing surface follows its container's size and redraws the same strokes. */
@ExtendWith(ApplicationExtension.class)
class DrawCanvasTest {

    private DrawCanvas view;
    private Drawing drawing;

    @Start
    void start(Stage stage) {
        ReconstructViewModel vm = new ReconstructViewModel(
                AppContext.sameThread(Preferences.userRoot().node("latent-lab-tests")));
        drawing = vm.input().drawing();
        view = new DrawCanvas(vm);
    }

    /** Lays the panel out at a size; returns {side, centre is ink, left quarter is ink}. */
    private double[] layOutAt(double w, double h) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            view.resize(w, h);
            view.layout();
            Canvas c = view.canvas();
            double side = c.getWidth();
            PixelReader px = c.snapshot(null, null).getPixelReader();
            int mid = (int) (side / 2);
            return new double[] {side, c.getHeight(), px.getColor(mid, mid).getBrightness(),
                    px.getColor((int) (side / 4), mid).getBrightness()};
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void resizingKeepsTheStrokesAndTheInput() throws Exception {
        float[][] input = new float[1][];
        WaitForAsyncUtils.asyncFx(() -> {
            drawing.drawStroke(new double[] {0.5, 0.2}, new double[] {0.5, 0.8});
            input[0] = drawing.input();
        }).get(10, TimeUnit.SECONDS);

        double[] small = layOutAt(300, 500); // 10 px padding each side: a 280 square
        assertThat(small[0]).isEqualTo(280);
        assertThat(small[1]).isEqualTo(280);
        assertThat(small[2]).as("stroke at the centre").isEqualTo(1.0);
        assertThat(small[3]).as("no ink a quarter in").isZero();

        double[] large = layOutAt(460, 900);
        assertThat(large[0]).isEqualTo(440);
        assertThat(large[2]).isEqualTo(1.0);
        assertThat(large[3]).isZero();

        assertThat(layOutAt(2000, 2000)[0]).isEqualTo(DrawCanvas.MAX_SIDE);
        assertThat(layOutAt(50, 50)[0]).isEqualTo(DrawCanvas.MIN_SIDE);
        assertThat(drawing.strokes()).hasSize(1);
        assertThat(drawing.input()).containsExactly(input[0]);
    }
}
