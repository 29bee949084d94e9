package io.latentlab.ui.reconstruction;

import io.latentlab.ui.AppContext;

import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;

/** Placeholder until this view is built. */
public final class ReconstructView extends BorderPane {

    /**
     * @param ctx shared services
     */
    public ReconstructView(AppContext ctx) {
        setId("reconstruct-view");
        setCenter(new Label(ctx.text("placeholder.comingSoon")));
    }
}
