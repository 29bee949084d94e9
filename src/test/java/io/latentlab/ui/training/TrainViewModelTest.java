package io.latentlab.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelStore;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.RunCheckpoint;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.training.TrainViewModel.Field;
import io.latentlab.ui.training.TrainViewModel.State;

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

/** The Train view's logic without an FX toolkit: direct executor, real DJL, small data. */
class TrainViewModelTest {

    private static MnistData data;

    private AppContext ctx;
    private TrainViewModel vm;

    @BeforeAll
    static void loadData() throws Exception {
        MnistData full = MnistData.load(Path.of("assets/mnist"));
        data = new MnistData(full.train().slice(0, 2000), full.test().slice(0, 500), full.dir(),
                full.checksum());
    }

    @BeforeEach
    void setUp() {
        ctx = new AppContext(new DjlThread(), Runnable::run,
                Preferences.userRoot().node("latent-lab-tests"));
        vm = new TrainViewModel(ctx);
    }

    @AfterEach
    void tearDown() {
        ctx.close();
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
        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(State.IDLE);
    }

    @Test
    void subsetLargerThanTheDataIsRejected() {
        ctx.dataProperty().set(data);
        vm.valueProperty(Field.TRAIN_LIMIT).set("5000");
        assertThat(vm.errorProperty(Field.TRAIN_LIMIT).get()).contains("2000");
        assertThat(vm.canStartProperty().get()).isFalse();
    }

    @Test
    void smoothingAndLogHelpers() {
        assertThat(TrainViewModel.plotted(0.01, true)).isEqualTo(-2.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(TrainViewModel.plotted(0.01, false)).isEqualTo(0.01);
        assertThat(TrainViewModel.plotted(0, true)).isNaN();
        assertThat(TrainViewModel.ema(Double.NaN, 4, 0.9)).isEqualTo(4);
        assertThat(TrainViewModel.ema(4, 2, 0.5)).isEqualTo(3);
        assertThat(TrainViewModel.ema(4, 2, 0)).isEqualTo(2);
    }

    @Test
    void shortRunProducesEpochsAndSavesACheckpoint(@TempDir Path runs) throws Exception {
        ctx.dataProperty().set(data);
        vm.setRunsDir(runs);
        vm.valueProperty(Field.ED).set("4");
        vm.valueProperty(Field.TRAIN_LIMIT).set("1000");
        vm.valueProperty(Field.MAX_EPOCHS).set("2");
        vm.valueProperty(Field.BATCH).set("250");
        assertThat(vm.canStartProperty().get()).isTrue();

        vm.start().get(180, TimeUnit.SECONDS);

        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(State.FINISHED);
        assertThat(vm.epochs()).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(vm.epochs()).allSatisfy(m -> {
            assertThat(m.trainMse()).isPositive();
            assertThat(m.valMse()).isPositive();
            assertThat(m.testMse()).isPositive();
        });
        // 900 training digits (10% validation) in batches of 250: 4 batches per epoch
        assertThat(vm.batchPoints()).hasSize(8);
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.bestTextProperty().get()).startsWith("best: epoch ");
        assertThat(vm.previewProperty().get()).isNotNull();
        assertThat(vm.previewProperty().get().epoch()).isEqualTo(2);
        assertThat(vm.previewProperty().get().images()).hasNumberOfRows(8);
        assertThat(vm.previewProperty().get().images()[0]).hasSize(784);
        assertThat(vm.canStartProperty().get()).isTrue();

        Path dir = vm.lastRunDirProperty().get();
        assertThat(dir.getParent()).isEqualTo(runs);
        assertThat(dir.getFileName().toString()).startsWith("ed4-");
        assertThat(dir.resolve(ModelStore.PARAMS)).isRegularFile();
        assertThat(ModelStore.readMetadata(dir).encodingDim()).isEqualTo(4);
        List<EpochMetrics> saved = RunCheckpoint.readHistory(dir.resolve(RunCheckpoint.HISTORY));
        assertThat(saved).hasSize(2);

        // the saved run became the active, selectable model
        assertThat(ctx.models()).hasSize(1);
        assertThat(ctx.activeModelProperty().get()).isSameAs(ctx.models().get(0));
        assertThat(ctx.activeModelProperty().get().dir()).isEqualTo(dir);
        assertThat(ctx.legacyStatus().runningProperty().get()).isFalse();

        Path csv = runs.resolve("export.csv");
        vm.exportHistory(csv);
        assertThat(Files.readAllLines(csv)).hasSize(3)
                .first().asString().startsWith("epoch,train_mse");
    }

    @Test
    void stopBeforeTheFirstEpochSavesNothing(@TempDir Path runs) throws Exception {
        ctx.dataProperty().set(data);
        vm.setRunsDir(runs);
        vm.valueProperty(Field.ED).set("4");
        vm.valueProperty(Field.BATCH).set("10");
        var done = vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(State.RUNNING);
        assertThat(ctx.legacyStatus().runningProperty().get()).isTrue();
        // the status bar's cancel is the Stop action
        ctx.legacyStatus().cancel();
        assertThat(vm.stateProperty().get()).isEqualTo(State.STOPPING);
        done.get(120, TimeUnit.SECONDS);
        assertThat(vm.stateProperty().get()).isEqualTo(State.CANCELLED);
        assertThat(vm.epochs()).isEmpty();
        assertThat(ctx.models()).isEmpty();
        assertThat(vm.lastRunDirProperty().get().resolve(ModelStore.PARAMS)).doesNotExist();
    }

    @Test
    void anErrorIsReportedAndTheFormStaysUsable(@TempDir Path tmp) throws Exception {
        ctx.dataProperty().set(data);
        // a file where the runs folder should be: saving the first epoch fails
        Path notAFolder = Files.writeString(tmp.resolve("runs"), "x");
        vm.setRunsDir(notAFolder);
        vm.valueProperty(Field.ED).set("4");
        vm.valueProperty(Field.TRAIN_LIMIT).set("500");
        vm.valueProperty(Field.MAX_EPOCHS).set("1");
        vm.start().get(120, TimeUnit.SECONDS);
        assertThat(vm.stateProperty().get()).isEqualTo(State.FAILED);
        assertThat(vm.errorProperty().get()).isNotBlank();
        assertThat(vm.messageProperty().get()).startsWith("Failed");
        assertThat(ctx.legacyStatus().runningProperty().get()).isFalse();
        assertThat(ctx.models()).isEmpty();
        assertThat(vm.canStartProperty().get()).isTrue();
    }
}
