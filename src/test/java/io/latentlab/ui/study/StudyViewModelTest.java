package io.latentlab.ui.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchReport;
import io.latentlab.study.NoiseTable;
import io.latentlab.study.ReconstructionGrid;
import io.latentlab.study.SavedGrids;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.TestModels;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobState;
import io.latentlab.ui.study.common.ModelChoice;
import io.latentlab.ui.study.common.TabStatus.State;
import io.latentlab.ui.study.grid.GridForm;
import io.latentlab.ui.study.grid.GridForm.Field;
import io.latentlab.ui.study.grid.GridSearchViewModel;
import io.latentlab.ui.study.noise.NoiseViewModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Study room's view models with same-thread jobs (no FX toolkit, no engine thread): a job
 * has run, callbacks included, when the call that submitted it returns. A cancel "in the
 * middle" is asked from a progress listener, which runs between two steps of the job.
 */
class StudyViewModelTest {

    private static MnistData data;

    private AppContext ctx;
    private StudyViewModel vm;
    private final List<ActiveModel> made = new ArrayList<>();

    @BeforeAll
    static void loadData() throws Exception {
        DjlThread.prepareCurrentThread();
        MnistData full = io.latentlab.data.TestMnist.shipped();
        data = new MnistData(full.train().slice(0, 300), full.test().slice(0, 200), full.dir(),
                full.checksum());
    }

    @BeforeEach
    void setUp() {
        ctx = AppContext.sameThread(Preferences.userRoot().node("latent-lab-tests"));
        vm = new StudyViewModel(ctx);
    }

    @AfterEach
    void tearDown() {
        made.forEach(m -> m.model().close());
        ctx.close();
    }

    private GridSearchViewModel tinyGrid(int epochs) {
        GridForm f = vm.grid().form();
        f.valueProperty(Field.ED).set("2");
        f.valueProperty(Field.LRS).set("1e-2, 1e-3");
        f.valueProperty(Field.WDS).set("1e-4");
        f.valueProperty(Field.FOLDS).set("2");
        f.valueProperty(Field.EPOCHS).set(Integer.toString(epochs));
        f.valueProperty(Field.BATCH).set("100");
        f.valueProperty(Field.TRAIN_LIMIT).set("0");
        f.valueProperty(Field.SEED).set("1");
        f.valueProperty(Field.MAX_LOSS).set("10");
        f.valueProperty(Field.WORKERS).set("2");
        // a few epochs on 300 digits do not beat the mean image: the rule off, for a winner
        f.valueProperty(Field.BASELINE_MARGIN).set("-10");
        ctx.dataProperty().set(data);
        return vm.grid();
    }

    /** A grid search saved to a file, without training. */
    private static Path savedGrid(Path file) throws Exception {
        SavedGrids.tiny(file);
        return file;
    }

    private ActiveModel untrained(int ed, long seed) {
        return untrained("ED=" + ed, ed, seed, ModelMetadata.of(ed).with("test_mse", 0.02 * ed)
                .with("epochs", 3).with("early_stopped", true));
    }

    private ActiveModel untrained(String name, int ed, long seed, ModelMetadata md) {
        ActiveModel m = TestModels.active(name, null, md, Autoencoder.create(ed, seed));
        made.add(m);
        return m;
    }

    @Test
    void formValidationFlagsFieldsAndDisablesRun() {
        GridForm f = vm.grid().form();
        assertThat(vm.grid().canRunProperty().get()).isFalse();
        ctx.dataProperty().set(data);
        // the GUI default subset (6000) is larger than this small training set
        assertThat(f.errorProperty(Field.TRAIN_LIMIT).get())
                .isEqualTo("at most 300 (the training set)");
        assertThat(vm.grid().canRunProperty().get()).isFalse();
        f.valueProperty(Field.TRAIN_LIMIT).set("0");
        assertThat(vm.grid().canRunProperty().get()).isTrue();
        f.valueProperty(Field.LRS).set("0.01, x");
        assertThat(f.errorProperty(Field.LRS).get()).isEqualTo("must be numbers separated by commas");
        assertThat(vm.grid().canRunProperty().get()).isFalse();
        f.valueProperty(Field.LRS).set("0.01");
        f.valueProperty(Field.FOLDS).set("1");
        assertThat(f.errorProperty(Field.FOLDS).get()).isEqualTo("must be at least 2");
        f.valueProperty(Field.FOLDS).set("2");
        f.valueProperty(Field.TRAIN_LIMIT).set("1000");
        assertThat(f.errorProperty(Field.TRAIN_LIMIT).get())
                .isEqualTo("at most 300 (the training set)");
        f.valueProperty(Field.TRAIN_LIMIT).set("0");
        assertThat(vm.grid().canRunProperty().get()).isTrue();
        assertThat(GridForm.parseList(" 1e-2; 1e-3 1e-4")).containsExactly(1e-2, 1e-3, 1e-4);
    }

    @Test
    void tinyGridSearchPublishesTableWinnerAndHeatMap(@TempDir Path tmp) throws Exception {
        GridSearchViewModel grid = tinyGrid(1);
        Job<GridSearch.Result> job = grid.run();

        assertThat(job.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.isPausable()).isTrue();
        assertThat(grid.status().stateProperty().get()).isEqualTo(State.FINISHED);
        assertThat(grid.status().messageProperty().get()).startsWith("Grid search finished in ");
        assertThat(grid.status().progressProperty().get()).isEqualTo(1.0);
        assertThat(grid.status().progressTextProperty().get()).isEmpty();
        assertThat(grid.settingRows()).hasSize(2);
        assertThat(grid.resultProperty().get().winner()).isNotNull();
        assertThat(grid.winnerTextProperty().get()).startsWith("Winner: lr=");
        assertThat(grid.heatCells()).hasSize(2);
        assertThat(grid.heatCells()).filteredOn(GridSearchViewModel.HeatCell::best).hasSize(1);
        assertThat(grid.heatCells()).extracting(GridSearchViewModel.HeatCell::row)
                .containsExactlyInAnyOrder(0, 1);
        assertThat(grid.heatCells()).allSatisfy(c -> {
            assertThat(c.col()).isZero();
            assertThat(c.setting().meanValMse()).isFinite().isPositive();
            assertThat(c.setting().folds()).hasSize(2);
        });
        assertThat(grid.settingRows()).extracting(GridSearchViewModel.SettingRow::rank)
                .containsExactlyInAnyOrder(1, 2);
        assertThat(grid.selectedProperty().get()).isSameAs(grid.resultProperty().get().winner());
        assertThat(ctx.jobs().running()).isEmpty();

        Path csv = tmp.resolve("grid.csv");
        assertThat(grid.fileProperty().get()).isNull();
        grid.writeCsv(csv);
        assertThat(Files.readString(csv)).startsWith(GridSearchReport.SUMMARY_HEADER);
        assertThat(Files.exists(GridSearchReport.curvesPath(csv))).isTrue();
        // saved: the report will include it
        assertThat(grid.fileProperty().get()).isEqualTo(csv);

        // a fresh room opens the saved search: same table, winner and form
        GridSearchViewModel other = new StudyViewModel(ctx).grid();
        other.open(csv);
        assertThat(other.status().errorProperty().get()).isNull();
        assertThat(other.winnerTextProperty().get()).isEqualTo(grid.winnerTextProperty().get());
        assertThat(other.settingRows()).extracting(r -> r.setting().label() + " " + r.rank())
                .containsExactlyElementsOf(grid.settingRows().stream()
                        .map(r -> r.setting().label() + " " + r.rank()).toList());
        assertThat(other.heatCells()).hasSize(2);
        assertThat(other.form().valueProperty(Field.ED).get()).isEqualTo("2");
        assertThat(other.form().valueProperty(Field.LRS).get()).isEqualTo("0.01, 0.001");
        assertThat(other.form().valueProperty(Field.BATCH).get()).isEqualTo("100");
        assertThat(other.form().valueProperty(Field.MAX_LOSS).get()).isEqualTo("10");
        assertThat(other.form().optionsProperty().get())
                .isEqualTo(grid.resultProperty().get().options());
        assertThat(other.status().messageProperty().get())
                .isEqualTo("Grid search loaded from grid.csv");
        assertThat(other.fileProperty().get()).isEqualTo(csv);

        // a file that is not there: the message names it, the shown result stays
        GridSearch.Result shown = other.resultProperty().get();
        other.open(tmp.resolve("gone.csv"));
        assertThat(other.status().errorProperty().get())
                .isEqualTo(tmp.resolve("gone.csv") + ": no such file");
        assertThat(other.status().messageProperty().get())
                .isEqualTo("Failed: " + tmp.resolve("gone.csv") + ": no such file");
        assertThat(other.resultProperty().get()).isSameAs(shown);
        assertThat(other.fileProperty().get()).isEqualTo(csv);

        // a new search is not saved yet
        grid.run();
        assertThat(grid.fileProperty().get()).isNull();
    }

    @Test
    void cancellingTheGridSearchKeepsTheFinishedSettings() {
        GridSearchViewModel grid = tinyGrid(1);
        List<String> lines = new ArrayList<>();
        List<State> stateWhenOtherJobRan = new ArrayList<>();
        List<List<String>> workerLines = new ArrayList<>();
        grid.workerLines().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!grid.workerLines().isEmpty()) {
                workerLines.add(List.copyOf(grid.workerLines()));
            }
        });
        // while the search runs the engine is free for other work, and the user cancels once
        // the first setting (fits 1 and 2 of 4) has finished
        grid.status().progressTextProperty().addListener((o, a, line) -> {
            lines.add(line);
            if (lines.size() == 1) {
                ctx.jobs().submit(Job.onEngine("other", c -> 42)
                        .onSuccess(v -> stateWhenOtherJobRan.add(grid.status().stateProperty().get())));
            }
            if (grid.status().progressProperty().get() >= 0.5
                    && grid.status().stateProperty().get() == State.RUNNING) {
                grid.cancel();
                assertThat(grid.status().stateProperty().get()).isEqualTo(State.STOPPING);
                assertThat(grid.status().messageProperty().get()).isEqualTo("Stopping...");
            }
        });
        Job<GridSearch.Result> job = grid.run();

        assertThat(stateWhenOtherJobRan).containsExactly(State.RUNNING);
        assertThat(lines).filteredOn(l -> l.contains("fits done")).isNotEmpty()
                .allMatch(l -> l.matches("[0-4] of 4 fits done, 2 at a time \u00b7 elapsed .*"),
                        "progress lines");
        // what each of the two threads trained, shown while the search ran, gone after
        assertThat(workerLines).isNotEmpty().allSatisfy(w -> assertThat(w).hasSize(2)
                .allMatch(l -> l.matches("thread [12]: (idle|lr=0\\.0?01 wd=0\\.0001 fold [12], "
                        + "epoch 1 of 1)")));
        assertThat(grid.workerLines()).isEmpty();
        assertThat(job.stateProperty().get()).isEqualTo(JobState.CANCELLED);
        assertThat(grid.status().stateProperty().get()).isEqualTo(State.CANCELLED);
        assertThat(grid.status().messageProperty().get())
                .isEqualTo("Cancelled: showing the 1 of 2 settings that finished");
        assertThat(grid.resultProperty().get().settings())
                .extracting(GridSearch.SettingResult::label).containsExactly("lr=0.01 wd=0.0001");
        assertThat(grid.settingRows()).hasSize(1);
        assertThat(grid.heatCells()).hasSize(1);
        assertThat(grid.winnerTextProperty().get()).startsWith("Winner: lr=0.01 wd=0.0001");
        assertThat(grid.fileProperty().get()).isNull();
        assertThat(grid.canRunProperty().get()).isTrue();
        assertThat(ctx.jobs().running()).isEmpty();
    }

    @Test
    void cancelBeforeAnySettingFinishedPublishesNothing() {
        GridSearchViewModel grid = tinyGrid(3);
        grid.status().progressProperty().addListener((o, a, p) -> grid.cancel());
        grid.run();
        assertThat(grid.status().stateProperty().get()).isEqualTo(State.CANCELLED);
        assertThat(grid.status().messageProperty().get()).isEqualTo("Cancelled");
        assertThat(grid.resultProperty().get()).isNull();
        assertThat(grid.settingRows()).isEmpty();
        assertThat(grid.heatCells()).isEmpty();
        assertThat(grid.winnerTextProperty().get()).isEmpty();
        assertThat(grid.canRunProperty().get()).isTrue();
        assertThat(ctx.jobs().running()).isEmpty();
    }

    @Test
    void aTabsMessageNeverShowsInAnotherTab(@TempDir Path tmp) throws Exception {
        ActiveModel a = untrained(2, 1);
        ctx.models().setAll(a);
        ctx.dataProperty().set(data);
        vm.grid().open(savedGrid(tmp.resolve("grid.csv")));
        assertThat(vm.grid().status().messageProperty().get())
                .isEqualTo("Grid search loaded from grid.csv");
        assertThat(vm.noise().status().messageProperty().get()).isEmpty();
        assertThat(vm.metrics().status().messageProperty().get()).isEmpty();
        assertThat(vm.report().messageProperty().get()).isEmpty();

        vm.noise().limitProperty().set("20");
        vm.noise().run();
        assertThat(vm.noise().status().messageProperty().get())
                .startsWith("Noise table finished in ");
        assertThat(vm.grid().status().messageProperty().get())
                .isEqualTo("Grid search loaded from grid.csv");
        assertThat(vm.metrics().status().messageProperty().get()).isEmpty();
        // while the noise table ran, the grid tab's progress line stayed empty
        assertThat(vm.grid().status().progressTextProperty().get()).isEmpty();
    }

    @Test
    void noiseTableOfTwoUntrainedModels() {
        ActiveModel a = untrained(2, 1);
        ActiveModel b = untrained(4, 2);
        ctx.models().setAll(a, b);
        ctx.dataProperty().set(data);
        NoiseViewModel noise = vm.noise();
        // the default choice: ED=4 first
        assertThat(noise.models().chosen()).containsExactly(b, a);
        noise.models().choose(List.of(a, b));
        noise.limitProperty().set("100");
        noise.run();

        assertThat(noise.status().stateProperty().get()).isEqualTo(State.FINISHED);
        NoiseTable t = noise.tableProperty().get();
        assertThat(t.count()).isEqualTo(100);
        assertThat(t.models()).containsExactly("ED=2", "ED=4");
        assertThat(t.mse()).hasNumberOfRows(9);
        for (double[] row : t.mse()) {
            assertThat(row).hasSize(2);
            for (double v : row) {
                assertThat(v).isFinite().isPositive();
            }
        }
        assertThat(t.sigmas()).hasSize(21);
        // one reconstruction grid per model, 9 noises x the first 8 test digits
        assertThat(noise.grids()).extracting(ReconstructionGrid::label)
                .containsExactly("ED=2", "ED=4");
        assertThat(noise.grids().get(1).outputs()).hasDimensions(9, 8);
        assertThat(noise.grids().get(1).seed()).isEqualTo(t.seed());
        // drawn by a worker job: 8 digits of 56 px plus row labels; 18 rows of 56 px
        assertThat(noise.gridImages()).hasSize(2).allSatisfy(img -> {
            assertThat(img.getWidth()).isGreaterThan(8 * 56);
            assertThat(img.getHeight()).isGreaterThan(18 * 56);
        });
        List<List<String>> rows = NoiseViewModel.rows(t);
        assertThat(rows).hasSize(9);
        assertThat(rows).allSatisfy(r -> assertThat(r.stream().filter(x -> x.endsWith("*")))
                .hasSize(1));
        // label, two models, then the study's ED=4 and ED=32 values: both occlusion readings
        // carry the study's row, the others none
        assertThat(NoiseViewModel.studyEds()).containsExactly(4, 32);
        assertThat(rows.get(6)).hasSize(5).startsWith("occlusion 14x14 (anywhere inside)")
                .endsWith("0.0502", "0.0329");
        assertThat(rows.get(7)).hasSize(5).startsWith("occlusion 14x14 (one quadrant)")
                .endsWith("0.0502", "0.0329");
        assertThat(rows.get(1)).startsWith("gaussian:0.1").endsWith("\u2013", "\u2013");

        // the models table reads the metadata
        var ed = vm.ed();
        assertThat(ed.modelRows()).extracting(r -> r.ed()).containsExactly(2, 4);
        assertThat(ed.modelRows().get(0).earlyStopped()).isEqualTo("yes");
        assertThat(ed.testMseByEd()).containsEntry(2, 0.04).containsEntry(4, 0.08);
        // the study gives a test MSE for ED=4 only of these
        assertThat(ed.studyTestMseByEd()).containsExactly(Map.entry(4, 0.027));
        assertThat(ed.modelsCsv()).isEqualTo("name,ed,test_mse,val_mse,epochs,best_epoch,"
                + "early_stopped,study_test_mse\nED=2,2,0.040000,,3,,yes,\n"
                + "ED=4,4,0.080000,,3,,yes,0.027000\n");
        // a model without a test MSE of its own gets no study point either (ED=32 here)
        ctx.models().add(untrained("ED=32, no MSE", 32, 3, ModelMetadata.of(32)));
        assertThat(ed.modelRows()).hasSize(3);
        assertThat(ed.studyTestMseByEd()).containsExactly(Map.entry(4, 0.027));
        assertThat(ed.modelsCsv()).endsWith("\n\"ED=32, no MSE\",32,,,,,,0.008500\n");
    }

    @Test
    void cancelledNoiseTablePublishesNothing() {
        ActiveModel a = untrained(2, 1);
        ctx.models().setAll(a);
        ctx.dataProperty().set(data);
        NoiseViewModel noise = vm.noise();
        noise.limitProperty().set("20");
        noise.status().progressProperty().addListener((o, x, p) -> noise.cancel());
        noise.run();
        assertThat(noise.status().stateProperty().get()).isEqualTo(State.CANCELLED);
        assertThat(noise.status().messageProperty().get()).isEqualTo("Cancelled");
        assertThat(noise.tableProperty().get()).isNull();
        assertThat(noise.grids()).isEmpty();
        assertThat(noise.gridImages()).isEmpty();
        assertThat(ctx.jobs().running()).isEmpty();
        assertThat(noise.canRunProperty().get()).isTrue();
    }

    @Test
    void noiseLimitAcceptsAllOrAPositiveNumber() {
        assertThat(NoiseViewModel.parseLimit("all")).isZero();
        assertThat(NoiseViewModel.parseLimit(" 250 ")).isEqualTo(250);
        vm.noise().limitProperty().set("-3");
        assertThat(vm.noise().inputErrorProperty().get()).isNotEmpty();
        vm.noise().limitProperty().set("ALL");
        assertThat(vm.noise().inputErrorProperty().get()).isEmpty();
    }

    @Test
    void defaultSelectionPrefersEd4AndEd32UntilTheUserChooses() {
        ActiveModel a = untrained(2, 1);
        ActiveModel b = untrained(32, 2);
        ActiveModel c = untrained(4, 3);
        ctx.models().setAll(a, b, c);
        assertThat(ModelChoice.defaultSelection(ctx.models())).containsExactly(c, b);
        assertThat(ModelChoice.defaultSelection(List.of(a))).containsExactly(a);
        ModelChoice choice = vm.metrics().models();
        assertThat(choice.chosen()).containsExactly(c, b);
        choice.choose(List.of(a, b));
        ctx.models().add(untrained(8, 4));
        // the user's choice stays; a model that goes leaves it
        assertThat(choice.chosen()).containsExactly(a, b);
        ctx.models().remove(a);
        assertThat(choice.chosen()).containsExactly(b);
        // the noise tab's choice is its own
        assertThat(vm.noise().models().chosen()).containsExactly(c, b);
    }

    @Test
    void everyTabStartsFromTheOneDefaultSeed() {
        assertThat(vm.noise().seedProperty().get()).isEqualTo("1");
        assertThat(vm.grid().form().valueProperty(Field.SEED).get()).isEqualTo("1");
        assertThat(vm.metrics().note()).isEqualTo("First 10000 test digits; 5000 random training "
                + "digits as kNN reference (k = 5); silhouettes on a 1000-digit sample; seed 1. "
                + "Barnes\u2013Hut t-SNE (perplexity 30) of the first 10000 digits, after the rest: "
                + "silhouette and leave-one-out kNN accuracy in that plane.");
    }

    @Test
    void latentMetricsOfAnUntrainedModel() {
        ActiveModel a = untrained(2, 1);
        ctx.models().setAll(a);
        ctx.dataProperty().set(data);
        vm.metrics().models().choose(List.of(a));
        vm.metrics().run();
        assertThat(vm.metrics().status().stateProperty().get()).isEqualTo(State.FINISHED);
        assertThat(vm.metrics().status().messageProperty().get())
                .startsWith("Latent metrics finished in ");
        assertThat(vm.metrics().rows()).hasSize(1);
        assertThat(vm.metrics().rows().get(0).metrics().knnAccuracy()).isBetween(0.0, 1.0);
        assertThat(vm.metrics().rows().get(0).metrics().pc1Ratio()).isBetween(0.0, 1.0);
        // the second phase (t-SNE on a worker) filled its columns
        assertThat(vm.metrics().rows().get(0).metrics().tsne().count()).isEqualTo(200);
        assertThat(vm.metrics().rows().get(0).metrics().tsne().knnAccuracy()).isBetween(0.0, 1.0);
        assertThat(vm.metrics().csv()).startsWith("name,ed,pc1_ratio,pc2_ratio,silhouette_2d,"
                + "silhouette_full,knn_accuracy,tsne_silhouette,tsne_knn_accuracy\nED=2,2,0.");
    }

    @Test
    void theReportIsWrittenByAJobWithTheSavedGridSearch(@TempDir Path tmp) throws Exception {
        ctx.dataProperty().set(data);
        assertThat(vm.canWriteReportProperty().get()).isFalse();
        // an unsaved model cannot be reported on
        ctx.models().add(untrained(4, 1));
        assertThat(vm.writeReport(tmp.resolve("none"))).isNull();
        assertThat(vm.report().messageProperty().get())
                .isEqualTo("Failed: No saved model to report on");

        Path modelDir = tmp.resolve("ed2");
        try (Autoencoder m = Autoencoder.create(2, 1)) {
            ModelStore.save(modelDir, m, ModelMetadata.of(2));
        }
        ActiveModel saved = TestModels.active("ed2", modelDir, ModelStore.readMetadata(modelDir),
                Autoencoder.create(2, 1));
        made.add(saved);
        ctx.models().add(saved);
        assertThat(vm.canWriteReportProperty().get()).isTrue();
        // a grid search opened from a file goes into the report
        vm.grid().open(savedGrid(tmp.resolve("ed2 grid.csv")));
        Path out = tmp.resolve("report");
        Job<Path> job = vm.writeReport(out);

        assertThat(job.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        Path index = out.resolve("index.md");
        assertThat(Files.readString(index)).contains("noise-table.csv")
                .contains("(grid-search-ed2_grid.png)");
        assertThat(out.resolve("recon-ed2.png")).exists();
        assertThat(out.resolve("grid-search-ed2_grid.md")).exists();
        assertThat(vm.report().messageProperty().get()).isEqualTo("Report written: " + index);
        assertThat(vm.report().stateProperty().get()).isEqualTo(State.FINISHED);
        // the tabs' messages are not the report's
        assertThat(vm.noise().status().messageProperty().get()).isEmpty();
    }
}
