package io.latentlab.ui.training;

import io.latentlab.ui.AppContext;

import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;

/** Placeholder until this view is built. */
public final class TrainView extends BorderPane {

    /**
     * @param ctx shared services
     */
    public TrainView(AppContext ctx) {
        setId("train-view");
        setCenter(new Label(ctx.text("placeholder.comingSoon")));
    }
}
