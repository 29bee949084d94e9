package io.latentlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.ui.shell.MainWindow;

import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The main window starts headless and shows the four views and an idle status bar. */
@ExtendWith(ApplicationExtension.class)
class AppSmokeTest {

    private AppContext ctx;

    @Start
    void start(Stage stage) {
        ctx = FxTestSupport.context(FxTestSupport.prefs("smoke"));
        stage.setScene(new Scene(new MainWindow(ctx), 1000, 700));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.close(ctx);
    }

    @Test
    void showsFourViews(FxRobot robot) {
        TabPane tabs = robot.lookup("#main-window").queryAs(MainWindow.class).tabs();
        assertThat(tabs.getTabs()).extracting(t -> t.getText())
                .containsExactly("Train", "Reconstruct", "Latent space", "Study");
        assertThat(robot.lookup("#status-text").queryAs(Labeled.class).getText())
                .isEqualTo("Ready");
        assertThat(robot.lookup("#status-progress").query().isVisible()).isFalse();
        assertThat(robot.lookup("#model-hint").queryLabeled().isVisible()).isTrue();
    }
}
