package io.latentlab.ui.training;

import io.latentlab.ui.common.Styles;
import io.latentlab.ui.trail.TrailCanvas;
import io.latentlab.ui.trail.TrailReplayPanel;
import io.latentlab.ui.trail.TrailReplayViewModel;

import java.util.ResourceBundle;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * The latent space learning live: after every epoch the followed test digits' codes on their PCA
 * plane, turned to match the epoch before, coloured by class. Once the run has ended, its trail
 * (kept in the run folder) is replayed with a slider.
 */
final class LatentTrailView extends VBox {

    static final double SIZE = 150;

    private final TrailReplayViewModel player;

    LatentTrailView(TrainViewModel vm, ResourceBundle s) {
        super(2);
        setId("train-latent");
        player = new TrailReplayViewModel(vm.context().jobs());
        player.follow(Bindings.createBooleanBinding(() -> vm.stateProperty().get().active(),
                vm.stateProperty()), vm.latentProperty(), vm.lastRunDirProperty());
        TrailCanvas plot = new TrailCanvas(player.frameProperty(), 2);
        plot.setId("train-latent-canvas");
        plot.setMinSize(SIZE, SIZE);
        plot.setPrefSize(SIZE, SIZE);
        plot.setMaxSize(SIZE, SIZE);
        Label title = new Label();
        title.textProperty().bind(Bindings.createStringBinding(() -> player.frameProperty().get()
                == null ? s.getString("latent.title")
                : String.format(s.getString("latent.epoch"), player.frameProperty().get().epoch()),
                player.frameProperty()));
        Tooltip tip = new Tooltip(s.getString("latent.tip"));
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        title.setTooltip(tip);
        Tooltip.install(plot, tip);
        TrailReplayPanel replay = new TrailReplayPanel(player, "train-trail");
        replay.setMaxWidth(SIZE);
        replay.getStyleClass().add(Styles.SMALL);
        getChildren().addAll(title, plot, replay);
    }

    /** @return the replay of the last run (tests) */
    TrailReplayViewModel player() {
        return player;
    }
}
