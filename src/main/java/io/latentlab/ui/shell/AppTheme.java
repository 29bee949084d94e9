package io.latentlab.ui.shell;

import atlantafx.base.theme.NordDark;
import atlantafx.base.theme.NordLight;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;

/** The AtlantaFX themes the View menu offers; {@link #id()} is what the preferences keep. */
public enum AppTheme {
    /** The default. */
    PRIMER_LIGHT("primer-light", new PrimerLight()),
    /** Dark. */
    PRIMER_DARK("primer-dark", new PrimerDark()),
    /** Light, softer colours. */
    NORD_LIGHT("nord-light", new NordLight()),
    /** Dark, softer colours. */
    NORD_DARK("nord-dark", new NordDark());

    private final String id;
    private final Theme theme;

    AppTheme(String id, Theme theme) {
        this.id = id;
        this.theme = theme;
    }

    /** @return the name kept in the preferences */
    public String id() {
        return id;
    }

    /** @return true for a dark theme */
    public boolean dark() {
        return theme.isDarkMode();
    }

    /** @return the theme's user-agent stylesheet */
    public String userAgentStylesheet() {
        return theme.getUserAgentStylesheet();
    }

    /**
     * @param id a remembered {@link #id()}; unknown or null gives the default
     * @return that theme
     */
    public static AppTheme fromId(String id) {
        for (AppTheme t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        return PRIMER_LIGHT;
    }
}
