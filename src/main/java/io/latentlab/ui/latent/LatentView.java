package io.latentlab.ui.latent;

import io.latentlab.ui.AppContext;

import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;

/** Placeholder until this view is built. */
public final class LatentView extends BorderPane {

    /**
     * @param ctx shared services
     */
    public LatentView(AppContext ctx) {
        setId("latent-view");
        setCenter(new Label(ctx.text("placeholder.comingSoon")));
    }
}
