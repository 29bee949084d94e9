package io.latentlab.ui.latent;

import static io.latentlab.ui.FxTestSupport.fx;
import static io.latentlab.ui.FxTestSupport.onEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.latentlab.data.MnistData;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.FxTestSupport;
import io.latentlab.ui.latent.LatentViewModel.Projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The view headless: canvas, hover thumbnail, click to Reconstruct. */
@ExtendWith(ApplicationExtension.class)
class LatentViewTest {

    private AppContext ctx;
    private LatentView view;
    private final AtomicInteger shown = new AtomicInteger();

    @Start
    void start(Stage stage) throws Exception {
        ctx = FxTestSupport.context(FxTestSupport.prefs("latent-view"));
        ctx.setShowReconstructAction(shown::incrementAndGet);
        view = new LatentView(ctx);
        stage.setScene(new Scene(view, 900, 650));
        stage.show();
        MnistData small = FxTestSupport.smallData();
        ctx.dataProperty().set(new MnistData(small.train().slice(0, 1000), small.test(),
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
    void hoverShowsTheDigitAndClickOpensIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> view.viewModel().projectionProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#latent-canvas").tryQuery()).isPresent();
        assertThat(robot.lookup("#latent-hint").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.lookup("#latent-pc1").queryAs(Label.class).getText()).startsWith("PC1 ");
        assertThat(robot.lookup("#latent-progress").query().isVisible()).isFalse();
        assertThat(robot.lookup("#latent-cancel").query().isVisible()).isFalse();
        assertThat(robot.lookup("#latent-compute").query().isVisible()).isFalse();

        Projection p = view.viewModel().projectionProperty().get();
        int target = isolatedPoint(p);
        assertThat(target).as("a point with no neighbour within 8 px").isNotNegative();
        Point2D local = WaitForAsyncUtils.asyncFx(() -> view.screenPositionOf(target))
                .get(10, TimeUnit.SECONDS);
        Point2D screen = WaitForAsyncUtils.asyncFx(() -> view.canvas().localToScreen(local))
                .get(10, TimeUnit.SECONDS);

        robot.moveTo(screen);
        WaitForAsyncUtils.waitForFxEvents();
        Node hover = robot.lookup("#latent-hover").query();
        assertThat(hover.isVisible()).isTrue();
        assertThat(robot.lookup("#latent-hover-label").queryAs(Label.class).getText())
                .isEqualTo("Label " + p.labels()[target] + " \u00b7 test #" + target);

        robot.clickOn(screen);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ctx.requestedTestDigitProperty().get()).isEqualTo(target);
        assertThat(shown.get()).isEqualTo(1);
    }

    @Test
    void clickingEmptySpaceDecodesAPoint(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> view.viewModel().projectionProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        // the top-left corner is outside the fitted data (a 5% margin at zoom 1)
        Point2D corner = view.canvas().localToScreen(3, 3);
        robot.clickOn(corner);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> view.viewModel().decodedProperty().get() != null);
        assertThat(view.viewModel().decodedProperty().get()).hasSize(784);
        assertThat(ctx.requestedTestDigitProperty().get()).isEqualTo(-1);
        robot.type(javafx.scene.input.KeyCode.DIGIT0);
    }

    @Test
    void withTheLineToggleTwoClicksPickAAndBAndShowTheStrip(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> view.viewModel().projectionProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Node panel = robot.lookup("#latent-line-panel").query();
        assertThat(panel.isVisible()).isFalse();
        robot.clickOn("#latent-line");
        assertThat(panel.isVisible()).isTrue();
        assertThat(robot.lookup("#latent-line-caption").queryAs(Label.class).getText())
                .isEqualTo("Click a digit on the map for A.");
        Projection p = view.viewModel().projectionProperty().get();
        int[] two = isolatedPoints(p, 2);
        assertThat(two).hasSize(2);
        for (int i : two) {
            Point2D local = WaitForAsyncUtils.asyncFx(() -> view.screenPositionOf(i))
                    .get(10, TimeUnit.SECONDS);
            robot.clickOn(fx(() -> view.canvas().localToScreen(local)));
        }
        InterpolationViewModel line = view.viewModel().interpolation();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> line.stripProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(line.aProperty().get()).isEqualTo(two[0]);
        assertThat(line.bProperty().get()).isEqualTo(two[1]);
        // picking is not opening: Reconstruct was not asked for either digit
        assertThat(shown.get()).isZero();
        assertThat(robot.lookup("#latent-line-caption").queryAs(Label.class).getText())
                .isEqualTo("A = test #" + two[0] + " (label " + p.labels()[two[0]]
                        + "), B = test #" + two[1] + " (label " + p.labels()[two[1]] + ")");
        assertThat(robot.lookup("#latent-line-decoded-0")
                .queryAs(ImageView.class).getImage()).isNotNull();
        assertThat(robot.lookup("#latent-line-fade-9")
                .queryAs(ImageView.class).getImage()).isNotNull();
        assertThat(robot.lookup("#latent-line-export").query().isDisabled()).isFalse();
        // toggled off, the strip stays until Clear
        robot.clickOn("#latent-line");
        assertThat(panel.isVisible()).isTrue();
        robot.clickOn("#latent-line-clear");
        assertThat(panel.isVisible()).isFalse();
        assertThat(line.stripProperty().get()).isNull();
    }

    @Test
    void aModelChangeEmptiesTheMapAndExplainsWhy(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> view.viewModel().projectionProperty().get() != null);
        robot.interact(() -> ctx.activeModelProperty().set(null));
        Label hint = robot.lookup("#latent-hint").queryAs(Label.class);
        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.getText()).startsWith("Select or train a model");
        assertThat(view.viewModel().projectionProperty().get()).isNull();
        assertThat(robot.lookup("#latent-pc1").queryAs(Label.class).getText())
                .isEqualTo("PC1 \u2014");
    }

    @Test
    void theReconstructMarkerMovesWithoutRedrawingTheMap(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> view.viewModel().projectionProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        int[] before = pixels();
        // a dragged σ slider moves the marker many times a second: the 10,000 points stay
        robot.interact(() -> ctx.reconstructInputProperty().set(ctx.dataProperty().get().test()
                .copyImage(7)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> view.viewModel().markerProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pixels()).as("the map's canvas is not redrawn for the marker").isEqualTo(before);
        Node marker = robot.lookup("#latent-marker").query();
        assertThat(marker.isVisible()).isTrue();
        // the input is test digit 7, so the marker sits on its point
        Point2D at = WaitForAsyncUtils.asyncFx(() -> view.screenPositionOf(7))
                .get(10, TimeUnit.SECONDS);
        assertThat(marker.getLayoutX()).isCloseTo(at.getX(), within(0.5));
        assertThat(marker.getLayoutY()).isCloseTo(at.getY(), within(0.5));

        robot.interact(() -> ctx.reconstructInputProperty().set(null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(marker.isVisible()).isFalse();
    }

    private int[] pixels() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            javafx.scene.image.WritableImage img = view.canvas().snapshot(null, null);
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] argb = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h,
                    javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
            return argb;
        }).get(10, TimeUnit.SECONDS);
    }

    /** A point inside the canvas whose nearest neighbour on screen is at least 8 px away. */
    private int isolatedPoint(Projection p) throws Exception {
        int[] found = isolatedPoints(p, 1);
        return found.length == 0 ? -1 : found[0];
    }

    /** Up to {@code count} points as {@link #isolatedPoint}, in index order. */
    private int[] isolatedPoints(Projection p, int count) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<Integer> out = new ArrayList<>();
            double w = view.canvas().getWidth();
            double h = view.canvas().getHeight();
            Point2D[] s = new Point2D[p.n()];
            for (int i = 0; i < p.n(); i++) {
                s[i] = view.screenPositionOf(i);
            }
            for (int i = 0; i < p.n(); i++) {
                if (s[i].getX() < 20 || s[i].getY() < 20 || s[i].getX() > w - 20
                        || s[i].getY() > h - 20) {
                    continue;
                }
                boolean alone = true;
                for (int j = 0; j < p.n() && alone; j++) {
                    alone = j == i || s[i].distance(s[j]) >= 8;
                }
                if (alone && out.size() < count) {
                    out.add(i);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }).get(30, TimeUnit.SECONDS);
    }
}
