package io.latentlab.ui.help;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The first-run tips: shown at start until the user chooses "Don't show again" (remembered in
 * the preferences), and shown again on request (Help > Show tips). FX thread only.
 */
public final class TipsViewModel {

    /** Preference: the user dismissed the tips for good. */
    public static final String PREF_DISMISSED = "help.tips.dismissed";

    private final Preferences prefs;
    private final List<String> tips;
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing");
    private final IntegerProperty index = new SimpleIntegerProperty(this, "index");
    private final StringBinding text;
    private final StringBinding counter;

    /**
     * @param prefs where the dismissal is remembered
     * @param tips the tips, in order
     */
    public TipsViewModel(Preferences prefs, List<String> tips) {
        if (tips.isEmpty()) {
            throw new IllegalArgumentException("no tips");
        }
        this.prefs = prefs;
        this.tips = List.copyOf(tips);
        text = Bindings.createStringBinding(() -> this.tips.get(index.get()), index);
        counter = Bindings.createStringBinding(
                () -> HelpText.format("tips.count", index.get() + 1, this.tips.size()), index);
        showing.set(!prefs.getBoolean(PREF_DISMISSED, false));
    }

    /**
     * @param prefs where the dismissal is remembered
     * @return the tips of the help strings ({@code tips.1}, {@code tips.2}, ...)
     */
    public static TipsViewModel standard(Preferences prefs) {
        List<String> tips = new ArrayList<>();
        for (int i = 1; HelpText.has("tips." + i); i++) {
            tips.add(HelpText.get("tips." + i));
        }
        return new TipsViewModel(prefs, tips);
    }

    /** Shows the next tip, after the last the first again. */
    public void next() {
        index.set((index.get() + 1) % tips.size());
    }

    /** Hides the tips until the next start. */
    public void close() {
        showing.set(false);
    }

    /** Hides the tips and remembers not to show them at start again. */
    public void dismiss() {
        prefs.putBoolean(PREF_DISMISSED, true);
        showing.set(false);
    }

    /** Shows the tips again from the first (Help > Show tips); a dismissal stays remembered. */
    public void show() {
        index.set(0);
        showing.set(true);
    }

    /** @return whether the tips are on screen */
    public ReadOnlyBooleanProperty showingProperty() {
        return showing;
    }

    /** @return index of the tip shown */
    public ReadOnlyIntegerProperty indexProperty() {
        return index;
    }

    /** @return the tip shown */
    public StringBinding text() {
        return text;
    }

    /** @return "Tip 2 of 5" */
    public StringBinding counter() {
        return counter;
    }

    /** @return how many tips there are */
    public int size() {
        return tips.size();
    }
}
