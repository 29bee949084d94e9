package io.latentlab.ui.reconstruction;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small control factories the Reconstruct panels share. */
final class Icons {

    private Icons() {
    }

    static FontIcon icon(Ikon ikon) {
        FontIcon i = new FontIcon(ikon);
        i.setIconSize(18);
        return i;
    }

    static Button iconButton(Ikon ikon, String tooltip) {
        Button b = new Button(null, icon(ikon));
        b.setTooltip(new Tooltip(tooltip));
        return b;
    }

    /** A label and a control on one line. */
    static HBox labelled(String text, Node... controls) {
        HBox box = new HBox(6, new Label(text));
        box.getChildren().addAll(controls);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
