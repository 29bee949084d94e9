package io.latentlab.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.Corruption;
import io.latentlab.data.MnistData;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.service.ModelHandle;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.RunCheckpoint;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingEvent;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.ManualExecutor;
import io.latentlab.ui.jobs.JobState;
import io.latentlab.ui.jobs.Jobs;
import io.latentlab.ui.study.common.ModelChoice;
import io.latentlab.ui.training.TrainViewModel.Field;
import io.latentlab.ui.training.TrainViewModel.State;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;

import java.util.List;
import java.util.Queue;

import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Train view's logic without an FX toolkit: real DJL on the test thread, tiny runs. Most
 * tests run jobs on the calling thread; the ones that pause or stop mid-run drive the engine
 * queue by hand, one task at a time.
 */
class TrainViewModelTest {

    private static final Preferences PREFS = Preferences.userRoot().node("latent-lab-tests");
    private static final long ONE_HOUR = 3_600_000_000_000L;

    private static MnistData data;

    @TempDir
    Path runs;

    private final ManualExecutor engine = new ManualExecutor();
    private AppContext ctx;
    private TrainViewModel vm;

    @BeforeAll
    static void loadData() throws Exception {
        MnistData full = io.latentlab.data.TestMnist.shipped();
        data = new MnistData(full.train().slice(0, 1000), full.test().slice(0, 100), full.dir(),
                full.checksum());
    }

    @BeforeEach
    void setUp() {
        use(AppContext.sameThread(PREFS));
    }

    /** Jobs wait in {@link #engine} until the test runs them. */
    private void useManualEngine() {
        use(new AppContext(new Jobs(engine, engine, Runnable::run), PREFS, () -> { }));
    }

    private void use(AppContext c) {
        ctx = c;
        vm = new TrainViewModel(ctx);
    }

    @AfterEach
    void tearDown() {
        ctx.close();
        engine.runAll();
    }

    /** ED 4, 200 digits (180 train, 20 validation), batches of 50: 4 batches per epoch. */
    private void tinyRun(int maxEpochs) {
        ctx.dataProperty().set(data);
        vm.setRunsDir(runs);
        vm.valueProperty(Field.ED).set("4");
        vm.valueProperty(Field.TRAIN_LIMIT).set("200");
        vm.valueProperty(Field.BATCH).set("50");
        vm.valueProperty(Field.MAX_EPOCHS).set(Integer.toString(maxEpochs));
        assertThat(vm.canStartProperty().get()).isTrue();
    }

    /** Runs engine tasks until the run has finished {@code n} epochs. */
    private void runUntilEpoch(int n) {
        while (vm.epochs().size() < n) {
            engine.runNext();
            vm.drain();
        }
    }

    @Test
    void aWindowNotShorterThanTheRunWarnsThatEarlyStoppingCannotEndIt() {
        vm.valueProperty(Field.PATIENCE).set("100");
        vm.valueProperty(Field.MAX_EPOCHS).set("3");
        assertThat(vm.configProperty().get()).as("a warning, not an error").isNotNull();
        assertThat(vm.formWarningProperty().get()).isEqualTo("Early stopping cannot end this "
                + "run: its window (100 epochs) is not shorter than Max epochs (3), so all 3 "
                + "epochs are trained.");
        vm.valueProperty(Field.MAX_EPOCHS).set("101");
        assertThat(vm.formWarningProperty().get()).isEmpty();
        vm.valueProperty(Field.MAX_EPOCHS).set("100");
        assertThat(vm.formWarningProperty().get()).contains("window (100 epochs)");
        // an invalid form shows its error, not the warning
        vm.valueProperty(Field.MAX_EPOCHS).set("x");
        assertThat(vm.formWarningProperty().get()).isEmpty();
    }

    @Test
    void defaultsAreValidButStartWaitsForData() {
        assertThat(vm.configProperty().get()).isNotNull();
        assertThat(vm.configProperty().get().maxEpochs()).isEqualTo(TrainViewModel.GUI_MAX_EPOCHS);
        assertThat(vm.canStartProperty().get()).isFalse();
        ctx.dataProperty().set(data);
        assertThat(vm.canStartProperty().get()).isTrue();
    }

    @Test
    void invalidLearningRateShowsInlineErrorAndDisablesStart() {
        ctx.dataProperty().set(data);
        vm.valueProperty(Field.LR).set("abc");
        assertThat(vm.errorProperty(Field.LR).get()).isEqualTo("must be a number");
        assertThat(vm.canStartProperty().get()).isFalse();
        assertThat(vm.configProperty().get()).isNull();

        vm.valueProperty(Field.LR).set("-0.1");
        assertThat(vm.errorProperty(Field.LR).get()).contains("learning rate");
        assertThat(vm.errorProperty(Field.WD).get()).isEmpty();
        assertThat(vm.canStartProperty().get()).isFalse();

        vm.valueProperty(Field.LR).set("0.005");
        assertThat(vm.errorProperty(Field.LR).get()).isEmpty();
        assertThat(vm.canStartProperty().get()).isTrue();
        assertThat(vm.configProperty().get().learningRate()).isEqualTo(0.005);
        // start() while invalid does nothing
        vm.valueProperty(Field.BATCH).set("2.5");
        assertThat(vm.errorProperty(Field.BATCH).get()).isEqualTo("must be a whole number");
        assertThat(vm.start()).isNull();
        assertThat(vm.stateProperty().get()).isEqualTo(State.IDLE);
        assertThat(ctx.jobs().running()).isEmpty();
    }

    @Test
    void subsetLargerThanTheDataIsRejected() {
        ctx.dataProperty().set(data);
        vm.valueProperty(Field.TRAIN_LIMIT).set("5000");
        assertThat(vm.errorProperty(Field.TRAIN_LIMIT).get()).contains("1000");
        assertThat(vm.canStartProperty().get()).isFalse();
    }

    @Test
    void smoothingAndLogHelpers() {
        assertThat(TrainChart.plotted(0.01, true)).isEqualTo(-2.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(TrainChart.plotted(0.01, false)).isEqualTo(0.01);
        assertThat(TrainChart.plotted(0, true)).isNaN();
        assertThat(TrainChart.ema(Double.NaN, 4, 0.9)).isEqualTo(4);
        assertThat(TrainChart.ema(4, 2, 0.5)).isEqualTo(3);
        assertThat(TrainChart.ema(4, 2, 0)).isEqualTo(2);
    }

    @Test
    void aFinishedRunIsOfferedButNeverBecomesTheActiveModelByItself() throws Exception {
        tinyRun(2);

        Job<?> job = vm.start();

        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(State.FINISHED);
        assertThat(job.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.titleProperty().get()).isEqualTo("Training ED=4");
        assertThat(job.messageProperty().get()).startsWith("Finished: reached 2 epochs");
        assertThat(vm.epochs()).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(vm.epochs()).allSatisfy(m -> {
            assertThat(m.trainMse()).isPositive();
            assertThat(m.valMse()).isPositive();
            assertThat(m.testMse()).isPositive();
        });
        assertThat(vm.batchPoints()).hasSize(8);
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.progressTextProperty().get()).matches("2 epochs trained \u00b7 \\d+ s");
        assertThat(vm.etaTextProperty().get()).isEmpty();
        assertThat(vm.bestTextProperty().get()).startsWith("best: epoch ");
        assertThat(vm.previewProperty().get().epoch()).isEqualTo(2);
        // the latent picture of every test digit there is (100 here), after the last epoch
        assertThat(vm.latentProperty().get().epoch()).isEqualTo(2);
        assertThat(vm.latentProperty().get().xy()).hasSize(200);
        assertThat(vm.previewProperty().get().images()).hasNumberOfRows(8);
        assertThat(vm.previewProperty().get().images()[0]).hasSize(784);
        assertThat(vm.canStartProperty().get()).isTrue();

        Path dir = vm.lastRunDirProperty().get();
        assertThat(dir.getParent()).isEqualTo(runs);
        assertThat(dir.getFileName().toString()).startsWith("ed4-");
        assertThat(ModelStore.paramsFile(dir, ModelStore.readMetadata(dir))).isRegularFile();
        assertThat(ModelStore.readMetadata(dir).encodingDim()).isEqualTo(4);
        assertThat(RunCheckpoint.readHistory(RunCheckpoint.historyFile(dir))).hasSize(2);

        // listed and offered, not switched to
        assertThat(ctx.models()).hasSize(1);
        assertThat(ctx.activeModelProperty().get()).isNull();
        AppContext.ActiveModel offered = vm.offeredModelProperty().get();
        assertThat(offered).isSameAs(ctx.models().get(0));
        assertThat(offered.dir()).isEqualTo(dir);
        assertThat(offered.metadata().encodingDim()).isEqualTo(4);
        assertThat(vm.offerTextProperty().get()).startsWith("Run saved: ED=4 \u00b7 ")
                .endsWith(dir.getFileName().toString());

        vm.useOfferedModel();
        assertThat(ctx.activeModelProperty().get()).isSameAs(offered);
        assertThat(vm.offeredModelProperty().get()).isNull();
        assertThat(vm.offerTextProperty().get()).isEmpty();

        Path csv = runs.resolve("export.csv");
        vm.exportHistory(csv);
        assertThat(Files.readAllLines(csv)).hasSize(3)
                .first().asString().startsWith("epoch,train_mse");
    }

    @Test
    void aDenoisingRunKeepsItsCorruptionInTheSavedSettings() throws Exception {
        tinyRun(1);
        assertThat(vm.corruptionProperty().get()).as("plain by default").isEqualTo(Corruption.NONE);
        vm.corruptionProperty().set(CorruptionChoice.PRESETS.get(5));

        vm.start();

        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(State.FINISHED);
        assertThat(ModelStore.readMetadata(vm.lastRunDirProperty().get()).values())
                .containsEntry("config.corrupt", CorruptionChoice.STUDY_MIX.replace(":1,",
                        ":1.0,").replace(":2,", ":2.0,"));
    }

    @Test
    void pauseFreesTheEngineForOtherJobsAndPausedTimeDoesNotCount() throws Exception {
        useManualEngine();
        tinyRun(2);
        Job<?> job = vm.start();
        assertThat(ctx.jobs().running()).containsExactly(job);
        runUntilEpoch(1);

        vm.pause();
        engine.runAll(); // the step queued before the pause parks the run
        assertThat(engine.queue).isEmpty();
        assertThat(job.stateProperty().get()).isEqualTo(JobState.PAUSED);
        assertThat(vm.stateProperty().get()).isEqualTo(State.PAUSED);
        assertThat(job.messageProperty().get()).startsWith("Paused \u00b7 Epoch 2 of at most 2");

        // a reconstruction with the run's checkpoint completes while the run is paused
        Path dir = vm.lastRunDirProperty().get();
        float[] digit = data.test().copyImage(3);
        List<float[]> out = new ArrayList<>();
        ctx.jobs().submit(Job.onEngine("Reconstruct", c -> {
            try (ModelHandle m = ModelHandle.load(dir)) {
                return m.reconstruct(digit);
            }
        }).onSuccess(out::add));
        engine.runAll();
        assertThat(out).singleElement().satisfies(r -> assertThat(r).hasSize(784));
        assertThat(vm.stateProperty().get()).isEqualTo(State.PAUSED);
        assertThat(vm.epochs()).hasSize(1);

        // an hour passes while paused: it does not count as running time
        vm.setClock(() -> System.nanoTime() + ONE_HOUR);
        vm.drain();
        assertThat(vm.progressTextProperty().get()).startsWith("Epoch 2 of at most 2 \u00b7 ")
                .endsWith(" s").doesNotContain(" h ", "min");

        vm.resume();
        assertThat(job.stateProperty().get()).isEqualTo(JobState.RUNNING);
        assertThat(vm.stateProperty().get()).isEqualTo(State.RUNNING);
        // the same clock counts while running: the elapsed time comes from it
        vm.drain();
        assertThat(vm.progressTextProperty().get()).endsWith("\u00b7 1 h 00 min");
        assertThat(job.messageProperty().get()).startsWith("Epoch 2 of at most 2 \u00b7 1 h 00 min");

        engine.runAll();
        assertThat(vm.stateProperty().get()).isEqualTo(State.FINISHED);
        assertThat(vm.epochs()).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(ctx.jobs().running()).isEmpty();
    }

    @Test
    void pauseAndResumeFromTheStatusBarReachTheView() {
        useManualEngine();
        tinyRun(1);
        Job<?> job = vm.start();
        engine.runNext();
        job.pause();
        assertThat(vm.stateProperty().get()).isEqualTo(State.PAUSED);
        assertThat(vm.messageProperty().get()).isEqualTo("Paused");
        job.resume();
        assertThat(vm.stateProperty().get()).isEqualTo(State.RUNNING);
        engine.runAll();
        assertThat(vm.stateProperty().get()).isEqualTo(State.FINISHED);
    }

    @Test
    void stopAfterAnEpochSaysSoAndOffersTheSavedRun() {
        useManualEngine();
        tinyRun(5);
        List<String> seen = new ArrayList<>();
        // whoever reacts to the end (the view) must read the final message, not "Stopping..."
        vm.stateProperty().addListener((o, a, s) -> seen.add(s + ": " + vm.messageProperty().get()));
        Job<?> job = vm.start();
        runUntilEpoch(1);
        engine.runNext();
        vm.drain();

        vm.stop();
        assertThat(vm.stateProperty().get()).isEqualTo(State.STOPPING);
        assertThat(job.messageProperty().get()).isEqualTo("Stopping after this batch...");
        engine.runAll();

        assertThat(vm.stateProperty().get()).isEqualTo(State.CANCELLED);
        assertThat(vm.messageProperty().get()).isEqualTo("Stopped after epoch 1");
        assertThat(job.messageProperty().get()).isEqualTo("Stopped after epoch 1");
        assertThat(vm.progressTextProperty().get()).startsWith("1 epoch trained \u00b7 ");
        assertThat(seen).containsExactly("RUNNING: Training",
                "STOPPING: Stopping after this batch...", "CANCELLED: Stopped after epoch 1");
        assertThat(vm.epochs()).hasSize(1);
        assertThat(ctx.models()).hasSize(1);
        assertThat(vm.offeredModelProperty().get()).isSameAs(ctx.models().get(0));
        assertThat(ctx.activeModelProperty().get()).isNull();
    }

    @Test
    void stopBeforeTheFirstEpochOffersNothing() {
        useManualEngine();
        tinyRun(3);
        vm.start();
        engine.runNext(); // opens the run
        engine.runNext(); // one batch
        vm.stop();
        engine.runAll();

        assertThat(vm.stateProperty().get()).isEqualTo(State.CANCELLED);
        assertThat(vm.messageProperty().get())
                .isEqualTo("Stopped before the first epoch finished; nothing was saved");
        assertThat(vm.epochs()).isEmpty();
        assertThat(ctx.models()).isEmpty();
        assertThat(vm.offeredModelProperty().get()).isNull();
        assertThat(ctx.activeModelProperty().get()).isNull();
        // the empty run folder is not left behind
        assertThat(vm.lastRunDirProperty().get()).doesNotExist();
        assertThat(vm.canStartProperty().get()).isTrue();
    }

    @Test
    void cancelFromTheStatusBarIsAStop() {
        useManualEngine();
        tinyRun(3);
        Job<?> job = vm.start();
        for (int i = 0; i < 5; i++) {
            engine.runNext(); // opens the run, then the 4 batches of epoch 1
        }
        job.cancel(); // the status bar's Cancel
        engine.runNext(); // epoch 1 is still evaluated
        vm.drain();
        assertThat(vm.stateProperty().get()).isEqualTo(State.STOPPING);
        assertThat(job.messageProperty().get()).isEqualTo("Stopping after this batch...");
        engine.runAll();
        assertThat(vm.stateProperty().get()).isEqualTo(State.CANCELLED);
        assertThat(vm.messageProperty().get()).isEqualTo("Stopped after epoch 1");
        assertThat(vm.offeredModelProperty().get()).isNotNull();
    }

    @Test
    void stopBeforeTheRunStartedEndsAtOnce() {
        useManualEngine();
        tinyRun(3);
        vm.start();
        vm.stop();
        assertThat(vm.stateProperty().get()).isEqualTo(State.CANCELLED);
        assertThat(vm.messageProperty().get()).startsWith("Stopped before the first epoch");
        engine.runAll();
        assertThat(vm.stateProperty().get()).isEqualTo(State.CANCELLED);
        assertThat(runs).isEmptyDirectory();
    }

    @Test
    void progressTextHasNoStraySeparator() {
        RunDisplay display = new RunDisplay(this, vm.strings());
        assertThat(display.progressLine(1, 3, "")).isEqualTo("Epoch 1 of at most 3");
        assertThat(display.progressLine(1, 3, "12 s")).isEqualTo("Epoch 1 of at most 3 \u00b7 12 s");

        useManualEngine();
        tinyRun(1);
        vm.start();
        List<String> texts = new ArrayList<>();
        while (!engine.queue.isEmpty()) {
            engine.runNext();
            vm.drain();
            texts.add(vm.progressTextProperty().get());
        }
        assertThat(texts).filteredOn(t -> !t.isEmpty()).isNotEmpty().allSatisfy(t -> assertThat(t)
                .matches("(Epoch 1 of at most 1|1 epoch trained) \u00b7 \\d+ s").doesNotContain(" . "));
    }

    @Test
    void theTimeLeftIgnoresAPauseInsideAnEpoch() {
        RunDisplay display = new RunDisplay(this, vm.strings());
        display.reset(TrainingConfig.builder(4).maxEpochs(2).build());
        Queue<Object> events = new ArrayDeque<>();
        // epoch 1 trained for 10 s and was paused for 10 min: its own seconds count both
        events.add(new TrainingEvent.BatchEnd(1, 4, 4, 0.05));
        events.add(new TrainingEvent.EpochEnd(new EpochMetrics(1, 0.05, 0.04, 0.04, 610, true)));
        display.drain(events, o -> { });
        // the job's running time excludes the pause: one epoch of 10 s is left
        display.updateProgress(10);
        assertThat(display.etaText().get()).isEqualTo("at most 10 s left");
        assertThat(display.progressText().get()).isEqualTo("Epoch 2 of at most 2 \u00b7 10 s");
    }

    @Test
    void aFinishedRunDoesNotTakeTheStudysDefaultPicks() {
        // "zoo/" sorts after the run's "runs/...": the run is shown first of the ED=4 models
        AppContext.ActiveModel ed4 = new AppContext.ActiveModel("ED=4 \u00b7 zoo/ed4",
                Path.of("zoo/ed4"), ModelMetadata.of(4), null);
        AppContext.ActiveModel ed32 = new AppContext.ActiveModel("ED=32 \u00b7 models/ed32",
                Path.of("models/ed32"), ModelMetadata.of(32), null);
        ctx.models().setAll(ed32, ed4);
        ModelChoice choice = new ModelChoice(ctx.models(), ctx.sortedModels());
        assertThat(choice.chosen()).containsExactly(ed4, ed32);
        tinyRun(1);

        vm.start();

        // listed (last) and offered, shown in order, but the default comparison stays
        // ED=4 vs ED=32 of the models listed before
        AppContext.ActiveModel run = vm.offeredModelProperty().get();
        assertThat(run.metadata().encodingDim()).isEqualTo(4);
        assertThat(ctx.models()).containsExactly(ed32, ed4, run);
        assertThat(ctx.sortedModels()).containsExactly(run, ed4, ed32);
        assertThat(choice.all()).containsExactly(run, ed4, ed32);
        assertThat(choice.chosen()).containsExactly(ed4, ed32);
        assertThat(ctx.activeModelProperty().get()).isNotSameAs(run);
        run.model().close();
    }

    @Test
    void aSecondRunStartsWithAnEmptyChart() {
        useManualEngine();
        tinyRun(1);
        vm.start();
        engine.runAll();
        assertThat(vm.epochs()).hasSize(1);
        assertThat(vm.offeredModelProperty().get()).isNotNull();

        vm.start();
        // before the second run trained anything, nothing of the first is shown
        assertThat(vm.stateProperty().get()).isEqualTo(State.RUNNING);
        assertThat(vm.epochs()).isEmpty();
        assertThat(vm.batchPoints()).isEmpty();
        assertThat(vm.previewProperty().get()).isNull();
        assertThat(vm.bestTextProperty().get()).isEqualTo("best: -");
        assertThat(vm.progressProperty().get()).isZero();
        assertThat(vm.progressTextProperty().get()).isEmpty();
        assertThat(vm.offeredModelProperty().get()).isNull();
        engine.runNext();
        engine.runNext();
        vm.drain();
        assertThat(vm.batchPoints()).singleElement()
                .satisfies(p -> assertThat(p.x()).isEqualTo(0.25));
        engine.runAll();
        // both runs are in the model list, in different folders
        assertThat(ctx.models()).hasSize(2);
        assertThat(ctx.models().get(0).dir()).isNotEqualTo(ctx.models().get(1).dir());
    }

    @Test
    void anErrorIsReportedAndTheFormStaysUsable(@TempDir Path tmp) throws Exception {
        ctx.dataProperty().set(data);
        // a file where the runs folder should be: the run folder cannot be created
        Path notAFolder = Files.writeString(tmp.resolve("runs"), "x");
        tinyRun(1);
        vm.setRunsDir(notAFolder);
        Job<?> job = vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(State.FAILED);
        assertThat(job.stateProperty().get()).isEqualTo(JobState.FAILED);
        assertThat(vm.errorProperty().get()).isNotBlank();
        assertThat(vm.messageProperty().get()).startsWith("Failed: ");
        assertThat(ctx.jobs().running()).isEmpty();
        assertThat(ctx.models()).isEmpty();
        assertThat(vm.canStartProperty().get()).isTrue();
    }
}
