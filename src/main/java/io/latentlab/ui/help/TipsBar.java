package io.latentlab.ui.help;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/**
 * The tips strip under the model selector: the tip, "Tip 1 of 5", Next, Don't show again and
 * a close button. It takes no room while hidden.
 */
public final class TipsBar extends HBox {

    /**
     * @param vm the tips
     */
    public TipsBar(TipsViewModel vm) {
        setId("tips-bar");
        getStyleClass().add("tips-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);

        FontIcon bulb = new FontIcon(MaterialDesignL.LIGHTBULB_ON_OUTLINE);
        bulb.getStyleClass().add("tips-icon");
        Label text = new Label();
        text.setId("tips-text");
        text.getStyleClass().add("tips-text");
        text.textProperty().bind(vm.text());
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Label counter = new Label();
        counter.setId("tips-counter");
        counter.getStyleClass().add("tips-counter");
        counter.textProperty().bind(vm.counter());

        Button next = new Button(HelpText.get("tips.next"));
        next.setId("tips-next");
        next.setOnAction(e -> vm.next());
        Button dismiss = new Button(HelpText.get("tips.dismiss"));
        dismiss.setId("tips-dismiss");
        dismiss.setOnAction(e -> vm.dismiss());
        Button close = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        close.setId("tips-close");
        close.getStyleClass().add("tips-close");
        close.setTooltip(new Tooltip(HelpText.get("tips.close")));
        close.setOnAction(e -> vm.close());

        getChildren().addAll(bulb, text, counter, next, dismiss, close);
        visibleProperty().bind(vm.showingProperty());
        managedProperty().bind(vm.showingProperty());
    }
}
