package io.latentlab.ui.study.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.ModelMetadata;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchReport;
import io.latentlab.study.SavedGrids;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.FxTestSupport;
import io.latentlab.ui.study.grid.GridSearchViewModel.MseRange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: the grid tab opens the study's search for the active model's ED by itself, names
 * the winner once, and spans its colour scale over the kept settings.
 */
class GridSearchShownTest {

    private AppContext ctx;
    private GridSearchViewModel vm;

    @BeforeEach
    void setUp() {
        ctx = AppContext.sameThread(Preferences.userRoot().node("latent-lab-tests"));
        vm = new GridSearchViewModel(ctx);
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    private static ActiveModel model(int ed) {
        return new ActiveModel("ED=" + ed + " · models/ed" + ed, Path.of("models/ed" + ed),
                ModelMetadata.of(ed), null);
    }

    private static GridSearch.FoldCurve curve(int fold, double val) {
        return new GridSearch.FoldCurve(fold, new double[] {0.11, val * 0.99},
                new double[] {0.1, val});
    }

    /** Two settings of ED=4 whose final validation MSEs are a and b (above 0.1: discarded). */
    private static Path saved(Path file, double a, double b) throws Exception {
        return saved(file, a, b, "sha");
    }

    /** The same, computed on the data of this SHA-256. */
    private static Path saved(Path file, double a, double b, String sha) throws Exception {
        GridSearch.Options o = GridSearch.Options.builder(4).learningRates(1e-2, 1e-3)
                .weightDecays(1e-5).folds(2).epochs(2).batchSize(100).seed(3).build();
        GridSearchReport.write(GridSearch.rank(o, List.of(
                GridSearch.evaluate(1e-2, 1e-5, List.of(curve(0, a), curve(1, a)), o, null),
                GridSearch.evaluate(1e-3, 1e-5, List.of(curve(0, b), curve(1, b)), o, null)),
                sha, null), file);
        return file;
    }

    @Test
    void theStudysSearchForTheActiveModelsEdOpensByItself(@TempDir Path tmp) throws Exception {
        Path shipped = Files.createDirectories(tmp.resolve("docs"));
        SavedGrids.tiny(shipped.resolve("ed2.csv"));
        saved(shipped.resolve("ed4.csv"), 0.03, 0.05);
        vm.setDefaultFolder(shipped);
        assertThat(vm.resultProperty().get()).isNull();

        ctx.activeModelProperty().set(model(2));
        assertThat(vm.fileProperty().get()).isEqualTo(shipped.resolve("ed2.csv"));
        assertThat(vm.resultProperty().get().options().encodingDim()).isEqualTo(2);
        assertThat(vm.status().messageProperty().get()).startsWith("Grid search loaded from "
                + "ed2.csv; its mean-image baselines are unknown");
        // it follows the active model while the user has not chosen one
        ctx.activeModelProperty().set(model(4));
        assertThat(vm.fileProperty().get()).isEqualTo(shipped.resolve("ed4.csv"));
        // no search shipped for ED=8: the one on show stays
        ctx.activeModelProperty().set(model(8));
        assertThat(vm.fileProperty().get()).isEqualTo(shipped.resolve("ed4.csv"));

        // the user's own search is never replaced
        Path own = saved(tmp.resolve("mine.csv"), 0.02, 0.04);
        vm.open(own);
        ctx.activeModelProperty().set(model(2));
        assertThat(vm.fileProperty().get()).isEqualTo(own);
        assertThat(vm.status().messageProperty().get()).startsWith("Grid search loaded from "
                + "mine.csv");
    }

    @Test
    void withTheDataLoadedItSaysWhoseSearchItIs(@TempDir Path tmp) throws Exception {
        saved(tmp.resolve("ed4.csv"), 0.03, 0.05, FxTestSupport.smallData().checksum());
        vm.setDefaultFolder(tmp);
        ctx.dataProperty().set(FxTestSupport.smallData());
        ctx.activeModelProperty().set(model(4));
        assertThat(vm.status().messageProperty().get())
                .isEqualTo("The study's grid search for ED=4 (ed4.csv); Open... shows another");
    }

    @Test
    void theWinnerIsNamedOnceAndTheScaleSpansTheKeptSettings(@TempDir Path tmp)
            throws Exception {
        vm.open(saved(tmp.resolve("grid.csv"), 0.03, 0.05));
        String winner = vm.winnerTextProperty().get();
        assertThat(winner).startsWith("Winner: lr=0.01 wd=0.00001 has the lowest mean "
                + "validation MSE 0.030000 over 2 folds");
        assertThat(winner.indexOf("lr=0.01 wd=0.00001"))
                .isEqualTo(winner.lastIndexOf("lr=0.01 wd=0.00001"));
        MseRange range = vm.rangeProperty().get();
        assertThat(range.min()).isEqualTo(0.03);
        assertThat(range.max()).isEqualTo(0.05);

        vm.open(saved(tmp.resolve("none.csv"), 0.5, 0.6));
        assertThat(vm.winnerTextProperty().get())
                .isEqualTo("No winner: all 2 settings were discarded");
        assertThat(vm.rangeProperty().get()).isNull();
    }
}
