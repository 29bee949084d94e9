package io.latentlab.ui.reconstruction;

import io.latentlab.ui.reconstruction.NoiseSettings.Patch;

import javafx.scene.Cursor;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.StrokeType;

/**
 * The noisy image with the occlusion patch outlined on it. Pressing on the patch and dragging
 * moves it (pressing elsewhere centres it there first); with the image focused, the arrow keys
 * move it a pixel (Shift: four). The outline follows the image's displayed size.
 */
final class PatchOverlay extends Pane {

    /** Style class of the outline; the stylesheet may restyle its stroke. */
    static final String OUTLINE_CLASS = "occlusion-outline";

    private final ImageView image;
    private final NoiseSettings noise;
    private final Rectangle outline = new Rectangle();

    PatchOverlay(ImageView image, NoiseSettings noise) {
        this.image = image;
        this.noise = noise;
        getStyleClass().add("patch-overlay");
        outline.getStyleClass().add(OUTLINE_CLASS);
        outline.setId("occlusion-outline");
        // colour and width come from the stylesheet (occlusion-outline)
        outline.setFill(Color.TRANSPARENT);
        outline.setStrokeType(StrokeType.INSIDE);
        outline.setMouseTransparent(true);
        getChildren().addAll(image, outline);

        noise.patchProperty().addListener(obs -> update());
        image.layoutBoundsProperty().addListener(obs -> update());
        update();

        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (noise.patchProperty().get() != null) {
                requestFocus();
                noise.grabPatch(col(e), row(e));
                e.consume();
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            noise.dragPatch(col(e), row(e));
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    /** @return whether the arrow keys are this node's (they move the patch) */
    boolean takesArrows() {
        return noise.patchProperty().get() != null;
    }

    /** @return the outline (tests) */
    Rectangle outline() {
        return outline;
    }

    /** Displayed pixels per image pixel. */
    private double scale() {
        return image.getLayoutBounds().getWidth() / ReconstructViewModel.SIDE;
    }

    /** The image column under the pointer, in image pixels (fractions kept). */
    private double col(MouseEvent e) {
        return (e.getX() - image.getLayoutX()) / scale();
    }

    private double row(MouseEvent e) {
        return (e.getY() - image.getLayoutY()) / scale();
    }

    private void update() {
        Patch p = noise.patchProperty().get();
        boolean on = p != null;
        setFocusTraversable(on);
        setCursor(on ? Cursor.MOVE : Cursor.DEFAULT);
        outline.setVisible(on);
        if (!on) {
            return;
        }
        // clipped to the image: a random placement may hang over its edge
        int side = ReconstructViewModel.SIDE;
        int x0 = Math.max(0, p.x());
        int y0 = Math.max(0, p.y());
        int x1 = Math.min(side, p.x() + p.size());
        int y1 = Math.min(side, p.y() + p.size());
        double k = scale();
        outline.setX(image.getLayoutX() + x0 * k);
        outline.setY(image.getLayoutY() + y0 * k);
        outline.setWidth(Math.max(0, x1 - x0) * k);
        outline.setHeight(Math.max(0, y1 - y0) * k);
    }

    private void onKey(KeyEvent e) {
        if (!takesArrows() || !e.getCode().isArrowKey()) {
            return;
        }
        int step = e.isShiftDown() ? 4 : 1;
        switch (e.getCode()) {
            case LEFT, KP_LEFT -> noise.movePatch(-step, 0);
            case RIGHT, KP_RIGHT -> noise.movePatch(step, 0);
            case UP, KP_UP -> noise.movePatch(0, -step);
            default -> noise.movePatch(0, step);
        }
        e.consume();
    }
}
