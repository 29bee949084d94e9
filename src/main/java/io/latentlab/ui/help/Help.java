package io.latentlab.ui.help;

import io.latentlab.ui.AppContext;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/**
 * The Help menu's work, for the shell: the guide (F1, on the page of what is on screen), the
 * keyboard shortcut sheet, the first-run tips and About.
 */
public final class Help {

    /** Opens the guide. */
    public static final KeyCombination GUIDE_KEY = new KeyCodeCombination(KeyCode.F1);
    /** Opens the shortcut sheet. */
    public static final KeyCombination SHORTCUTS_KEY =
            new KeyCodeCombination(KeyCode.SLASH, KeyCombination.SHORTCUT_DOWN);

    private final AppContext ctx;
    private final MenuBar menuBar;
    private final Supplier<GuidePage> currentPage;
    private final TipsViewModel tips;
    private final TipsBar tipsBar;
    private final ObjectProperty<Node> aboutGraphic =
            new SimpleObjectProperty<>(this, "aboutGraphic");
    private final ObjectProperty<Path> logFile = new SimpleObjectProperty<>(this, "logFile");
    private GuideWindow guide;

    /**
     * @param ctx shared services (the tips' dismissal is kept in its preferences)
     * @param menuBar the menu bar the shortcut sheet is read from; it also owns the windows
     * @param currentPage the guide page of what is on screen
     */
    public Help(AppContext ctx, MenuBar menuBar, Supplier<GuidePage> currentPage) {
        this.ctx = ctx;
        this.menuBar = menuBar;
        this.currentPage = currentPage;
        this.tips = TipsViewModel.standard(ctx.prefs());
        this.tipsBar = new TipsBar(tips);
    }

    /** @return Guide, Keyboard shortcuts, Show tips and a separator: the top of the Help menu */
    public List<MenuItem> menuItems() {
        return List.of(
                item("action.guide", "menu-guide", MaterialDesignB.BOOK_OPEN_VARIANT, GUIDE_KEY,
                        () -> showGuide(currentPage.get())),
                item("action.shortcuts", "menu-shortcuts", MaterialDesignK.KEYBOARD,
                        SHORTCUTS_KEY, () -> showGuide(GuidePage.SHORTCUTS)),
                item("action.tips", "menu-tips", MaterialDesignL.LIGHTBULB_ON_OUTLINE, null,
                        tips::show),
                new SeparatorMenuItem());
    }

    private static MenuItem item(String key, String id, Ikon icon,
            KeyCombination keys, Runnable action) {
        MenuItem m = new MenuItem(HelpText.get(key), new FontIcon(icon));
        m.setId(id);
        m.setAccelerator(keys);
        m.setOnAction(e -> action.run());
        return m;
    }

    /**
     * Opens the guide on a page (or brings it forward there).
     *
     * @param page the page
     */
    public void showGuide(GuidePage page) {
        if (guide == null) {
            guide = new GuideWindow(owner(), () -> ShortcutSheet.of(menuBar));
        }
        guide.show(page);
    }

    /** Opens About; the engine line fills in when the engine job has read it. */
    public void showAbout() {
        AboutViewModel vm = new AboutViewModel(ctx.jobs());
        vm.logFileProperty().set(logFile.get());
        AboutDialog dialog = new AboutDialog(vm, aboutGraphic.get(), owner());
        vm.load();
        dialog.show();
    }

    private Window owner() {
        return menuBar.getScene() == null ? null : menuBar.getScene().getWindow();
    }

    /** @return the tips strip for the top of the window */
    public TipsBar tipsBar() {
        return tipsBar;
    }

    /** @return the first-run tips */
    public TipsViewModel tips() {
        return tips;
    }

    /** @return the guide window once opened, else null */
    public GuideWindow guide() {
        return guide;
    }

    /** @return the graphic About shows beside its header (the app icon); null for none */
    public ObjectProperty<Node> aboutGraphicProperty() {
        return aboutGraphic;
    }

    /** @return the log file About names; null leaves the line out */
    public ObjectProperty<Path> logFileProperty() {
        return logFile;
    }
}
