package io.latentlab.ui.study.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchReport;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.study.grid.GridForm.Field;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, item 2: the grid tab judges an opened search by today's rule, on its data. */
class GridSearchJudgedTest {

    private static MnistData data;

    private AppContext ctx;
    private GridSearchViewModel vm;

    @BeforeAll
    static void loadData() throws Exception {
        MnistData full = io.latentlab.data.TestMnist.shipped();
        data = new MnistData(full.train().slice(0, 300), full.test().slice(0, 100), full.dir(),
                full.checksum());
    }

    @BeforeEach
    void setUp() {
        ctx = AppContext.sameThread(Preferences.userRoot().node("latent-lab-tests"));
        vm = new GridSearchViewModel(ctx);
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    private static GridSearch.FoldCurve curve(int fold, double val) {
        return new GridSearch.FoldCurve(fold, new double[] {0.11, val * 0.99},
                new double[] {0.1, val});
    }

    /**
     * Saved before the baselines were known: lr 1e-2 learned (0.030), lr 1e-4 sat on the
     * mean image (0.066; the baselines of these 300 digits are about 0.067).
     */
    private static Path saved(Path tmp) throws Exception {
        GridSearch.Options o = GridSearch.Options.builder(2).learningRates(1e-2, 1e-4)
                .weightDecays(1e-5).folds(2).epochs(2).batchSize(100).seed(3).build();
        Path csv = tmp.resolve("grid.csv");
        GridSearchReport.write(GridSearch.rank(o, List.of(
                GridSearch.evaluate(1e-2, 1e-5, List.of(curve(0, 0.030), curve(1, 0.030)),
                        o, null),
                GridSearch.evaluate(1e-4, 1e-5, List.of(curve(0, 0.066), curve(1, 0.066)),
                        o, null)), data.checksum(), null), csv);
        return csv;
    }

    @Test
    void anOpenedSearchIsJudgedOnTheLoadedData(@TempDir Path tmp) throws Exception {
        Path csv = saved(tmp);
        // no data yet: shown as stored, and the message says the rule was not applied
        vm.open(csv);
        assertThat(vm.status().messageProperty().get()).isEqualTo("Grid search loaded from "
                + "grid.csv; its mean-image baselines are unknown until the data is loaded, "
                + "so the never-learned rule was not applied");
        assertThat(vm.resultProperty().get().ranking()).hasSize(2);

        ctx.dataProperty().set(data);
        vm.open(csv);
        assertThat(vm.status().messageProperty().get())
                .isEqualTo("Grid search loaded from grid.csv");
        GridSearch.Result r = vm.resultProperty().get();
        assertThat(r.baselines()).hasSize(2).allSatisfy(b -> assertThat(b)
                .isBetween(0.06, 0.075));
        assertThat(vm.settingRows()).extracting(GridSearchViewModel.SettingRow::status)
                .containsExactly("kept", String.format(Locale.ROOT, "discarded: fold 1: "
                        + "validation MSE 0.0660 is not 10%% below the mean-image baseline "
                        + "%.4f (never learned)", r.baselines().get(0)));
        assertThat(vm.heatCells().get(1).shade()).isNaN();
        assertThat(vm.winnerTextProperty().get()).startsWith("Winner: lr=0.01 wd=0.00001")
                .endsWith("1 kept, 1 discarded");
        assertThat(vm.form().valueProperty(Field.BASELINE_MARGIN).get()).isEqualTo("0.1");
    }

    @Test
    void theMarginFieldIsValidated() {
        GridForm f = vm.form();
        assertThat(f.valueProperty(Field.BASELINE_MARGIN).get()).isEqualTo("0.1");
        f.valueProperty(Field.BASELINE_MARGIN).set("1");
        assertThat(f.errorProperty(Field.BASELINE_MARGIN).get()).isEqualTo("must be below 1");
        assertThat(f.optionsProperty().get()).isNull();
        f.valueProperty(Field.BASELINE_MARGIN).set("ten");
        assertThat(f.errorProperty(Field.BASELINE_MARGIN).get()).isEqualTo("must be a number");
        f.valueProperty(Field.BASELINE_MARGIN).set("0.25");
        assertThat(f.errorProperty(Field.BASELINE_MARGIN).get()).isEmpty();
        assertThat(f.optionsProperty().get().baselineMargin()).isEqualTo(0.25);
    }
}
