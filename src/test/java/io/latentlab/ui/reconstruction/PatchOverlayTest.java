package io.latentlab.ui.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.ui.common.DigitImages;
import io.latentlab.ui.reconstruction.ReconstructViewModel.NoiseKind;
import io.latentlab.ui.reconstruction.ReconstructViewModel.PatchPlacement;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.event.Event;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The outline sits on the patch at the image's displayed scale; the arrows move it. */
@ExtendWith(ApplicationExtension.class)
class PatchOverlayTest {

    private NoiseSettings noise;
    private ImageView image;
    private PatchOverlay overlay;

    @Start
    void start(Stage stage) {
        Batch batch = new Batch(() -> { });
        noise = new NoiseSettings(batch);
        batch.open();
        image = new ImageView(DigitImages.gray(new float[28 * 28]));
        image.setPreserveRatio(true);
        image.setFitWidth(168);
        image.setFitHeight(168);
        overlay = new PatchOverlay(image, noise);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private double[] outline() throws Exception {
        return fx(() -> {
            Rectangle r = overlay.outline();
            return new double[] {r.getX(), r.getY(), r.getWidth(), r.getHeight(),
                r.isVisible() ? 1 : 0};
        });
    }

    @Test
    void theOutlineCoversThePatchAtTheImageScale() throws Exception {
        assertThat(outline()[4]).as("no occlusion, no outline").isZero();
        fx(() -> {
            noise.kindProperty().set(NoiseKind.OCCLUSION);
            noise.occlusionSizeProperty().set(6);
            noise.occlusionXProperty().set(3);
            noise.occlusionYProperty().set(20);
            return null;
        });
        // 168 px for 28 pixels: 6 px each
        assertThat(outline()).containsExactly(18, 120, 36, 36, 1);

        fx(() -> {
            image.setFitWidth(280);
            image.setFitHeight(280);
            return null;
        });
        assertThat(outline()).containsExactly(30, 200, 60, 60, 1);

        // a patch hanging over the edge is outlined where it covers the image
        fx(() -> {
            noise.placementProperty().set(PatchPlacement.PARTIAL);
            for (int seed = 0; ; seed++) {
                noise.seedProperty().set(seed);
                NoiseSettings.Patch p = noise.patchProperty().get();
                if (p.x() < 0 && p.y() >= 0 && p.y() <= 22) {
                    return null;
                }
            }
        });
        NoiseSettings.Patch p = noise.patchProperty().get();
        assertThat(outline()).containsExactly(0, p.y() * 10, (6 + p.x()) * 10, 60, 1);
    }

    @Test
    void arrowKeysMoveThePatch() throws Exception {
        fx(() -> {
            noise.kindProperty().set(NoiseKind.OCCLUSION);
            noise.occlusionSizeProperty().set(6);
            noise.placeOcclusion(6, 6);
            Event.fireEvent(overlay, key(KeyCode.RIGHT, false));
            Event.fireEvent(overlay, key(KeyCode.DOWN, true));
            return null;
        });
        assertThat(noise.patchProperty().get()).isEqualTo(new NoiseSettings.Patch(4, 7, 6));
        assertThat(fx(overlay::isFocusTraversable)).isTrue();
    }

    private static KeyEvent key(KeyCode code, boolean shift) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, false, false, false);
    }
}
