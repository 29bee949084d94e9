package io.latentlab.ui.reconstruction;

import static io.latentlab.ui.FxTestSupport.fx;
import static io.latentlab.ui.FxTestSupport.onEngine;
import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.FxTestSupport;
import io.latentlab.ui.TestModels;
import io.latentlab.ui.reconstruction.ReconstructViewModel.NoiseKind;
import io.latentlab.ui.reconstruction.ReconstructViewModel.PatchPlacement;
import io.latentlab.ui.reconstruction.ReconstructViewModel.Source;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.skin.ComboBoxListViewSkin;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Reconstruct view headless on Monocle, with a real engine thread and an untrained model. */
@ExtendWith(ApplicationExtension.class)
class ReconstructViewTest {

    private AppContext ctx;
    private ActiveModel model;
    private ReconstructView view;

    @Start
    void start(Stage stage) throws Exception {
        ctx = FxTestSupport.context(FxTestSupport.prefs("reconstruct-view"));
        ctx.dataProperty().set(FxTestSupport.smallData());
        view = new ReconstructView(ctx);
        // stays inside Monocle's 1280x800 headless screen
        stage.setScene(new Scene(view, 1240, 780));
        stage.show();
    }

    @BeforeEach
    void activateModel() throws Exception {
        model = onEngine(ctx, c -> {
            Autoencoder m = Autoencoder.create(4, 1);
            // an untrained model's output barely depends on its input (MSE equal to 6
            // decimals for any sigma); larger weights make the input visible in the output
            for (var p : m.block().getParameters().values()) {
                ai.djl.ndarray.NDArray a = p.getArray();
                a.setRequiresGradient(false); // inference only; in-place needs a non-grad leaf
                a.muli(2f);
            }
            return TestModels.active("test", null, ModelMetadata.of(4), m);
        });
        fx(() -> {
            ctx.activeModelProperty().set(model);
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.close(ctx);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text a combo box shows for its value (its display cell). */
    private String shownText(String id) {
        ComboBox<?> box = (ComboBox<?>) view.lookup(id);
        return ((ListCell<?>) ((ComboBoxListViewSkin<?>) box.getSkin()).getDisplayNode()).getText();
    }

    private String mseText(FxRobot robot) {
        return robot.lookup("#mse-label").queryAs(Label.class).getText();
    }

    @Test
    void showsTheFourPanelsAndAnMse(FxRobot robot) throws Exception {
        for (String id : new String[] {"#panel-original", "#panel-noisy",
                "#panel-reconstruction", "#panel-difference"}) {
            assertThat(robot.lookup(id).tryQuery()).as(id).isPresent();
            assertThat(robot.lookup(id).query().isVisible()).as(id).isTrue();
        }
        waitFor(() -> mseText(robot).matches("MSE \\d\\.\\d{6}"));
        assertThat(robot.lookup("#no-model-hint").query().isVisible()).isFalse();
        assertThat(view.viewModel().input().testIndexProperty().get()).isZero();
    }

    @Test
    void drawingOnTheCanvasReconstructsTheStroke(FxRobot robot) throws Exception {
        robot.clickOn("Draw");
        Canvas canvas = robot.lookup("#draw-canvas").queryAs(Canvas.class);
        ReconstructViewModel vm = view.viewModel();
        robot.moveTo(canvas).moveBy(-10, -90).press(MouseButton.PRIMARY);
        for (int i = 0; i < 9; i++) {
            robot.moveBy(2, 20);
        }
        robot.release(MouseButton.PRIMARY);
        waitFor(() -> {
            float[] in = vm.originalProperty().get();
            if (vm.input().sourceProperty().get() != Source.DRAWING || in == null) {
                return false;
            }
            for (float v : in) {
                if (v > 0.5f) {
                    return !vm.busyProperty().get() && vm.isCurrent(vm.reconstructionProperty().get());
                }
            }
            return false;
        });
        assertThat(vm.input().drawing().strokes()).hasSize(1);
        assertThat(ctx.reconstructInputProperty().get()).containsExactly(vm.noisyProperty().get());

        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.Z, javafx.scene.input.KeyCode.CONTROL);
        waitFor(() -> vm.input().drawing().strokes().isEmpty());
    }

    @Test
    void movingTheSigmaSliderChangesTheMse(FxRobot robot) throws Exception {
        ReconstructViewModel vm = view.viewModel();
        robot.interact(() -> vm.noiseKindProperty().set(NoiseKind.GAUSSIAN));
        waitFor(() -> !vm.busyProperty().get() && mseText(robot).matches("MSE \\d\\.\\d{6}"));
        String before = mseText(robot);
        double sigmaBefore = vm.sigmaProperty().get();

        Slider slider = robot.lookup("#sigma-slider").queryAs(Slider.class);
        robot.drag(slider.lookup(".thumb"), MouseButton.PRIMARY).moveBy(60, 0).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.sigmaProperty().get()).isGreaterThan(sigmaBefore);
        waitFor(() -> !vm.busyProperty().get() && !mseText(robot).equals(before));
        assertThat(mseText(robot)).matches("MSE \\d\\.\\d{6}");
    }

    @Test
    void thePlacementBoxDrawsThePatchFromTheSeed(FxRobot robot) throws Exception {
        ReconstructViewModel vm = view.viewModel();
        robot.interact(() -> vm.noiseKindProperty().set(NoiseKind.OCCLUSION));
        WaitForAsyncUtils.waitForFxEvents();
        Spinner<?> seed = robot.lookup("#noise-seed").queryAs(Spinner.class);
        // placed by hand: the seed plays no part
        assertThat(shownText("#patch-placement")).isEqualTo("where dragged");
        assertThat(seed.isDisabled()).isTrue();
        @SuppressWarnings("unchecked")
        ComboBox<PatchPlacement> box = robot.lookup("#patch-placement").queryAs(ComboBox.class);
        robot.interact(() -> box.setValue(PatchPlacement.QUADRANT));
        assertThat(vm.noise().placementProperty().get()).isEqualTo(PatchPlacement.QUADRANT);
        assertThat(shownText("#patch-placement")).isEqualTo("random, one quadrant");
        assertThat(seed.isDisabled()).isFalse();
        waitFor(() -> !vm.busyProperty().get() && vm.isCurrent(vm.reconstructionProperty().get()));
        assertThat(vm.noise().noise().spec()).isEqualTo("occlusion:14:quadrant");
    }

    @Test
    void unreadableFileShowsAnErrorAndTheViewKeepsWorking(FxRobot robot, @TempDir Path dir)
            throws Exception {
        File broken = Files.write(dir.resolve("broken.png"), new byte[] {1, 2, 3, 4}).toFile();
        boolean[] ok = {true};
        robot.interact(() -> ok[0] = view.importFile(broken));
        assertThat(ok[0]).isFalse();
        Label error = robot.lookup("#reconstruct-error").queryAs(Label.class);
        assertThat(error.getText()).contains("broken.png");
        assertThat(error.isVisible()).isTrue();

        ReconstructViewModel vm = view.viewModel();
        robot.interact(() -> vm.input().next());
        waitFor(() -> vm.input().testIndexProperty().get() == 1
                && vm.isCurrent(vm.reconstructionProperty().get()));
        assertThat(mseText(robot)).matches("MSE \\d\\.\\d{6}");
    }

    @Test
    void exportsTheShownImagesAsCsv(FxRobot robot, @TempDir Path dir) throws Exception {
        ReconstructViewModel vm = view.viewModel();
        waitFor(() -> vm.isCurrent(vm.reconstructionProperty().get()));
        assertThat(view.hasCsvData()).isTrue();
        Path file = dir.resolve("r.csv");
        robot.interact(() -> {
            try {
                view.writeCsv(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        java.util.List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(785);
        assertThat(lines.get(0)).isEqualTo("row,col,original,noisy,reconstruction,compare");
        float[] original = vm.originalProperty().get();
        String[] last = lines.get(784).split(",", -1);
        assertThat(last[0]).isEqualTo("27");
        assertThat(last[1]).isEqualTo("27");
        assertThat(Float.parseFloat(last[2])).isEqualTo(original[783]);
        assertThat(Float.parseFloat(last[4]))
                .isEqualTo(vm.reconstructionProperty().get().output()[783]);
        assertThat(last[5]).as("no comparison model").isEmpty();
    }

    @Test
    void aModelJoiningTheListChangesNeitherModelChoice(FxRobot robot) throws Exception {
        ReconstructViewModel vm = view.viewModel();
        robot.interact(() -> ctx.models().add(model));
        waitFor(() -> vm.isCurrent(vm.reconstructionProperty().get()));
        assertThat(fx(() -> vm.primaryModelProperty().get())).isSameAs(model);

        // a run finishes: it is listed (the model boxes get new items), not chosen
        ActiveModel run = onEngine(ctx, c -> TestModels.active("run", null, ModelMetadata.of(2),
                Autoencoder.create(2, 1)));
        robot.interact(() -> ctx.models().add(run));
        assertThat(fx(() -> vm.primaryModelProperty().get())).isSameAs(model);
        assertThat(fx(() -> vm.compareModelProperty().get())).isNull();
        // and the boxes still show them
        waitFor(() -> fx(() -> "test".equals(shownText("#primary-model"))
                && "(none)".equals(shownText("#compare-model"))));
        waitFor(() -> vm.isCurrent(vm.reconstructionProperty().get()));
        assertThat(mseText(robot)).matches("MSE \\d\\.\\d{6}");

        // no choice was made by the list change: the view still follows the active model
        robot.interact(() -> ctx.activeModelProperty().set(run));
        assertThat(fx(() -> vm.primaryModelProperty().get())).isSameAs(run);
        waitFor(() -> vm.isCurrent(vm.reconstructionProperty().get())
                && vm.reconstructionProperty().get().model() == run);
    }

    @Test
    void latentSlidersOpenOnClickAndShowTheirValues(FxRobot robot) throws Exception {
        TitledPane pane = robot.lookup("#latent-sliders").queryAs(TitledPane.class);
        assertThat(pane.isExpanded()).as("collapsed: nothing encoded").isFalse();
        assertThat(ctx.testCodes().get(model.model(), ctx.dataProperty().get().test())).isNull();

        robot.clickOn("Latent sliders");
        waitFor(() -> robot.lookup("#slider-3").tryQuery().isPresent()
                && view.viewModel().sliders().decodedProperty().get() != null);

        LatentSlidersViewModel s = view.viewModel().sliders();
        assertThat(robot.lookup("#slider-4").tryQuery()).as("ED=4: four sliders").isEmpty();
        Slider z3 = robot.lookup("#slider-2").queryAs(Slider.class);
        assertThat(z3.getTooltip().getText()).isEqualTo("coordinate 3 of 4");
        String shown = robot.lookup("#slider-value-2").queryAs(Label.class).getText();
        assertThat(shown).isEqualTo(String.format(Locale.ROOT, "%+.2f",
                s.slidersProperty().get().get(2).value().get()));

        float[] before = s.decodedProperty().get();
        robot.interact(() -> z3.setValue(z3.getMax()));
        waitFor(() -> s.decodedProperty().get() != before);
        assertThat(robot.lookup("#slider-value-2").queryAs(Label.class).getText())
                .isEqualTo(String.format(Locale.ROOT, "%+.2f", z3.getMax()));
        robot.clickOn("#sliders-reset");
        assertThat(z3.getValue()).isEqualTo(s.slidersProperty().get().get(2).value().get());
        assertThat(robot.lookup("#slider-value-2").queryAs(Label.class).getText())
                .isEqualTo(shown);
    }
}
