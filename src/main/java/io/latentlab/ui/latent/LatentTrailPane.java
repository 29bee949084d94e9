package io.latentlab.ui.latent;

import io.latentlab.ui.AppContext;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.trail.TrailCanvas;
import io.latentlab.ui.trail.TrailReplayPanel;
import io.latentlab.ui.trail.TrailReplayViewModel;

import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Over the Latent view's map while its Trail toggle is on: the trail's picture (live, or the
 * replayed epoch) with a line saying which, and the replay's play button and slider below.
 * Points follow the legend's class toggles.
 */
final class LatentTrailPane extends BorderPane {

    private final LatentTrailViewModel model;
    private final ToggleButton toggle = new ToggleButton();
    private final TrailCanvas canvas;

    /**
     * @param ctx shared services
     * @param map the map's view model, whose legend filters the points
     */
    LatentTrailPane(AppContext ctx, LatentViewModel map) {
        model = new LatentTrailViewModel(ctx);
        TrailReplayViewModel player = model.player();
        setId("latent-trail-pane");
        getStyleClass().addAll(Styles.PLOT, "latent-trail-pane");
        canvas = new TrailCanvas(player.frameProperty(), 3);
        canvas.setId("latent-trail-canvas");
        canvas.setShown(map::isClassVisible);
        for (int c = 0; c < LatentViewModel.CLASSES; c++) {
            map.classVisibleProperty(c).addListener(o -> canvas.redraw());
        }
        Label banner = new Label();
        banner.setId("latent-trail-text");
        banner.getStyleClass().add(Styles.HEAD);
        banner.textProperty().bind(player.textProperty());
        banner.setTooltip(new Tooltip(player.text("trail.banner.tooltip")));
        banner.setWrapText(true);
        setTop(banner);
        setCenter(canvas);
        setBottom(new TrailReplayPanel(player, "latent-trail"));
        visibleProperty().bind(model.shownProperty());
        managedProperty().bind(visibleProperty());

        toggle.setText(player.text("trail.toggle"));
        toggle.setGraphic(new FontIcon("mdi2c-chart-timeline-variant"));
        toggle.setId("latent-trail");
        toggle.setTooltip(new Tooltip(player.text("trail.toggle.tooltip")));
        toggle.selectedProperty().bindBidirectional(model.shownProperty());
        toggle.disableProperty().bind(model.availableProperty().not());
    }

    /** @return the toolbar's Trail toggle */
    ToggleButton toggle() {
        return toggle;
    }

    /** @return the view model (tests) */
    LatentTrailViewModel model() {
        return model;
    }
}
