package io.latentlab.ui.help;

import static io.latentlab.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.ui.AppContext;
import io.latentlab.ui.FxTestSupport;
import io.latentlab.ui.help.ShortcutSheet.Shortcut;
import io.latentlab.ui.shell.MainWindow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import java.util.stream.Stream;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Help menu in the main window: guide on the current view's page, shortcuts, tips, About. */
@ExtendWith(ApplicationExtension.class)
class HelpFxTest {

    private final Preferences prefs = FxTestSupport.prefs("help");
    private AppContext ctx;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ctx = FxTestSupport.idleContext(prefs);
        window = new MainWindow(ctx);
        stage.setScene(new Scene(window, 1000, 700));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        ctx.close();
        prefs.removeNode();
    }

    private MenuBar menuBar(FxRobot robot) {
        return robot.lookup("#menu-bar").queryAs(MenuBar.class);
    }

    private static List<MenuItem> items(MenuBar bar) {
        List<MenuItem> all = new ArrayList<>();
        for (Menu m : bar.getMenus()) {
            addItems(m, all);
        }
        return all;
    }

    private static void addItems(Menu menu, List<MenuItem> out) {
        for (MenuItem i : menu.getItems()) {
            out.add(i);
            if (i instanceof Menu sub) {
                addItems(sub, out);
            }
        }
    }

    private static MenuItem item(MenuBar bar, String id) {
        return items(bar).stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    private static Stream<String> texts(Node root) {
        return root.lookupAll(".label").stream().map(n -> ((Label) n).getText());
    }

    @Test
    void everyAcceleratorIsOnTheSheetWithItsAction(FxRobot robot) throws Exception {
        MenuBar bar = menuBar(robot);
        List<Shortcut> sheet = fx(() -> ShortcutSheet.of(bar));
        List<MenuItem> withKeys =
                items(bar).stream().filter(i -> i.getAccelerator() != null).toList();
        assertThat(withKeys).hasSizeGreaterThanOrEqualTo(10);
        for (MenuItem i : withKeys) {
            assertThat(sheet).as(i.getText()).anyMatch(s ->
                    s.keys().equals(i.getAccelerator().getDisplayText())
                    && i.getText().startsWith(s.action()));
        }
        // the scene's accelerators: the menus' and the views' own (Train's Ctrl+Enter, ...)
        List<String> keys = sheet.stream().map(Shortcut::keys).toList();
        List<KeyCombination> sceneKeys =
                fx(() -> List.copyOf(stage.getScene().getAccelerators().keySet()));
        for (KeyCombination k : sceneKeys) {
            assertThat(keys).as(k.getName()).contains(k.getDisplayText());
        }
        assertThat(sheet).contains(new Shortcut("Menus", "Alt+F", "Open the File menu"),
                new Shortcut("Menus", "F10", "Go to the menu bar"));
        assertThat(sheet).contains(new Shortcut("Help", "F1", "Guide"));

        // the sheet's page shows every line
        robot.interact(() -> item(bar, "menu-shortcuts").fire());
        GuideWindow guide = window.help().guide();
        assertThat(guide.page()).isEqualTo(GuidePage.SHORTCUTS);
        assertThat(guide.stage().isShowing()).isTrue();
        GridPane grid = (GridPane) guide.stage().getScene().lookup("#shortcut-sheet");
        List<String> shown = texts(grid).toList();
        for (Shortcut s : sheet) {
            assertThat(shown).contains(s.keys(), s.action());
        }
    }

    @Test
    void f1OpensTheGuideOnThePageOfTheCurrentView(FxRobot robot) throws Exception {
        robot.interact(() -> window.tabs().getSelectionModel().select(2));
        robot.type(KeyCode.F1);
        GuideWindow guide = window.help().guide();
        assertThat(guide).isNotNull();
        assertThat(guide.page()).isEqualTo(GuidePage.LATENT);
        Node page = guide.stage().getScene().lookup("#guide-body");
        assertThat(((Label) page.lookup("#guide-title")).getText()).isEqualTo("Latent space");
        assertThat(((Label) page.lookup("#guide-question")).getText()).contains("PCA");

        robot.interact(() -> {
            guide.stage().hide();
            window.tabs().getSelectionModel().select(3);
            window.studyView().tabs().getSelectionModel().select(2);
            stage.requestFocus();
        });
        robot.interact(() -> item(menuBar(robot), "menu-guide").fire());
        assertThat(window.help().guide()).isSameAs(guide);
        assertThat(guide.stage().isShowing()).isTrue();
        assertThat(guide.page()).isEqualTo(GuidePage.NOISE);
        assertThat(((Label) guide.stage().getScene().lookup("#guide-question")).getText())
                .contains("ED=32 wins under light noise, ED=4 under heavy noise");
    }

    @Test
    void tipsShowOnAFreshStartUntilDismissedAndComeBackFromTheMenu(FxRobot robot) throws Exception {
        Node bar = robot.lookup("#tips-bar").query();
        assertThat(bar.isVisible()).isTrue();
        assertThat(robot.lookup("#tips-counter").queryLabeled().getText()).isEqualTo("Tip 1 of 5");
        robot.clickOn("#tips-next");
        assertThat(robot.lookup("#tips-counter").queryLabeled().getText()).isEqualTo("Tip 2 of 5");
        robot.clickOn("#tips-dismiss");
        assertThat(bar.isVisible()).isFalse();
        assertThat(bar.isManaged()).isFalse();
        assertThat(prefs.getBoolean(TipsViewModel.PREF_DISMISSED, false)).isTrue();

        // the next start: no tips, until Help > Show tips
        MainWindow again = fx(() -> new MainWindow(ctx));
        assertThat(again.help().tipsBar().isVisible()).isFalse();
        robot.interact(() -> item(menuBar(robot), "menu-tips").fire());
        assertThat(bar.isVisible()).isTrue();
        assertThat(robot.lookup("#tips-counter").queryLabeled().getText()).isEqualTo("Tip 1 of 5");
    }

    @Test
    void aboutShowsVersionLicencesLogFileAndTheAppGraphic(FxRobot robot) {
        Rectangle icon = new Rectangle(48, 48);
        robot.interact(() -> {
            window.help().aboutGraphicProperty().set(icon);
            window.help().logFileProperty().set(Path.of("logs", "latent-lab.log"));
            item(menuBar(robot), "menu-about").fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane about = robot.lookup("#about-pane").queryAs(DialogPane.class);
        assertThat(about.getHeaderText()).isEqualTo("Latent Lab " + AboutViewModel.version());
        assertThat(about.getGraphic()).isSameAs(icon);
        assertThat(((Label) about.lookup("#about-log")).getText())
                .isEqualTo(Path.of("logs", "latent-lab.log").toString());
        assertThat(((Label) about.lookup("#about-licences")).getText()).contains("OpenJFX");
        // the idle context never runs the engine job
        assertThat(((Label) about.lookup("#about-engine")).getText()).isEqualTo("reading...");
        assertThat(item(menuBar(robot), "menu-about").getAccelerator()).isNull();
    }
}
