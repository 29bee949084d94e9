package io.latentlab.ui.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchReport;
import io.latentlab.study.NoiseTable;
import io.latentlab.study.ReconstructionGrid;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.study.StudyViewModel.Field;
import io.latentlab.ui.study.StudyViewModel.State;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Study view model with a direct executor and a real DJL thread (no FX toolkit). */
class StudyViewModelTest {

    private static MnistData data;

    private AppContext ctx;
    private StudyViewModel vm;

    @BeforeAll
    static void loadData() throws Exception {
        MnistData full = MnistData.load(Path.of("assets/mnist"));
        data = new MnistData(full.train().slice(0, 300), full.test().slice(0, 200), full.dir(),
                full.checksum());
    }

    @BeforeEach
    void setUp() {
        ctx = new AppContext(new DjlThread(), Runnable::run,
                Preferences.userRoot().node("latent-lab-tests"));
        vm = new StudyViewModel(ctx);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ActiveModel m : ctx.models()) {
            ctx.djl().submit(() -> {
                m.model().close();
                return null;
            }).get(10, TimeUnit.SECONDS);
        }
        ctx.close();
    }

    private void tinyGrid(int epochs) {
        vm.valueProperty(Field.ED).set("2");
        vm.valueProperty(Field.LRS).set("1e-2, 1e-3");
        vm.valueProperty(Field.WDS).set("1e-4");
        vm.valueProperty(Field.FOLDS).set("2");
        vm.valueProperty(Field.EPOCHS).set(Integer.toString(epochs));
        vm.valueProperty(Field.BATCH).set("100");
        vm.valueProperty(Field.TRAIN_LIMIT).set("0");
        vm.valueProperty(Field.SEED).set("1");
        vm.valueProperty(Field.MAX_LOSS).set("10");
        ctx.dataProperty().set(data);
    }

    @Test
    void formValidationFlagsFieldsAndDisablesRun() {
        assertThat(vm.canRunGridProperty().get()).isFalse();
        ctx.dataProperty().set(data);
        // the GUI default subset (6000) is larger than this small training set
        assertThat(vm.errorProperty(Field.TRAIN_LIMIT).get()).isEqualTo("at most 300 (the training set)");
        assertThat(vm.canRunGridProperty().get()).isFalse();
        vm.valueProperty(Field.TRAIN_LIMIT).set("0");
        assertThat(vm.canRunGridProperty().get()).isTrue();
        vm.valueProperty(Field.LRS).set("0.01, x");
        assertThat(vm.errorProperty(Field.LRS).get()).isEqualTo("must be numbers separated by commas");
        assertThat(vm.canRunGridProperty().get()).isFalse();
        vm.valueProperty(Field.LRS).set("0.01");
        vm.valueProperty(Field.FOLDS).set("1");
        assertThat(vm.errorProperty(Field.FOLDS).get()).isEqualTo("must be at least 2");
        vm.valueProperty(Field.FOLDS).set("2");
        vm.valueProperty(Field.TRAIN_LIMIT).set("1000");
        assertThat(vm.errorProperty(Field.TRAIN_LIMIT).get()).isEqualTo("at most 300 (the training set)");
        vm.valueProperty(Field.TRAIN_LIMIT).set("0");
        assertThat(vm.canRunGridProperty().get()).isTrue();
        assertThat(StudyViewModel.parseList(" 1e-2; 1e-3 1e-4")).containsExactly(1e-2, 1e-3, 1e-4);
    }

    @Test
    void tinyGridSearchPublishesTableWinnerAndHeatMap(@TempDir Path tmp) throws Exception {
        tinyGrid(1);
        vm.runGrid().get(120, TimeUnit.SECONDS);

        assertThat(vm.gridStateProperty().get()).isEqualTo(State.FINISHED);
        assertThat(vm.settingRows()).hasSize(2);
        assertThat(vm.gridResultProperty().get().winner()).isNotNull();
        assertThat(vm.winnerTextProperty().get()).startsWith("Winner: lr=");
        assertThat(vm.heatCells()).hasSize(2);
        assertThat(vm.heatCells()).filteredOn(StudyViewModel.HeatCell::best).hasSize(1);
        assertThat(vm.heatCells()).extracting(StudyViewModel.HeatCell::row)
                .containsExactlyInAnyOrder(0, 1);
        assertThat(vm.heatCells()).allSatisfy(c -> {
            assertThat(c.col()).isZero();
            assertThat(c.setting().meanValMse()).isFinite().isPositive();
            assertThat(c.setting().folds()).hasSize(2);
        });
        assertThat(vm.settingRows()).extracting(StudyViewModel.SettingRow::rank)
                .containsExactlyInAnyOrder(1, 2);
        assertThat(vm.selectedSettingProperty().get())
                .isSameAs(vm.gridResultProperty().get().winner());
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(ctx.legacyStatus().runningProperty().get()).isFalse();

        Path csv = tmp.resolve("grid.csv");
        assertThat(vm.gridFileProperty().get()).isNull();
        vm.writeGridCsv(csv);
        assertThat(Files.readString(csv)).startsWith(GridSearchReport.SUMMARY_HEADER);
        assertThat(Files.exists(GridSearchReport.curvesPath(csv))).isTrue();
        // saved: the report will include it
        assertThat(vm.gridFileProperty().get()).isEqualTo(csv);

        // a fresh view opens the saved search: same table, winner and form
        StudyViewModel other = new StudyViewModel(ctx);
        other.openGrid(csv).get(10, TimeUnit.SECONDS);
        assertThat(other.errorProperty().get()).isNull();
        assertThat(other.winnerTextProperty().get()).isEqualTo(vm.winnerTextProperty().get());
        assertThat(other.settingRows()).extracting(r -> r.setting().label() + " " + r.rank())
                .containsExactlyElementsOf(vm.settingRows().stream()
                        .map(r -> r.setting().label() + " " + r.rank()).toList());
        assertThat(other.heatCells()).hasSize(2);
        assertThat(other.valueProperty(Field.ED).get()).isEqualTo("2");
        assertThat(other.valueProperty(Field.LRS).get()).isEqualTo("0.01, 0.001");
        assertThat(other.valueProperty(Field.BATCH).get()).isEqualTo("100");
        assertThat(other.valueProperty(Field.MAX_LOSS).get()).isEqualTo("10");
        assertThat(other.optionsProperty().get()).isEqualTo(vm.gridResultProperty().get().options());
        assertThat(other.messageProperty().get()).isEqualTo("Grid search loaded from grid.csv");
        assertThat(other.gridFileProperty().get()).isEqualTo(csv);

        // a file that is not there: the message names it, the shown result stays
        GridSearch.Result shown = other.gridResultProperty().get();
        other.openGrid(tmp.resolve("gone.csv")).get(10, TimeUnit.SECONDS);
        assertThat(other.errorProperty().get()).isEqualTo(tmp.resolve("gone.csv") + ": no such file");
        assertThat(other.gridResultProperty().get()).isSameAs(shown);
        assertThat(other.gridFileProperty().get()).isEqualTo(csv);

        // a new search is not saved yet
        vm.runGrid().get(120, TimeUnit.SECONDS);
        assertThat(vm.gridFileProperty().get()).isNull();
    }

    @Test
    void cancelStopsTheSearchWithoutPublishingHalfAResult() throws Exception {
        tinyGrid(300);
        var done = vm.runGrid();
        assertThat(vm.gridStateProperty().get()).isEqualTo(State.RUNNING);
        assertThat(ctx.legacyStatus().runningProperty().get()).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (vm.progressProperty().get() <= 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            vm.drain();
        }
        assertThat(vm.progressProperty().get()).isPositive();
        assertThat(vm.progressTextProperty().get()).contains("Fit 1 of 4");
        // the search yields to other DJL work between batches
        assertThat(ctx.djl().submit(() -> 42).get(20, TimeUnit.SECONDS)).isEqualTo(42);

        ctx.legacyStatus().cancel();
        assertThat(vm.gridStateProperty().get()).isIn(State.STOPPING, State.CANCELLED);
        done.get(60, TimeUnit.SECONDS);
        assertThat(vm.gridStateProperty().get()).isEqualTo(State.CANCELLED);
        assertThat(vm.gridResultProperty().get()).isNull();
        assertThat(vm.settingRows()).isEmpty();
        assertThat(vm.heatCells()).isEmpty();
        assertThat(vm.winnerTextProperty().get()).isEmpty();
        assertThat(ctx.legacyStatus().runningProperty().get()).isFalse();
        assertThat(vm.canRunGridProperty().get()).isTrue();
    }

    private ActiveModel untrained(int ed, long seed) throws Exception {
        Autoencoder model = ctx.djl().submit(() -> Autoencoder.create(ed, seed))
                .get(30, TimeUnit.SECONDS);
        return io.latentlab.ui.TestModels.active("ED=" + ed, null, ModelMetadata.of(ed)
                .with("test_mse", 0.02 * ed).with("epochs", 3).with("early_stopped", true),
                model);
    }

    @Test
    void noiseTableOfTwoUntrainedModels() throws Exception {
        ActiveModel a = untrained(2, 1);
        ActiveModel b = untrained(4, 2);
        ctx.models().setAll(a, b);
        ctx.dataProperty().set(data);
        assertThat(StudyViewModel.defaultSelection(ctx.models())).containsExactly(b, a);
        vm.noiseModels().setAll(a, b);
        vm.noiseLimitProperty().set("100");
        vm.runNoise().get(120, TimeUnit.SECONDS);

        assertThat(vm.noiseStateProperty().get()).isEqualTo(State.FINISHED);
        NoiseTable t = vm.noiseTableProperty().get();
        assertThat(t.count()).isEqualTo(100);
        assertThat(t.models()).containsExactly("ED=2", "ED=4");
        assertThat(t.mse()).hasNumberOfRows(8);
        for (double[] row : t.mse()) {
            assertThat(row).hasSize(2);
            for (double v : row) {
                assertThat(v).isFinite().isPositive();
            }
        }
        assertThat(t.sigmas()).hasSize(21);
        // one reconstruction grid per model, 8 noises x the first 8 test digits
        assertThat(vm.noiseGrids()).extracting(ReconstructionGrid::label)
                .containsExactly("ED=2", "ED=4");
        assertThat(vm.noiseGrids().get(1).outputs()).hasDimensions(8, 8);
        assertThat(vm.noiseGrids().get(1).seed()).isEqualTo(t.seed());
        List<List<String>> rows = StudyView.noiseRows(t);
        assertThat(rows).hasSize(8);
        assertThat(rows).allSatisfy(r -> assertThat(r.stream().filter(x -> x.endsWith("*")))
                .hasSize(1));

        // the models table reads the metadata
        assertThat(vm.modelRows()).extracting(StudyViewModel.ModelRow::ed).containsExactly(2, 4);
        assertThat(vm.modelRows().get(0).earlyStopped()).isEqualTo("yes");
        assertThat(vm.testMseByEd()).containsEntry(2, 0.04).containsEntry(4, 0.08);
        // the study gives a test MSE for ED=4 only of these
        assertThat(vm.studyTestMseByEd()).containsExactly(java.util.Map.entry(4, 0.027));
        assertThat(vm.modelsCsv()).isEqualTo("name,ed,test_mse,val_mse,epochs,best_epoch,"
                + "early_stopped,study_test_mse\n\"ED=2\",2,0.040000,,3,,yes,\n"
                + "\"ED=4\",4,0.080000,,3,,yes,0.027000\n");
        // a model without a test MSE of its own gets no study point either (ED=32 here)
        ctx.models().add(io.latentlab.ui.TestModels.active("ED=32", null, ModelMetadata.of(32),
                untrained(32, 3).model().autoencoder()));
        assertThat(vm.modelRows()).hasSize(3);
        assertThat(vm.studyTestMseByEd()).containsExactly(java.util.Map.entry(4, 0.027));
    }

    @Test
    void cancelledNoiseTablePublishesNothing() throws Exception {
        ActiveModel a = untrained(2, 1);
        ctx.models().setAll(a);
        ctx.dataProperty().set(data);
        vm.noiseModels().setAll(a);
        vm.noiseLimitProperty().set("100");
        var done = vm.runNoise();
        ctx.legacyStatus().cancel();
        done.get(60, TimeUnit.SECONDS);
        assertThat(vm.noiseStateProperty().get()).isEqualTo(State.CANCELLED);
        assertThat(vm.noiseTableProperty().get()).isNull();
        assertThat(vm.noiseGrids()).isEmpty();
        assertThat(ctx.legacyStatus().runningProperty().get()).isFalse();
    }

    @Test
    void noiseLimitAcceptsAllOrAPositiveNumber() {
        assertThat(StudyViewModel.parseLimit("all")).isZero();
        assertThat(StudyViewModel.parseLimit(" 250 ")).isEqualTo(250);
        vm.noiseLimitProperty().set("-3");
        assertThat(vm.noiseErrorProperty().get()).isNotEmpty();
        vm.noiseLimitProperty().set("ALL");
        assertThat(vm.noiseErrorProperty().get()).isEmpty();
    }

    @Test
    void defaultSelectionPrefersEd4AndEd32() throws Exception {
        ActiveModel a = untrained(2, 1);
        ActiveModel b = untrained(32, 2);
        ActiveModel c = untrained(4, 3);
        ctx.models().setAll(a, b, c);
        assertThat(StudyViewModel.defaultSelection(ctx.models())).containsExactly(c, b);
        assertThat(StudyViewModel.defaultSelection(List.of(a))).containsExactly(a);
    }

    @Test
    void latentMetricsOfAnUntrainedModel() throws Exception {
        ActiveModel a = untrained(2, 1);
        ctx.models().setAll(a);
        ctx.dataProperty().set(data);
        vm.metricsModels().setAll(a);
        vm.runMetrics().get(120, TimeUnit.SECONDS);
        assertThat(vm.metricsStateProperty().get()).isEqualTo(State.FINISHED);
        assertThat(vm.metricsRows()).hasSize(1);
        assertThat(vm.metricsRows().get(0).metrics().knnAccuracy()).isBetween(0.0, 1.0);
        assertThat(vm.metricsRows().get(0).metrics().pc1Ratio()).isBetween(0.0, 1.0);
    }
}
