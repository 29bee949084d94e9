package io.latentlab.ui.study;

import io.latentlab.ui.AppContext;

import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;

/** Placeholder until this view is built. */
public final class StudyView extends BorderPane {

    /**
     * @param ctx shared services
     */
    public StudyView(AppContext ctx) {
        setId("study-view");
        setCenter(new Label(ctx.text("placeholder.comingSoon")));
    }
}
