package io.latentlab.ui.study;

import static io.latentlab.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.ModelMetadata;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchReport;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.FxTestSupport;
import io.latentlab.ui.study.common.FullText;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12: the Study room as a new user meets it: the heat map has a colour scale, an empty
 * grid tab says what to do, and long model names are shown whole or in a tooltip.
 */
@ExtendWith(ApplicationExtension.class)
class StudyLayoutFxTest {

    /** A run's name as the app makes it: the longest kind. */
    private static final String RUN = "ED=32 · runs/ed32-20261202-083015";

    private AppContext ctx;
    private StudyView view;

    @Start
    void start(Stage stage) {
        ctx = FxTestSupport.context(FxTestSupport.prefs("study-layout"));
        view = new StudyView(ctx);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        // the models here hold no engine model: nothing to free
        fx(() -> {
            ctx.jobs().cancelAll();
            return null;
        });
        ctx.close();
    }

    private static GridSearch.FoldCurve curve(int fold, double val) {
        return new GridSearch.FoldCurve(fold, new double[] {0.11, val * 0.99},
                new double[] {0.1, val});
    }

    @Test
    void theHeatMapHasAColourScaleFromTheLowestToTheHighestKeptMse(FxRobot robot,
            @TempDir Path tmp) throws Exception {
        assertThat(robot.lookup("#study-grid-empty").queryAs(Label.class).getText())
                .isEqualTo("No grid search on show. Open a saved grid search or run one.");
        assertThat(robot.lookup("#study-heat-scale").query().isVisible()).isFalse();
        GridSearch.Options o = GridSearch.Options.builder(4).learningRates(1e-2, 1e-3, 1e-4)
                .weightDecays(1e-5).folds(2).epochs(2).batchSize(100).seed(3).build();
        Path csv = tmp.resolve("grid.csv");
        GridSearchReport.write(GridSearch.rank(o, List.of(
                GridSearch.evaluate(1e-2, 1e-5, List.of(curve(0, 0.021), curve(1, 0.021)),
                        o, null),
                GridSearch.evaluate(1e-3, 1e-5, List.of(curve(0, 0.039), curve(1, 0.039)),
                        o, null),
                GridSearch.evaluate(1e-4, 1e-5, List.of(curve(0, 0.5), curve(1, 0.5)),
                        o, null)), "sha", null), csv);
        fx(() -> view.viewModel().grid().open(csv));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> fx(() -> view.viewModel().grid().resultProperty().get() != null));

        Node scale = robot.lookup("#study-heat-scale").query();
        assertThat(fx(scale::isVisible)).isTrue();
        assertThat(robot.lookup("#study-heat-scale-min").queryAs(Label.class).getText())
                .isEqualTo("0.021000");
        assertThat(robot.lookup("#study-heat-scale-max").queryAs(Label.class).getText())
                .isEqualTo("0.039000");
        assertThat(robot.lookup("#study-heat-scale-title").queryAs(Label.class).getText())
                .startsWith("Colour: mean val MSE");
        // the third setting is discarded: its grey is explained
        assertThat(fx(() -> robot.lookup("#study-heat-scale-discarded").query().isVisible()))
                .isTrue();
        // the per-fold curves get real room beside the map
        assertThat(fx(() -> view.grid().curvesChart().getWidth())).isGreaterThan(400);
    }

    @Test
    void longModelNamesAreShownWholeOrInATooltip(FxRobot robot) throws Exception {
        ActiveModel run = new ActiveModel(RUN, Path.of("runs/ed32-20261202-083015"),
                ModelMetadata.of(32).with("test_mse", 0.006), null);
        ActiveModel other = new ActiveModel("ED=4 · models/ed4", Path.of("models/ed4"),
                ModelMetadata.of(4).with("test_mse", 0.026), null);
        fx(() -> ctx.models().setAll(List.of(run, other)));
        robot.interact(() -> view.tabs().getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> table = robot.lookup("#study-models-table").queryAs(TableView.class);
        TableColumn<?, ?> name = fx(() -> table.getColumns().get(0));
        double needed = fx(() -> FullText.width(List.of(RUN), false));
        assertThat(fx(name::getWidth)).isGreaterThanOrEqualTo(needed);
        assertThat(tooltipOfCell(robot, ".table-cell", RUN)).isEqualTo(RUN);

        robot.interact(() -> view.tabs().getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tooltipOfCell(robot, ".check-box-list-cell", RUN)).isEqualTo(RUN);
    }

    /** The tooltip of the cell (of that style class) showing this text. */
    private static String tooltipOfCell(FxRobot robot, String cls, String text)
            throws Exception {
        return fx(() -> robot.lookup(cls).queryAllAs(IndexedCell.class).stream()
                .filter(c -> text.equals(c.getText()) && c.getTooltip() != null)
                .map(c -> c.getTooltip().getText()).findFirst().orElse(null));
    }
}
