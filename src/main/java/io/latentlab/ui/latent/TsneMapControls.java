package io.latentlab.ui.latent;

import io.latentlab.ui.common.Styles;
import io.latentlab.ui.latent.TsneMapViewModel.MapKind;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Latent view's controls of the map choice: the PCA | t-SNE toggle for the toolbar, the
 * t-SNE map's summary (size, silhouette, kNN) and its progress, Cancel and Compute over the
 * plot.
 */
final class TsneMapControls {

    private final LatentViewModel vm;
    private final TsneMapViewModel map;
    private final BooleanBinding tsne;

    /** @param vm the Latent view's model */
    TsneMapControls(LatentViewModel vm) {
        this.vm = vm;
        this.map = vm.tsneMap();
        this.tsne = map.kindProperty().isEqualTo(MapKind.TSNE);
    }

    /** @return true while the t-SNE map is chosen */
    ObservableBooleanValue tsneChosen() {
        return tsne;
    }

    /** @return the two toggles, PCA and t-SNE, as one segmented control */
    Node choice() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton pca = toggle(group, "latent.map.pca", "latent-map-pca", MapKind.PCA);
        pca.getStyleClass().add(atlantafx.base.theme.Styles.LEFT_PILL);
        ToggleButton tsneButton = toggle(group, "latent.map.tsne", "latent-map-tsne",
                MapKind.TSNE);
        tsneButton.getStyleClass().add(atlantafx.base.theme.Styles.RIGHT_PILL);
        // a toggle group lets the selected button be pressed off; the map stays chosen
        group.selectedToggleProperty().addListener((obs, o, n) -> {
            if (n == null) {
                group.selectToggle(o);
            } else {
                map.kindProperty().set((MapKind) n.getUserData());
            }
        });
        map.kindProperty().addListener((obs, o, n) ->
                group.selectToggle(n == MapKind.PCA ? pca : tsneButton));
        HBox box = new HBox(pca, tsneButton);
        box.setId("latent-map-choice");
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private ToggleButton toggle(ToggleGroup group, String key, String id, MapKind kind) {
        ToggleButton b = new ToggleButton(vm.text(key));
        b.setId(id);
        b.setUserData(kind);
        b.setToggleGroup(group);
        b.setSelected(map.kindProperty().get() == kind);
        b.setTooltip(new Tooltip(vm.text(key + ".tooltip")));
        return b;
    }

    /** @return the t-SNE map's size, silhouette and kNN accuracy (shown in t-SNE mode) */
    Label summary() {
        Label l = new Label();
        l.setId("latent-tsne-summary");
        l.textProperty().bind(map.summaryProperty());
        l.setTooltip(new Tooltip(vm.text("latent.tsne.summary.tooltip")));
        showWhen(l, tsne);
        return l;
    }

    /** @return the hint, progress bar, Cancel and Compute of the t-SNE map, for the overlay */
    Node overlay() {
        Label hint = new Label();
        hint.setId("latent-tsne-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        hint.getStyleClass().add(Styles.HINT);
        hint.textProperty().bind(map.messageProperty());
        showWhen(hint, map.messageProperty().isNotEmpty());
        hint.setMouseTransparent(true);
        ProgressBar progress = new ProgressBar();
        progress.setId("latent-tsne-progress");
        progress.setPrefWidth(260);
        progress.progressProperty().bind(map.progressProperty());
        showWhen(progress, map.busyProperty());
        Button cancel = new Button(vm.text("latent.cancel"));
        cancel.setId("latent-tsne-cancel");
        cancel.setTooltip(new Tooltip(vm.text("latent.tsne.cancel.tooltip")));
        cancel.setOnAction(e -> map.cancel());
        showWhen(cancel, map.busyProperty());
        Button compute = new Button(vm.text("latent.compute"), new FontIcon("mdi2r-refresh"));
        compute.setId("latent-tsne-compute");
        compute.setTooltip(new Tooltip(vm.text("latent.tsne.compute.tooltip")));
        compute.setOnAction(e -> map.retry());
        showWhen(compute, map.retryableProperty());
        HBox buttons = new HBox(8, cancel, compute);
        buttons.setAlignment(Pos.CENTER);
        buttons.setPickOnBounds(false);
        VBox box = new VBox(10, hint, progress, buttons);
        box.setAlignment(Pos.CENTER);
        box.setPickOnBounds(false);
        box.setMouseTransparent(false);
        return box;
    }

    private static void showWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }
}
