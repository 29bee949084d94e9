package io.latentlab.ui.study.common;

import java.util.Locale;
import java.util.ResourceBundle;

/** The Study room's strings ({@code io/latentlab/ui/study/strings.properties}), one bundle for all its tabs. */
public final class StudyText {

    private static final ResourceBundle BUNDLE =
            ResourceBundle.getBundle("io.latentlab.ui.study.strings", Locale.getDefault());

    private StudyText() {
    }

    /** @return the bundle */
    public static ResourceBundle bundle() {
        return BUNDLE;
    }

    /**
     * @param key a key
     * @return its text
     */
    public static String get(String key) {
        return BUNDLE.getString(key);
    }

    /**
     * @param key a key whose text is a format
     * @param args its arguments
     * @return the formatted text
     */
    public static String format(String key, Object... args) {
        return String.format(BUNDLE.getString(key), args);
    }
}
