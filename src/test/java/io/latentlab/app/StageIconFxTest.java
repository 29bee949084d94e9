package io.latentlab.app;

import static io.latentlab.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.ui.AppContext;
import io.latentlab.ui.FxTestSupport;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.image.Image;
import javafx.stage.Stage;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window shows the app's icon at every size, and the installer finds its 256 px PNG. */
@ExtendWith(ApplicationExtension.class)
class StageIconFxTest {

    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    @Test
    void theStageHasTheIconAtEverySize() throws Exception {
        AppContext ctx = FxTestSupport.idleContext(FxTestSupport.prefs("stage-icon"));
        fx(() -> {
            LatentLabApp.titleAndIcon(stage, ctx);
            return null;
        });
        assertThat(stage.getTitle()).isEqualTo(ctx.text("app.title"));
        assertThat(stage.getIcons()).extracting(Image::getWidth, Image::getHeight)
                .containsExactly(Tuple.tuple(16.0, 16.0),
                        Tuple.tuple(32.0, 32.0),
                        Tuple.tuple(64.0, 64.0),
                        Tuple.tuple(128.0, 128.0),
                        Tuple.tuple(256.0, 256.0));
        assertThat(stage.getIcons()).noneMatch(Image::isError);
        // jpackage's --icon (the installer) takes this file by path
        assertThat(Path.of("src/main/resources/io/latentlab/app/icon-256.png"))
                .satisfies(p -> assertThat(Files.size(p)).isPositive());
    }
}
