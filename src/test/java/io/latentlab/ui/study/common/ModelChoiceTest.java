package io.latentlab.ui.study.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.model.ModelMetadata;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelChoiceTest {

    private final Preferences prefs =
            Preferences.userRoot().node("latentlab-test-" + System.nanoTime());
    private final AppContext ctx = AppContext.sameThread(prefs);

    @AfterEach
    void tearDown() throws Exception {
        prefs.removeNode();
    }

    private static ActiveModel model(int ed, String dir) {
        return new ActiveModel("ED=" + ed + " \u00b7 " + dir, Path.of(dir), ModelMetadata.of(ed),
                null);
    }

    @Test
    void listsShowModelsByEdThenNameWhateverOrderTheyArrivedIn() {
        ModelChoice choice = new ModelChoice(ctx.models(), ctx.sortedModels());
        ActiveModel ed8 = model(8, "models/ed8");
        ActiveModel ed4 = model(4, "models/ed4");
        ActiveModel ed32 = model(32, "models/ed32");
        ActiveModel ed2 = model(2, "models/ed2");
        ActiveModel ed16 = model(16, "models/ed16");
        // the order the issue saw: 8, 4, 32, 2, 16 (numbers, not text: 16 after 8)
        for (ActiveModel m : List.of(ed8, ed4, ed32, ed2, ed16)) {
            ctx.models().add(m);
        }
        assertThat(choice.all()).containsExactly(ed2, ed4, ed8, ed16, ed32);
        assertThat(choice.chosen()).containsExactly(ed4, ed32);

        // a run listed later whose name sorts first is shown first, yet not chosen for the user
        ActiveModel run32 = model(32, "a-run/ed32");
        ctx.models().add(run32);
        assertThat(choice.all()).containsExactly(ed2, ed4, ed8, ed16, run32, ed32);
        assertThat(choice.chosen()).containsExactly(ed4, ed32);

        // gone models leave both lists
        ctx.models().remove(ed32);
        assertThat(choice.all()).containsExactly(ed2, ed4, ed8, ed16, run32);
        assertThat(choice.chosen()).containsExactly(ed4, run32);
    }

    @Test
    void theShownListIsReadOnly() {
        ctx.models().add(model(4, "models/ed4"));
        assertThatThrownBy(() -> ctx.sortedModels().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(ctx.models()).hasSize(1);
    }
}
