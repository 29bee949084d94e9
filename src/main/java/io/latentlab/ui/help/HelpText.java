package io.latentlab.ui.help;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** The help strings ({@code io/latentlab/ui/help/strings.properties}). */
final class HelpText {

    private static final ResourceBundle BUNDLE =
            ResourceBundle.getBundle("io.latentlab.ui.help.strings", Locale.getDefault());

    private HelpText() {
    }

    /**
     * @param key a key
     * @return its text
     */
    static String get(String key) {
        return BUNDLE.getString(key);
    }

    /**
     * @param key a key whose text is a format
     * @param args its arguments
     * @return the formatted text
     */
    static String format(String key, Object... args) {
        return String.format(BUNDLE.getString(key), args);
    }

    /**
     * @param key a key whose text holds several lines
     * @return its lines, blank ones left out
     */
    static List<String> lines(String key) {
        return Arrays.stream(BUNDLE.getString(key).split("\n"))
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * @param key a key
     * @return whether the bundle has it
     */
    static boolean has(String key) {
        return BUNDLE.containsKey(key);
    }
}
