package io.latentlab.ui.latent;

import io.latentlab.training.LatentTrailFiles;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.LiveTraining;
import io.latentlab.ui.trail.TrailReplayViewModel;

import java.nio.file.Path;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The Latent view's trail (FX thread): while the app trains a model, its live picture; else the
 * replay of the active model's run folder, when that run kept a trail. {@link #shownProperty()}
 * says whether the view shows the trail instead of the map; it turns on when a training starts
 * and off when there is no trail to show.
 */
public final class LatentTrailViewModel {

    private final TrailReplayViewModel player;
    private final BooleanBinding available;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");

    /** @param ctx the active model and the running training */
    public LatentTrailViewModel(AppContext ctx) {
        player = new TrailReplayViewModel(ctx.jobs());
        LiveTraining live = ctx.liveTraining();
        // the manifest, already loaded with the model, says whether the folder has a trail
        ObjectBinding<Path> trailDir = Bindings.createObjectBinding(() -> {
            ActiveModel m = ctx.activeModelProperty().get();
            return m == null || m.dir() == null || m.metadata() == null
                    || !LatentTrailFiles.hasTrail(m.metadata()) ? null : m.dir();
        }, ctx.activeModelProperty());
        available = live.runningProperty().or(trailDir.isNotNull());
        player.follow(live.runningProperty(), live.latentProperty(), trailDir);
        live.runningProperty().addListener((o, was, running) -> {
            if (running) {
                shown.set(true);
            }
        });
        available.addListener((o, was, can) -> {
            if (!can) {
                shown.set(false);
            }
        });
        shown.addListener((o, was, on) -> {
            if (on && !available.get()) {
                shown.set(false);
            }
        });
        shown.set(live.runningProperty().get());
    }

    /** @return the player */
    public TrailReplayViewModel player() {
        return player;
    }

    /** @return whether there is a trail to show: a training runs or the model kept one */
    public BooleanBinding availableProperty() {
        return available;
    }

    /** @return whether the view shows the trail instead of the map */
    public BooleanProperty shownProperty() {
        return shown;
    }
}
