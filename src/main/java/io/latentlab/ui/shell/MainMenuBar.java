package io.latentlab.ui.shell;

import java.util.ResourceBundle;

import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** File, View and Help menus with their shortcuts. */
final class MainMenuBar extends MenuBar {

    /**
     * What the menu items do.
     *
     * @param openModel File > Open model
     * @param saveModel File > Save model as
     * @param openDataset File > Open dataset folder
     * @param exportView File > Export view as PNG
     * @param exportCsv File > Export data as CSV
     * @param quit File > Quit
     * @param about Help > About
     */
    record Actions(Runnable openModel, Runnable saveModel, Runnable openDataset,
            Runnable exportView, Runnable exportCsv, Runnable quit, Runnable about) {}

    private final ResourceBundle s;
    private final Menu help;

    /**
     * @param s shell strings
     * @param actions what the items do
     * @param noModel true while Save has nothing to save
     * @param theme the theme the View menu switches
     */
    MainMenuBar(ResourceBundle s, Actions actions, ObservableBooleanValue noModel,
            ObjectProperty<AppTheme> theme) {
        this.s = s;
        setId("menu-bar");
        MenuItem open = item("action.openModel", new FontIcon(MaterialDesignF.FOLDER_OPEN),
                shortcut(KeyCode.O), actions.openModel());
        MenuItem dataset = item("action.openDataset", new FontIcon(MaterialDesignD.DATABASE),
                shiftShortcut(KeyCode.O), actions.openDataset());
        MenuItem save = item("action.saveModel", new FontIcon(MaterialDesignC.CONTENT_SAVE),
                shortcut(KeyCode.S), actions.saveModel());
        save.disableProperty().bind(noModel);
        MenuItem export = item("action.exportView", new FontIcon(MaterialDesignF.FILE_IMAGE),
                shortcut(KeyCode.E), actions.exportView());
        MenuItem csv = item("action.exportCsv", new FontIcon(MaterialDesignF.FILE_DELIMITED),
                shiftShortcut(KeyCode.E), actions.exportCsv());
        MenuItem quit = item("action.quit", new FontIcon(MaterialDesignE.EXIT_TO_APP),
                shortcut(KeyCode.Q), actions.quit());
        Menu file = new Menu(s.getString("menu.file"), null, open, save, dataset, export, csv,
                new SeparatorMenuItem(), quit);

        ToggleGroup themes = new ToggleGroup();
        for (AppTheme t : AppTheme.values()) {
            String key = switch (t) {
                case PRIMER_LIGHT -> "light";
                case PRIMER_DARK -> "dark";
                case NORD_LIGHT -> "nord-light";
                case NORD_DARK -> "nord-dark";
            };
            RadioMenuItem item = new RadioMenuItem(s.getString("theme." + key));
            item.setId("menu-theme-" + key);
            item.setUserData(t);
            item.setToggleGroup(themes);
            item.setSelected(theme.get() == t);
            item.selectedProperty().addListener((o, was, now) -> {
                if (now) {
                    theme.set(t);
                }
            });
            // a click selects it; an accelerator or fire() only fires it
            item.setOnAction(e -> item.setSelected(true));
            if (t == AppTheme.PRIMER_LIGHT) {
                item.setAccelerator(shiftShortcut(KeyCode.L));
            } else if (t == AppTheme.PRIMER_DARK) {
                item.setGraphic(new FontIcon(MaterialDesignT.THEME_LIGHT_DARK));
                item.setAccelerator(shiftShortcut(KeyCode.D));
            }
        }
        theme.addListener((o, a, b) -> themes.getToggles().stream()
                .filter(t -> t.getUserData() == b).findFirst()
                .ifPresent(t -> t.setSelected(true)));
        Menu view = new Menu(s.getString("menu.view"));
        themes.getToggles().forEach(t -> view.getItems().add((MenuItem) t));

        MenuItem about = item("action.about", new FontIcon(MaterialDesignI.INFORMATION_OUTLINE),
                null, actions.about());
        help = new Menu(s.getString("menu.help"), null, about);
        getMenus().addAll(file, view, help);
    }

    /** @return the Help menu, which ui.help fills above About */
    Menu helpMenu() {
        return help;
    }

    private static KeyCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    private static KeyCombination shiftShortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }

    private MenuItem item(String key, Node icon, KeyCombination shortcut, Runnable action) {
        MenuItem m = new MenuItem(s.getString(key), icon);
        m.setId("menu-" + key.substring(key.indexOf('.') + 1));
        m.setAccelerator(shortcut);
        m.setOnAction(e -> action.run());
        return m;
    }
}
