package io.latentlab.ui.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.ui.AppContext;

import java.nio.file.Path;
import java.util.prefs.Preferences;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 10, fix 3: with the view in a tab of a TabPane, as in the main window, the arrows step
 * test digits instead of switching tabs, and R works without clicking into the view first.
 * No model is needed: only the digit index is watched.
 */
@ExtendWith(ApplicationExtension.class)
class ReconstructKeysTest {

    private static MnistData data;

    private TabPane tabs;
    private Tab reconstruct;
    private Tab other;
    private DigitInput in;

    @BeforeAll
    static void loadData() throws Exception {
        data = io.latentlab.data.TestMnist.shipped();
    }

    @Start
    void start(Stage stage) {
        AppContext ctx = AppContext.sameThread(Preferences.userRoot().node("latent-lab-tests"));
        ctx.dataProperty().set(data);
        ReconstructView view = new ReconstructView(ctx);
        in = view.viewModel().input();
        reconstruct = new Tab("Reconstruct", view);
        other = new Tab("Other", new Label("another view"));
        tabs = new TabPane(reconstruct, other);
        tabs.getTabs().forEach(t -> t.setClosable(false));
        stage.setScene(new Scene(tabs, 1240, 780));
        stage.show();
    }

    /** Clicks a tab header, which leaves the focus on the TabPane (the situation). */
    private void clickTab(FxRobot robot, String title) {
        robot.clickOn(title);
        if (!tabs.isFocused()) {
            robot.interact(tabs::requestFocus);
        }
        assertThat(tabs.isFocused()).isTrue();
    }

    @Test
    void arrowsStepTestDigitsInsteadOfSwitchingTabs(FxRobot robot) {
        clickTab(robot, "Reconstruct");
        assertThat(in.testIndexProperty().get()).isZero();

        robot.type(KeyCode.RIGHT);
        assertThat(in.testIndexProperty().get()).isEqualTo(1);
        assertThat(tabs.getSelectionModel().getSelectedItem()).isSameAs(reconstruct);
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.LEFT);
        assertThat(in.testIndexProperty().get()).isEqualTo(1);
        robot.type(KeyCode.LEFT, 2); // wraps around
        assertThat(in.testIndexProperty().get()).isEqualTo(data.test().size() - 1);
        assertThat(tabs.getSelectionModel().getSelectedItem()).isSameAs(reconstruct);
    }

    @Test
    void rShowsARandomDigitWithoutClickingIntoTheView(FxRobot robot) {
        clickTab(robot, "Reconstruct");
        boolean changed = false;
        // a random pick may land on the same digit (1 in 10,000); three never all do
        for (int i = 0; i < 3 && !changed; i++) {
            robot.type(KeyCode.R);
            changed = in.testIndexProperty().get() != 0;
        }
        assertThat(changed).isTrue();
        assertThat(tabs.getSelectionModel().getSelectedItem()).isSameAs(reconstruct);
    }

    @Test
    void keysAreLeftAloneWhileAnotherTabShows(FxRobot robot) {
        clickTab(robot, "Other");
        robot.type(KeyCode.R);
        assertThat(in.testIndexProperty().get()).isZero();
        robot.type(KeyCode.LEFT); // the TabPane's own key: back to Reconstruct
        assertThat(tabs.getSelectionModel().getSelectedItem()).isSameAs(reconstruct);
        assertThat(in.testIndexProperty().get()).isZero();
    }

    @Test
    void arrowsInTheIndexFieldMoveTheCaret(FxRobot robot) {
        clickTab(robot, "Reconstruct");
        Spinner<?> index = robot.lookup("#digit-index").queryAs(Spinner.class);
        robot.clickOn(index.getEditor());
        robot.type(KeyCode.HOME, KeyCode.RIGHT);
        assertThat(index.getEditor().getCaretPosition()).isEqualTo(1);
        robot.type(KeyCode.LEFT);
        assertThat(index.getEditor().getCaretPosition()).isZero();
        assertThat(in.testIndexProperty().get()).isZero();
        assertThat(tabs.getSelectionModel().getSelectedItem()).isSameAs(reconstruct);
    }
}
