package io.latentlab.ui.shell;

import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;

import java.util.ResourceBundle;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/** The toolbar with the active-model selector, Open, and a hint while there is no model. */
final class ModelSelector extends ToolBar {

    private final ComboBox<ActiveModel> box = new ComboBox<>();

    /**
     * @param ctx the active model
     * @param vm the model list, in order
     * @param s shell strings
     * @param open asks for a checkpoint folder to open
     */
    ModelSelector(AppContext ctx, MainViewModel vm, ResourceBundle s, Runnable open) {
        Label label = new Label(s.getString("model.label"));
        box.setId("model-selector");
        box.setItems(vm.models());
        box.setPrefWidth(360);
        box.setTooltip(new Tooltip(s.getString("model.tip")));
        box.valueProperty().bindBidirectional(ctx.activeModelProperty());
        label.setLabelFor(box);
        Button openButton = new Button(null, new FontIcon(MaterialDesignF.FOLDER_OPEN));
        openButton.setId("model-open");
        openButton.setTooltip(new Tooltip(s.getString("model.openTip")));
        openButton.setOnAction(e -> open.run());
        Label hint = new Label();
        hint.setId("model-hint");
        // while discovery runs, an empty list says nothing about the user's models yet
        hint.textProperty().bind(Bindings.when(vm.discoveringProperty())
                .then(s.getString("model.searching")).otherwise(s.getString("model.none")));
        hint.visibleProperty().bind(Bindings.isEmpty(vm.models()));
        hint.managedProperty().bind(hint.visibleProperty());
        getItems().addAll(label, box, openButton, hint);
    }

    /** @return the selector */
    ComboBox<ActiveModel> box() {
        return box;
    }
}
