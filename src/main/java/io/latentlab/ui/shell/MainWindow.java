package io.latentlab.ui.shell;

import io.latentlab.ui.AppContext;
import io.latentlab.ui.latent.LatentView;
import io.latentlab.ui.reconstruction.ReconstructView;
import io.latentlab.ui.study.StudyView;
import io.latentlab.ui.training.TrainView;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

import org.controlsfx.control.StatusBar;

/** The main window's content: the four views in tabs and the status bar. */
public final class MainWindow extends BorderPane {

    private final TabPane tabs = new TabPane();

    /**
     * @param ctx shared services
     */
    public MainWindow(AppContext ctx) {
        setId("main-window");
        Tab train = tab(ctx.text("tab.train"), new TrainView(ctx));
        Tab reconstruct = tab(ctx.text("tab.reconstruct"), new ReconstructView(ctx));
        Tab latent = tab(ctx.text("tab.latent"), new LatentView(ctx));
        Tab study = tab(ctx.text("tab.study"), new StudyView(ctx));
        tabs.getTabs().addAll(train, reconstruct, latent, study);
        ctx.setShowReconstructAction(() -> tabs.getSelectionModel().select(reconstruct));
        setCenter(tabs);
        StatusBar status = new StatusBar();
        status.setId("status-bar");
        status.textProperty().bind(ctx.jobs().nameProperty());
        status.progressProperty().bind(ctx.jobs().progressProperty());
        setBottom(status);
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }

    /** @return the tabs */
    public TabPane tabs() {
        return tabs;
    }
}
