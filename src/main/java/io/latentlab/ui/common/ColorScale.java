package io.latentlab.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;

/**
 * The legend of a heat map, put under it: a bar running through its colours from the lowest
 * value (left) to the highest (right), both written at its ends, and what the values are above
 * it. Horizontal, so it costs the map's neighbours no width. Style classes: {@code color-scale},
 * {@code color-scale-title}, {@code color-scale-label}.
 */
public final class ColorScale extends VBox {

    /** Colour stops sampled along the bar: enough for a smooth non-linear map. */
    private static final int STOPS = 16;

    private final Label title = new Label();
    private final Label max = new Label();
    private final Label min = new Label();
    private final HBox row;

    /**
     * @param id node id; the labels are {@code <id>-min}, {@code <id>-max}, {@code <id>-title}
     * @param colour the map's colour of a position 0 (lowest) .. 1 (highest)
     * @param width the bar's width
     * @param height the bar's height
     */
    public ColorScale(String id, DoubleFunction<Color> colour, double width, double height) {
        super(2);
        setId(id);
        getStyleClass().add("color-scale");
        title.setId(id + "-title");
        max.setId(id + "-max");
        min.setId(id + "-min");
        title.getStyleClass().add("color-scale-title");
        max.getStyleClass().add("color-scale-label");
        min.getStyleClass().add("color-scale-label");
        // the values are what the scale is for: never cut
        max.setMinWidth(Region.USE_PREF_SIZE);
        min.setMinWidth(Region.USE_PREF_SIZE);
        title.setWrapText(true);
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i <= STOPS; i++) {
            double t = i / (double) STOPS;
            stops.add(new Stop(t, colour.apply(t)));
        }
        Rectangle bar = new Rectangle(width, height);
        bar.setFill(new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops));
        // its border comes from the stylesheet (color-scale-bar)
        bar.getStyleClass().add("color-scale-bar");
        row = new HBox(4, min, bar, max);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, row);
    }

    /**
     * @param caption what the values are (may be empty)
     * @param lowest the text at the left end
     * @param highest the text at the right end
     */
    public void show(String caption, String lowest, String highest) {
        title.setText(caption);
        title.setVisible(!caption.isEmpty());
        title.setManaged(!caption.isEmpty());
        min.setText(lowest);
        max.setText(highest);
    }

    /** @param key a further key after the bar, such as the colour of missing values */
    public void addKey(Node key) {
        row.getChildren().add(key);
    }
}
