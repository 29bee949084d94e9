package io.latentlab.ui.help;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCharacterCombination;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The keyboard shortcut sheet. The menus' part is read from the menu bar itself (every
 * accelerator and every menu's mnemonic), so it cannot drift from the menus; the views' keys,
 * which are key handlers rather than accelerators, are listed in {@link #viewShortcuts()}.
 */
public final class ShortcutSheet {

    /**
     * One line of the sheet.
     *
     * @param group where the keys work ("File", "Reconstruct", ...)
     * @param keys the keys as the platform writes them ("Ctrl+O")
     * @param action what they do
     */
    public record Shortcut(String group, String keys, String action) {}

    private ShortcutSheet() {
    }

    /**
     * @param bar the main window's menu bar
     * @return the menus' shortcuts, then the views'
     */
    public static List<Shortcut> of(MenuBar bar) {
        List<Shortcut> all = new ArrayList<>(menuShortcuts(bar));
        all.addAll(viewShortcuts());
        return all;
    }

    /**
     * @param bar a menu bar
     * @return the keys that open each menu (Alt+F, ..., F10), then each menu's accelerators,
     *     submenus included, in menu order
     */
    public static List<Shortcut> menuShortcuts(MenuBar bar) {
        List<Shortcut> out = new ArrayList<>();
        String menusGroup = HelpText.get("shortcuts.menu");
        for (Menu m : bar.getMenus()) {
            KeyCombination mnemonic = mnemonic(m);
            if (mnemonic != null) {
                out.add(new Shortcut(menusGroup, mnemonic.getDisplayText(),
                        HelpText.format("shortcuts.openMenu", plain(m.getText()))));
            }
        }
        // the menu bar's skin puts F10 on the scene (not on a Mac)
        KeyCombination f10 = new KeyCodeCombination(KeyCode.F10);
        if (bar.getScene() != null && bar.getScene().getAccelerators().containsKey(f10)) {
            out.add(new Shortcut(menusGroup, f10.getDisplayText(),
                    HelpText.get("shortcuts.menuBar")));
        }
        for (Menu m : bar.getMenus()) {
            addAccelerators(plain(m.getText()), m, out);
        }
        return out;
    }

    private static void addAccelerators(String group, Menu menu, List<Shortcut> out) {
        for (MenuItem item : menu.getItems()) {
            if (item.getAccelerator() != null) {
                out.add(new Shortcut(group, item.getAccelerator().getDisplayText(),
                        plain(item.getText())));
            }
            if (item instanceof Menu sub) {
                addAccelerators(group, sub, out);
            }
        }
    }

    /** @return Alt plus the letter after the underscore of a menu's text, or null */
    private static KeyCombination mnemonic(Menu m) {
        String text = m.getText();
        int at = text == null ? -1 : text.indexOf('_');
        if (!m.isMnemonicParsing() || at < 0 || at + 1 >= text.length()) {
            return null;
        }
        return new KeyCharacterCombination(
                text.substring(at + 1, at + 2).toUpperCase(Locale.ROOT), KeyCombination.ALT_DOWN);
    }

    /** @return a menu text without its mnemonic mark and trailing dots */
    private static String plain(String text) {
        return text == null ? "" : text.replace("_", "").replaceAll("\\.{3}$|\u2026$", "");
    }

    /**
     * The keys the views handle themselves (TrainView's scene accelerators, ReconstructView's
     * and LatentView's key handlers, GridSearchView's filter); a test checks the scene's
     * accelerators against this list.
     *
     * @return the views' shortcuts
     */
    public static List<Shortcut> viewShortcuts() {
        List<Shortcut> out = new ArrayList<>();
        String train = HelpText.get("shortcuts.train");
        out.add(view(train, shortcut(KeyCode.ENTER), "shortcuts.train.start"));
        out.add(view(train, shortcut(KeyCode.P), "shortcuts.train.pause"));
        out.add(view(train, shortcut(KeyCode.PERIOD), "shortcuts.train.stop"));
        String rec = HelpText.get("shortcuts.reconstruct");
        out.add(view(rec, key(KeyCode.LEFT), "shortcuts.reconstruct.previous"));
        out.add(view(rec, key(KeyCode.RIGHT), "shortcuts.reconstruct.next"));
        out.add(view(rec, key(KeyCode.R), "shortcuts.reconstruct.random"));
        out.add(view(rec, shortcut(KeyCode.Z), "shortcuts.reconstruct.undo"));
        out.add(view(rec, key(KeyCode.DELETE), "shortcuts.reconstruct.clear"));
        String latent = HelpText.get("shortcuts.latent");
        out.add(view(latent, key(KeyCode.DIGIT0), "shortcuts.latent.reset"));
        out.add(view(latent, new KeyCharacterCombination("+"), "shortcuts.latent.zoomIn"));
        out.add(view(latent, new KeyCharacterCombination("-"), "shortcuts.latent.zoomOut"));
        out.add(view(latent, key(KeyCode.W), "shortcuts.latent.walk"));
        out.add(view(latent, key(KeyCode.I), "shortcuts.latent.line"));
        out.add(view(latent, key(KeyCode.M), "shortcuts.latent.map"));
        out.add(new Shortcut(latent, HelpText.get("shortcuts.latent.scroll"),
                HelpText.get("shortcuts.latent.scrollAction")));
        out.add(new Shortcut(latent, HelpText.get("shortcuts.latent.shiftClick"),
                HelpText.get("shortcuts.latent.shiftClickAction")));
        String grid = HelpText.get("shortcuts.grid");
        out.add(view(grid, shortcut(KeyCode.ENTER), "shortcuts.grid.run"));
        out.add(view(grid, shortcut(KeyCode.PERIOD), "shortcuts.grid.cancel"));
        return out;
    }

    private static Shortcut view(String group, KeyCombination keys, String action) {
        return new Shortcut(group, keys.getDisplayText(), HelpText.get(action));
    }

    private static KeyCombination key(KeyCode code) {
        return new KeyCodeCombination(code);
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }
}
