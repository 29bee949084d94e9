package io.latentlab.ui.latent;

import static io.latentlab.ui.FxTestSupport.fx;
import static io.latentlab.ui.FxTestSupport.onEngine;
import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.FxTestSupport;
import io.latentlab.ui.latent.LatentViewModel.Projection;
import io.latentlab.ui.latent.TsneMapViewModel.MapKind;

import java.util.concurrent.TimeUnit;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The PCA | t-SNE choice in the view headless: M key, toggles, disabled tools, hover. */
@ExtendWith(ApplicationExtension.class)
class TsneMapViewTest {

    private AppContext ctx;
    private LatentView view;

    @Start
    void start(Stage stage) throws Exception {
        ctx = FxTestSupport.context(FxTestSupport.prefs("tsne-map-view"));
        view = new LatentView(ctx);
        stage.setScene(new Scene(view, 900, 650));
        stage.show();
        MnistData small = FxTestSupport.smallData();
        ctx.dataProperty().set(new MnistData(small.train().slice(0, 500), small.test(),
                small.dir(), small.checksum()));
    }

    @BeforeEach
    void activateModel() throws Exception {
        FxTestSupport.activateUntrainedEd4(ctx);
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.close(ctx);
    }

    @Test
    void theMKeyShowsTheTsneMapWithHoverAndThePcaToolsOff(FxRobot robot) throws Exception {
        LatentViewModel vm = view.viewModel();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.projectionProperty().get() != null);
        Projection pca = vm.projectionProperty().get();
        fx(() -> {
            view.lookup("#latent-plot").requestFocus();
            return null;
        });

        robot.type(KeyCode.M);

        assertThat(vm.tsneMap().kindProperty().get()).isEqualTo(MapKind.TSNE);
        assertThat(robot.lookup("#latent-map-tsne").queryAs(ToggleButton.class).isSelected())
                .isTrue();
        assertThat(robot.lookup("#latent-walk").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#latent-line").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#latent-pc1").query().isVisible()).isFalse();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.projectionProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Projection tsne = vm.projectionProperty().get();
        assertThat(tsne.xy()).isNotEqualTo(pca.xy());
        assertThat(robot.lookup("#latent-tsne-hint").query().isVisible()).isFalse();
        Label summary = robot.lookup("#latent-tsne-summary").queryAs(Label.class);
        assertThat(summary.isVisible()).isTrue();
        assertThat(summary.getText()).startsWith("t-SNE of 500 digits \u00b7 silhouette ");
        assertThat(view.csvFileName()).isEqualTo("latent-tsne.csv");
        assertThat(robot.lookup("#latent-decoded").query().getParent().isVisible()).isFalse();
        assertThat(robot.lookup("#latent-usage").queryAs(Label.class).getText())
                .startsWith("t-SNE map: ");

        // hover shows the digit under the cursor on the t-SNE plane too
        int target = -1;
        for (int i = 0; i < tsne.n() && target < 0; i++) {
            int k = i;
            Point2D at = fx(() -> view.screenPositionOf(k));
            if (fx(() -> at.getX() > 20 && at.getY() > 20
                    && at.getX() < view.canvas().getWidth() - 20
                    && at.getY() < view.canvas().getHeight() - 20)) {
                target = i;
            }
        }
        int picked = target;
        Point2D local = fx(() -> view.screenPositionOf(picked));
        robot.moveTo(fx(() -> view.canvas().localToScreen(local)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#latent-hover-label").queryAs(Label.class).getText())
                .startsWith("Label ");

        robot.clickOn("#latent-map-pca");
        assertThat(vm.projectionProperty().get()).isSameAs(pca);
        assertThat(robot.lookup("#latent-walk").query().isDisabled()).isFalse();
        assertThat(summary.isVisible()).isFalse();
        assertThat(view.csvFileName()).isEqualTo("latent-pca.csv");
        assertThat(robot.lookup("#latent-decoded").query().getParent().isVisible()).isTrue();
    }
}
