package io.latentlab.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.ui.FxTestSupport;

import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** First-run tips: shown on fresh preferences, gone for good once dismissed, back on request. */
class TipsViewModelTest {

    private final Preferences prefs = FxTestSupport.prefs("tips-view-model");

    @AfterEach
    void clean() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void freshPreferencesShowTheFirstTip() {
        TipsViewModel vm = TipsViewModel.standard(prefs);
        assertThat(vm.showingProperty().get()).isTrue();
        assertThat(vm.size()).isBetween(3, 5);
        assertThat(vm.text().get()).contains("Start");
        assertThat(vm.counter().get()).isEqualTo("Tip 1 of " + vm.size());
    }

    @Test
    void nextGoesRoundTheTips() {
        TipsViewModel vm = new TipsViewModel(prefs, List.of("a", "b", "c"));
        vm.next();
        assertThat(vm.text().get()).isEqualTo("b");
        assertThat(vm.counter().get()).isEqualTo("Tip 2 of 3");
        vm.next();
        vm.next();
        assertThat(vm.text().get()).isEqualTo("a");
    }

    @Test
    void dontShowAgainIsRememberedAndShowTipsBringsThemBack() {
        TipsViewModel vm = new TipsViewModel(prefs, List.of("a", "b"));
        vm.next();
        vm.dismiss();
        assertThat(vm.showingProperty().get()).isFalse();
        assertThat(prefs.getBoolean(TipsViewModel.PREF_DISMISSED, false)).isTrue();

        TipsViewModel nextStart = new TipsViewModel(prefs, List.of("a", "b"));
        assertThat(nextStart.showingProperty().get()).isFalse();
        nextStart.show();
        assertThat(nextStart.showingProperty().get()).isTrue();
        assertThat(nextStart.text().get()).isEqualTo("a");
    }

    @Test
    void closingHidesTheTipsUntilTheNextStartOnly() {
        TipsViewModel vm = new TipsViewModel(prefs, List.of("a"));
        vm.close();
        assertThat(vm.showingProperty().get()).isFalse();
        assertThat(new TipsViewModel(prefs, List.of("a")).showingProperty().get()).isTrue();
    }
}
