package io.latentlab.ui.training;

import static io.latentlab.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.training.EpochMetrics;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.FxTestSupport;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.training.TrainViewModel.BatchPoint;
import io.latentlab.ui.training.TrainViewModel.Field;
import io.latentlab.ui.training.TrainViewModel.State;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Path;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Train view headless: chart colours and axis, the offer of a saved run, a real run. */
@ExtendWith(ApplicationExtension.class)
class TrainViewFxTest {

    private static MnistData data;

    @TempDir
    java.nio.file.Path runs;

    private Stage stage;
    private AppContext ctx;
    private boolean idle;
    private TrainView view;

    @BeforeAll
    static void loadData() throws Exception {
        data = FxTestSupport.smallData();
    }

    /** The stylesheet's loss chart colours: batch, smoothed, train, val, test, best. */
    private static final String[] COLOURS = {
        "#90a4ae", "#546e7a", "#2e7d32", "#1e88e5", "#8e24aa", "#e53935"};

    @Start
    void start(Stage s) {
        this.stage = s;
    }

    private void show(AppContext c) throws Exception {
        ctx = c;
        fx(() -> {
            view = new TrainView(c);
            Scene scene = new Scene(view, 1200, 800);
            FxTestSupport.styledLikeTheApp(scene);
            stage.setScene(scene);
            stage.show();
            return null;
        });
    }

    /** The view on an engine that never runs: everything the test sees comes from the test. */
    private void showWithIdleEngine() throws Exception {
        idle = true;
        show(FxTestSupport.idleContext(FxTestSupport.prefs("train-view")));
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            FxTestSupport.unstyled(view == null ? null : view.getScene());
            return null;
        });
        if (ctx == null) {
            return;
        }
        if (idle) {
            fx(() -> {
                ctx.close();
                return null;
            });
        } else {
            FxTestSupport.close(ctx);
        }
    }

    private static EpochMetrics epoch(int n, double train, double val, double test, boolean best) {
        return new EpochMetrics(n, train, val, test, 1.0, best);
    }

    private void styled() throws Exception {
        fx(() -> {
            view.applyCss();
            view.layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Paint legendColour(LineChart<?, ?> chart, String name) {
        for (Node n : chart.lookupAll(".chart-legend-item")) {
            Label item = (Label) n;
            if (item.getText().equals(name)) {
                return ((Region) item.getGraphic()).getBackground().getFills().get(0).getFill();
            }
        }
        throw new AssertionError("no legend item " + name);
    }

    @Test
    void startIsDisabledUntilDataIsLoaded(FxRobot robot) throws Exception {
        showWithIdleEngine();
        Button start = robot.lookup("#train-start").queryAs(Button.class);
        assertThat(start.isDisabled()).isTrue();
        assertThat(robot.lookup("#train-no-data").queryLabeled().isVisible()).isTrue();
        robot.interact(() -> ctx.dataProperty().set(data));
        assertThat(start.isDisabled()).isFalse();
        robot.interact(() -> view.viewModel().valueProperty(Field.LR).set("x"));
        assertThat(start.isDisabled()).isTrue();
        assertThat(robot.lookup("#train-error-LR").queryLabeled().getText())
                .isEqualTo("must be a number");
    }

    @Test
    void theLogScaleSwitchStandsBetweenSeparatorsApartFromSmoothing(FxRobot robot)
            throws Exception {
        showWithIdleEngine();
        Node log = robot.lookup("#train-log").query();
        javafx.scene.control.ToolBar bar = (javafx.scene.control.ToolBar) view.getTop();
        int i = bar.getItems().indexOf(log);
        assertThat(bar.getItems().get(i - 1)).isInstanceOf(javafx.scene.control.Separator.class);
        assertThat(bar.getItems().get(i + 1)).isInstanceOf(javafx.scene.control.Separator.class);
        Node smoothing = robot.lookup("#train-smoothing").query();
        assertThat(bar.getItems()).doesNotContain(smoothing); // grouped with its label
        assertThat(bar.getItems().get(i + 2).lookup("#train-smoothing")).isSameAs(smoothing);
    }

    @Test
    void epochLinesDotsAndTheBestMarkerHaveTheirLegendColoursAlsoInThePng() throws Exception {
        showWithIdleEngine();
        TrainViewModel vm = view.viewModel();
        fx(() -> vm.epochs().setAll(epoch(1, 0.050, 0.030, 0.040, true),
                epoch(2, 0.045, 0.032, 0.042, false)));
        styled();
        LineChart<Number, Number> chart = view.chart();
        List<XYChart.Series<Number, Number>> series = chart.getData();
        String[] names = {"train MSE", "validation MSE", "test MSE"};
        for (int i = 0; i < names.length; i++) {
            XYChart.Series<Number, Number> s = series.get(2 + i);
            assertThat(s.getName()).isEqualTo(names[i]);
            Paint legend = legendColour(chart, names[i]);
            assertThat(legend).isEqualTo(Color.web(COLOURS[2 + i]));
            assertThat(((Path) s.getNode()).getStroke()).as(names[i] + " line").isEqualTo(legend);
            for (XYChart.Data<Number, Number> d : s.getData()) {
                assertThat(((Region) d.getNode()).getBackground().getFills().get(0).getFill())
                        .as(names[i] + " dot").isEqualTo(legend);
            }
        }
        XYChart.Series<Number, Number> best = series.get(5);
        assertThat(best.getData()).singleElement()
                .satisfies(d -> assertThat(d.getXValue()).isEqualTo(1));
        Region marker = (Region) best.getData().get(0).getNode();
        Paint bestColour = legendColour(chart, "best epoch");
        assertThat(bestColour).isEqualTo(Color.web(COLOURS[5]));
        assertThat(marker.getBorder().getStrokes().get(0).getTopStroke()).isEqualTo(bestColour);

        // the exported image shows the same colours: left of the first epoch's points
        java.nio.file.Path png = runs.resolve("chart.png");
        fx(() -> {
            TrainView.writePng(chart, png);
            return null;
        });
        BufferedImage image = ImageIO.read(png.toFile());
        Bounds local = fx(() -> chart.getBoundsInLocal());
        Node trainDot = series.get(2).getData().get(0).getNode();
        assertPixel(image, local, fx(() -> chart.sceneToLocal(trainDot.localToScene(
                trainDot.getLayoutBounds()))), 5, 3, Color.web(COLOURS[2]));
        assertPixel(image, local, fx(() -> chart.sceneToLocal(marker.localToScene(
                marker.getLayoutBounds()))), 9, 7, Color.web(COLOURS[5]));
    }

    @Test
    void chartColoursFollowTheDarkTheme() throws Exception {
        showWithIdleEngine();
        fx(() -> view.viewModel().epochs().setAll(epoch(1, 0.050, 0.030, 0.040, true)));
        styled();
        XYChart.Series<Number, Number> train = view.chart().getData().get(2);
        assertThat(((Path) train.getNode()).getStroke()).isEqualTo(Color.web(COLOURS[2]));
        // what MainWindow sets on the scene's root while a dark theme is on
        fx(() -> {
            view.pseudoClassStateChanged(Styles.DARK, true);
            return null;
        });
        styled();
        assertThat(((Path) train.getNode()).getStroke()).isEqualTo(Color.web("#66bb6a"));
        assertThat(legendColour(view.chart(), "train MSE")).isEqualTo(Color.web("#66bb6a"));
    }

    @Test
    void pointsOfTheLastEpochAreDrawnWholeAtTheAxisEnd() throws Exception {
        showWithIdleEngine();
        TrainViewModel vm = view.viewModel();
        // one epoch: its points and the best ring sit on the x axis' upper bound
        fx(() -> vm.epochs().setAll(epoch(1, 0.050, 0.030, 0.040, true)));
        styled();
        LineChart<Number, Number> chart = view.chart();
        java.nio.file.Path png = runs.resolve("one-epoch.png");
        fx(() -> {
            TrainView.writePng(chart, png);
            return null;
        });
        BufferedImage image = ImageIO.read(png.toFile());
        Bounds local = fx(() -> chart.getBoundsInLocal());
        Node marker = chart.getData().get(5).getData().get(0).getNode();
        // right of the centre too, not cut off at the plot area's edge
        assertPixel(image, local, fx(() -> chart.sceneToLocal(marker.localToScene(
                marker.getLayoutBounds()))), -7, -9, Color.web(COLOURS[5]));
    }

    /**
     * Some pixel in a column range left of the centre of {@code b} (where no line of the first
     * epoch runs; negative offsets: right of it) has the colour {@code c}: the point is drawn
     * in it, not in black.
     */
    private static void assertPixel(BufferedImage image, Bounds chart, Bounds b, int from, int to,
            Color c) {
        int cx = (int) Math.round(b.getCenterX() - chart.getMinX());
        int cy = (int) Math.round(b.getCenterY() - chart.getMinY());
        double nearest = Double.MAX_VALUE;
        for (int x = cx - from; x <= cx - to; x++) {
            for (int y = cy - 2; y <= cy + 2; y++) {
                if (x < 0 || x >= image.getWidth() || y < 0 || y >= image.getHeight()) {
                    continue;
                }
                int argb = image.getRGB(x, y);
                nearest = Math.min(nearest, Math.abs(((argb >> 16) & 0xff) / 255.0 - c.getRed())
                        + Math.abs(((argb >> 8) & 0xff) / 255.0 - c.getGreen())
                        + Math.abs((argb & 0xff) / 255.0 - c.getBlue()));
            }
        }
        assertThat(nearest).as("closest pixel to " + c).isLessThan(0.08);
    }

    @Test
    void xAxisShowsWholeEpochsFromZero() throws Exception {
        showWithIdleEngine();
        TrainViewModel vm = view.viewModel();
        NumberAxis x = (NumberAxis) view.chart().getXAxis();
        styled();
        assertThat(List.of(x.getLowerBound(), x.getUpperBound(), x.getTickUnit()))
                .containsExactly(0.0, 1.0, 1.0);
        // the first batch of a run: no 0.1647...0.1685 axis
        fx(() -> vm.batchPoints().add(new BatchPoint(0.04, 0.07)));
        styled();
        assertThat(x.isAutoRanging()).isFalse();
        assertThat(List.of(x.getLowerBound(), x.getUpperBound(), x.getTickUnit()))
                .containsExactly(0.0, 1.0, 1.0);
        assertThat(fx(() -> x.getTickMarks().stream()
                .map(t -> x.getTickLabelFormatter().toString(t.getValue())).toList()))
                .containsExactly("0", "1");
        List<EpochMetrics> many = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            many.add(epoch(i, 0.05, 0.04, 0.04, i == 20));
        }
        fx(() -> vm.epochs().setAll(many));
        assertThat(List.of(x.getLowerBound(), x.getUpperBound(), x.getTickUnit()))
                .containsExactly(0.0, 23.0, 5.0);
        assertThat(TrainChart.xBounds(2.3)).containsExactly(0, 3, 1);
        assertThat(TrainChart.xBounds(49.5)).containsExactly(0, 50, 5);
        assertThat(TrainChart.xBounds(180)).containsExactly(0, 180, 20);
    }

    /** Whether the centres of two nodes' scene bounds are within 1 px of each other. */
    private static boolean centredOn(Node a, Node b) {
        Bounds p = a.localToScene(a.getLayoutBounds());
        Bounds q = b.localToScene(b.getLayoutBounds());
        return Math.abs(p.getCenterX() - q.getCenterX()) <= 1
                && Math.abs(p.getCenterY() - q.getCenterY()) <= 1;
    }

    @Test
    void theChartSaysWhatToDoUntilARunDrawsAndAgainWhenANewRunStarts(FxRobot robot)
            throws Exception {
        showWithIdleEngine();
        TrainViewModel vm = view.viewModel();
        styled();
        Label empty = robot.lookup("#train-chart-empty").queryAs(Label.class);
        assertThat(empty.getText()).isEqualTo("No run yet: set the options and press Start.");
        assertThat(fx(empty::isVisible)).isTrue();
        assertThat(fx(() -> view.chart().isVisible())).isFalse();
        assertThat(fx(() -> centredOn(empty, view.chart()))).isTrue();
        assertThat(robot.lookup("#train-exportPng").queryAs(Button.class).isDisabled()).isTrue();

        fx(() -> vm.batchPoints().add(new BatchPoint(0.04, 0.07)));
        assertThat(fx(empty::isVisible)).isFalse();
        assertThat(fx(() -> view.chart().isVisible())).isTrue();
        assertThat(robot.lookup("#train-exportPng").queryAs(Button.class).isDisabled()).isFalse();

        // a new run empties the chart: the sentence comes back until its first batch
        fx(() -> {
            ctx.dataProperty().set(data);
            vm.setRunsDir(runs);
            vm.epochs().setAll(epoch(1, 0.05, 0.04, 0.045, true));
            return null;
        });
        assertThat(fx(vm::start)).isNotNull();
        assertThat(fx(empty::isVisible)).isTrue();
        assertThat(fx(() -> view.chart().isVisible())).isFalse();
    }

    @Test
    void aNewRunClearsTheChartBeforeItsFirstEpoch() throws Exception {
        showWithIdleEngine();
        TrainViewModel vm = view.viewModel();
        fx(() -> {
            ctx.dataProperty().set(data);
            vm.setRunsDir(runs);
            vm.batchPoints().setAll(new BatchPoint(0.5, 0.06), new BatchPoint(1, 0.05));
            vm.epochs().setAll(epoch(1, 0.05, 0.04, 0.045, true));
            return null;
        });
        assertThat(view.chart().getData()).allSatisfy(s -> assertThat(s.getData()).isNotEmpty());
        Job<?> job = fx(vm::start);
        assertThat(job).isNotNull();
        assertThat(view.chart().getData()).allSatisfy(s -> assertThat(s.getData()).isEmpty());
        NumberAxis x = (NumberAxis) view.chart().getXAxis();
        assertThat(x.getUpperBound()).isEqualTo(1.0);
    }

    @Test
    void aRealRunPausesWithoutHoldingTheEngineAndIsOfferedWhenStopped(FxRobot robot)
            throws Exception {
        show(FxTestSupport.context(FxTestSupport.prefs("train-view")));
        TrainViewModel vm = view.viewModel();
        robot.interact(() -> {
            ctx.dataProperty().set(data);
            vm.setRunsDir(runs);
            vm.valueProperty(Field.ED).set("4");
            vm.valueProperty(Field.TRAIN_LIMIT).set("1000");
            vm.valueProperty(Field.BATCH).set("50");
            vm.valueProperty(Field.MAX_EPOCHS).set("500");
        });
        robot.clickOn("#train-start");
        assertThat(fx(() -> vm.stateProperty().get())).isEqualTo(State.RUNNING);
        assertThat(fx(() -> ctx.jobs().running().get(0).titleProperty().get()))
                .isEqualTo("Training ED=4");

        XYChart.Series<Number, Number> batch = view.chart().getData().get(0);
        XYChart.Series<Number, Number> val = view.chart().getData().get(3);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> fx(() -> val.getData().size()) >= 1);
        assertThat(fx(() -> batch.getData().size())).isGreaterThanOrEqualTo(18);
        assertThat(fx(() -> vm.progressProperty().get())).isPositive();

        robot.clickOn("#train-pause");
        assertThat(fx(() -> vm.stateProperty().get())).isEqualTo(State.PAUSED);
        // another engine job completes while the run is paused
        AtomicReference<Integer> answer = new AtomicReference<>();
        robot.interact(() -> ctx.jobs().submit(Job.onEngine("other", c -> 42)
                .onSuccess(answer::set)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> answer.get() != null);
        assertThat(fx(() -> vm.stateProperty().get())).isEqualTo(State.PAUSED);
        assertThat(fx(() -> ctx.jobs().running().get(0).messageProperty().get()))
                .startsWith("Paused");

        robot.clickOn("#train-resume");
        robot.clickOn("#train-stop");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> fx(() -> vm.stateProperty().get()) == State.CANCELLED);
        assertThat(fx(() -> vm.messageProperty().get())).matches("Stopped after epoch \\d+");
        int epochs = fx(() -> vm.epochs().size());
        assertThat(fx(() -> view.chart().getData().get(2).getData().size())).isEqualTo(epochs);

        // offered in a bar, listed, and active only once the user says so
        assertThat(fx(() -> robot.lookup("#train-offer").query().isVisible())).isTrue();
        assertThat(robot.lookup("#train-offer-text").queryLabeled().getText())
                .startsWith("Run saved: ED=4 \u00b7 ");
        assertThat(fx(() -> ctx.models().size())).isEqualTo(1);
        assertThat(fx(() -> ctx.activeModelProperty().get())).isNull();
        robot.clickOn("#train-useModel");
        assertThat(fx(() -> ctx.activeModelProperty().get())).isSameAs(fx(() -> ctx.models().get(0)));
        assertThat(fx(() -> robot.lookup("#train-offer").query().isVisible())).isFalse();
        assertThat(robot.lookup("#train-start").queryAs(Button.class).isDisabled()).isFalse();
    }
}
