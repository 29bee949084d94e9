package io.latentlab.ui.latent;

import io.latentlab.data.Dataset;
import io.latentlab.ui.common.DigitImages;
import io.latentlab.ui.common.Styles;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The card that follows the mouse over the map: the hovered test digit and its label. */
final class HoverCard extends VBox {

    private static final double OFFSET = 14;

    private final ImageView image = new ImageView();
    private final Label label = new Label();

    HoverCard() {
        super(4);
        image.setFitWidth(84);
        image.setFitHeight(84);
        image.setSmooth(false);
        label.setId("latent-hover-label");
        getChildren().addAll(image, label);
        setId("latent-hover");
        setAlignment(Pos.CENTER);
        setPadding(new Insets(6));
        getStyleClass().add(Styles.CARD);
        // placed by hand over the plot, never in the way of the mouse
        setManaged(false);
        setMouseTransparent(true);
        setVisible(false);
    }

    /**
     * Shows digit {@code i} next to the cursor, inside {@code area}.
     *
     * @param images the test set
     * @param i the digit
     * @param caption its label text
     * @param sx cursor x in the area
     * @param sy cursor y in the area
     * @param area the plot the card lies on
     */
    void show(Dataset images, int i, String caption, double sx, double sy, Region area) {
        image.setImage(DigitImages.gray(images.backingArray(), images.offset(i)));
        label.setText(caption);
        autosize();
        double x = sx + OFFSET;
        double y = sy + OFFSET;
        // flip to the other side of the cursor near the right or bottom edge
        if (x + getWidth() > area.getWidth()) {
            x = sx - OFFSET - getWidth();
        }
        if (y + getHeight() > area.getHeight()) {
            y = sy - OFFSET - getHeight();
        }
        relocate(Math.max(0, x), Math.max(0, y));
        setVisible(true);
    }

    void hide() {
        setVisible(false);
    }
}
