package io.latentlab.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.text.TextAlignment;

/**
 * A chart (or any node) that gives way to a centred sentence saying what to do while it has
 * nothing to show, instead of empty axes with made-up ranges. The content stays in the layout
 * while hidden, so the pane keeps its size when the data arrives.
 */
public final class EmptyState {

    /** Style class of the placeholder label (for the app's stylesheet). */
    public static final String STYLE_CLASS = "empty-state";

    private EmptyState() {
    }

    /**
     * @param content the chart; its id, if any, names the placeholder {@code <id>-empty}
     * @param text what to do to get data
     * @param hasData true once there is something to show
     * @return the pane holding both; give it the content's growth in its parent
     */
    public static StackPane wrap(Node content, String text, ObservableBooleanValue hasData) {
        return wrap(content, Bindings.createStringBinding(() -> text), hasData);
    }

    /**
     * @param content the chart; its id, if any, names the placeholder {@code <id>-empty}
     * @param text what to do to get data, which may depend on the state
     * @param hasData true once there is something to show
     * @return the pane holding both; give it the content's growth in its parent
     */
    public static StackPane wrap(Node content, ObservableValue<String> text,
            ObservableBooleanValue hasData) {
        Label placeholder = new Label();
        placeholder.textProperty().bind(text);
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(420);
        placeholder.setTextAlignment(TextAlignment.CENTER);
        placeholder.getStyleClass().add(STYLE_CLASS);
        if (content.getId() != null) {
            placeholder.setId(content.getId() + "-empty");
        }
        content.visibleProperty().bind(hasData);
        placeholder.visibleProperty().bind(Bindings.not(hasData));
        StackPane pane = new StackPane(content, placeholder);
        pane.setMinSize(0, 0);
        return pane;
    }
}
