package io.latentlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.ui.FxTestSupport;
import io.latentlab.ui.shell.AppTheme;

import java.util.prefs.Preferences;

import org.junit.jupiter.api.Test;

/** The remembered theme, also from the preferences of a version without theme names. */
class LatentLabAppTest {

    private final Preferences p = FxTestSupport.prefs("app-theme");

    @Test
    void noChoiceGivesTheLightTheme() {
        assertThat(LatentLabApp.rememberedTheme(p)).isEqualTo(AppTheme.PRIMER_LIGHT);
    }

    @Test
    void anOlderVersionsDarkChoiceGivesTheDarkTheme() {
        p.putBoolean(LatentLabApp.PREF_DARK, true);
        assertThat(LatentLabApp.rememberedTheme(p)).isEqualTo(AppTheme.PRIMER_DARK);
        p.putBoolean(LatentLabApp.PREF_DARK, false);
        assertThat(LatentLabApp.rememberedTheme(p)).isEqualTo(AppTheme.PRIMER_LIGHT);
    }

    @Test
    void aNamedThemeWinsOverTheOldFlag() {
        p.putBoolean(LatentLabApp.PREF_DARK, true);
        p.put(LatentLabApp.PREF_THEME, AppTheme.NORD_LIGHT.id());
        assertThat(LatentLabApp.rememberedTheme(p)).isEqualTo(AppTheme.NORD_LIGHT);
        p.put(LatentLabApp.PREF_THEME, "no-such-theme");
        assertThat(LatentLabApp.rememberedTheme(p)).isEqualTo(AppTheme.PRIMER_LIGHT);
    }
}
