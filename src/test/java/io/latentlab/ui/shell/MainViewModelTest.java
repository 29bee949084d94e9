package io.latentlab.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.service.ModelCatalog;
import io.latentlab.service.ModelHandle;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models and dataset of the main window, on the same-thread executor: every job has
 * run when the call returns.
 */
class MainViewModelTest {

    @TempDir
    Path tmp;

    private Preferences prefs;
    private AppContext ctx;
    private StatusViewModel status;
    private MainViewModel vm;
    private final List<MainViewModel.Problem> problems = new ArrayList<>();
    private final List<ModelHandle> toClose = new ArrayList<>();

    @BeforeEach
    void setUp() throws BackingStoreException {
        prefs = Preferences.userRoot().node("latent-lab-tests").node("main-view-model");
        prefs.clear();
        ctx = AppContext.sameThread(prefs);
        status = new StatusViewModel(ctx);
        vm = new MainViewModel(ctx, status);
        vm.setOnProblem(problems::add);
    }

    @AfterEach
    void tearDown() throws BackingStoreException {
        ctx.models().forEach(m -> m.model().close());
        toClose.forEach(ModelHandle::close);
        prefs.removeNode();
    }

    private static Path checkpoint(Path dir, int ed) throws Exception {
        try (Autoencoder m = Autoencoder.create(ed, ed)) {
            ModelStore.save(dir, m, ModelMetadata.of(ed));
        }
        return dir;
    }

    private static Path corrupt(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ModelStore.META), "this is not a checkpoint\n\u0001\u0002");
        return dir;
    }

    @Test
    void openingACheckpointRunsAJobMakesItActiveAndRemembersIt() throws Exception {
        Path dir = checkpoint(tmp.resolve("ed4"), 4);
        Job<ActiveModel> job = vm.open(dir);

        assertThat(job.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.titleProperty().get()).isEqualTo("Opening " + dir);
        ActiveModel active = ctx.activeModelProperty().get();
        assertThat(active.dir()).isEqualTo(dir);
        assertThat(active.metadata().encodingDim()).isEqualTo(4);
        assertThat(active.model().encode(new float[ModelHandle.PIXELS])).hasSize(4);
        assertThat(ctx.models()).containsExactly(active);
        assertThat(vm.rememberedModel()).isEqualTo(dir.toAbsolutePath());
        assertThat(status.finalMessageProperty().get()).startsWith("Opening " + dir + " finished in");
        assertThat(problems).isEmpty();
    }

    @Test
    void aCorruptCheckpointIsOneClearProblemAndChangesNothing() throws Exception {
        Path good = checkpoint(tmp.resolve("good"), 2);
        vm.open(good);
        ActiveModel before = ctx.activeModelProperty().get();
        Path bad = corrupt(tmp.resolve("bad"));

        Job<ActiveModel> job = vm.open(bad);

        assertThat(job.stateProperty().get()).isEqualTo(JobState.FAILED);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.header()).isEqualTo("Could not open the model");
            assertThat(p.text()).contains(bad.resolve(ModelStore.META).toString())
                    .contains("not a Latent Lab checkpoint");
        });
        assertThat(ctx.models()).containsExactly(before);
        assertThat(ctx.activeModelProperty().get()).isSameAs(before);
        assertThat(vm.rememberedModel()).isEqualTo(good.toAbsolutePath());
        assertThat(status.finalMessageProperty().get()).isEqualTo("Opening " + bad + " failed");
    }

    @Test
    void openingTheSameFolderAgainReplacesTheListedModel() throws Exception {
        Path dir = checkpoint(tmp.resolve("ed4"), 4);
        vm.open(dir);
        ActiveModel first = ctx.activeModelProperty().get();
        vm.open(dir);
        ActiveModel second = ctx.activeModelProperty().get();
        assertThat(second).isNotSameAs(first);
        assertThat(ctx.models()).containsExactly(second);
    }

    @Test
    void discoveryListsModelsByEdThenNamePicksTheNewestShippedOneAndRemembersNothing() throws Exception {
        Path models = tmp.resolve("models");
        Path runs = tmp.resolve("runs");
        Path b8 = checkpoint(models.resolve("b"), 8);
        Path a8 = checkpoint(runs.resolve("a"), 8);
        Path ed2 = checkpoint(models.resolve("z"), 2);
        Files.setLastModifiedTime(b8.resolve(ModelStore.META), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(a8.resolve(ModelStore.META), FileTime.fromMillis(3_000_000));
        Files.setLastModifiedTime(ed2.resolve(ModelStore.META), FileTime.fromMillis(2_000_000));
        // a manifest naming parameters that cannot be read: a model, but unreadable
        Path broken = checkpoint(models.resolve("broken"), 2);
        Files.writeString(ModelStore.paramsFile(broken, ModelStore.readMetadata(broken)), "garbage");
        Files.createDirectories(models.resolve("not-a-checkpoint"));

        Job<MainViewModel.Discovery> job = vm.discover(List.of(models, runs, tmp.resolve("none")),
                null);

        assertThat(job.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.progressProperty().get()).isEqualTo(1.0);
        // by ED, then name: the name holds the folder, so models/b before runs/a
        assertThat(ctx.models()).extracting(ActiveModel::dir).containsExactly(ed2, b8, a8);
        assertThat(vm.models()).extracting(ActiveModel::dir).containsExactly(ed2, b8, a8);
        // the run a8 is the newest, but nobody chose it: the newest of models/ becomes active
        assertThat(ctx.activeModelProperty().get().dir()).isEqualTo(ed2);
        assertThat(vm.rememberedModel()).isNull();
        assertThat(status.finalMessageProperty().get())
                .isEqualTo("3 model(s) found; skipped 1 unreadable checkpoint(s), see the log");
        assertThat(problems).isEmpty();
    }

    @Test
    void discoveryPicksTheRememberedModelEvenOutsideTheRoots() throws Exception {
        Path models = tmp.resolve("models");
        checkpoint(models.resolve("a"), 2);
        Path elsewhere = checkpoint(tmp.resolve("elsewhere"), 3);
        prefs.put(MainViewModel.PREF_MODEL, elsewhere.toString());

        vm.discover(List.of(models), vm.rememberedModel());

        assertThat(ctx.models()).hasSize(2);
        assertThat(ctx.activeModelProperty().get().dir()).isEqualTo(elsewhere);
        assertThat(status.finalMessageProperty().get()).isEqualTo("2 model(s) found");
    }

    @Test
    void onlyAModelTheUserChoseIsRemembered() throws Exception {
        Path models = tmp.resolve("models");
        Path a = checkpoint(models.resolve("a"), 2);
        Path b = checkpoint(models.resolve("b"), 4);
        Files.setLastModifiedTime(a.resolve(ModelStore.META), FileTime.fromMillis(1_000_000));
        vm.discover(List.of(models), null);
        assertThat(ctx.activeModelProperty().get().dir()).isEqualTo(b);
        assertThat(vm.rememberedModel()).isNull();

        // the selector writes the choice into the active model
        ctx.activeModelProperty().set(ctx.models().get(0));
        assertThat(vm.rememberedModel()).isEqualTo(a.toAbsolutePath());
    }

    @Test
    void modelsAddedElsewhereAreShownInOrder() {
        ModelHandle h32 = new ModelHandle(Autoencoder.create(32, 1), ModelMetadata.of(32));
        ModelHandle h4 = new ModelHandle(Autoencoder.create(4, 1), ModelMetadata.of(4));
        toClose.add(h32);
        toClose.add(h4);
        // a finished run is added at the top, as the Train view does
        ctx.models().add(new ActiveModel("ED=32 · runs/x", null, h32.metadata(), h32));
        ctx.models().add(0, new ActiveModel("ED=4 · runs/y", null, h4.metadata(), h4));
        ctx.models().add(0, new ActiveModel("ED=4 · runs/a", null, h4.metadata(), h4));
        assertThat(vm.models()).extracting(ActiveModel::name)
                .containsExactly("ED=4 · runs/a", "ED=4 · runs/y", "ED=32 · runs/x");
        ctx.models().clear();
    }

    @Test
    void savingWritesALoadableCheckpointWithItsHistoryInAJob() throws Exception {
        Path source = checkpoint(tmp.resolve("src"), 4);
        Files.writeString(source.resolve("history.csv"), "epoch,train_mse\n1,0.1\n");
        vm.open(source);
        ActiveModel opened = ctx.activeModelProperty().get();

        Path copy = tmp.resolve("copy");
        Job<Path> job = vm.save(opened, copy);

        assertThat(job.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(status.finalMessageProperty().get()).isEqualTo("Model saved to " + copy);
        assertThat(Files.readString(copy.resolve("history.csv"))).contains("1,0.1");
        float[] digit = new float[ModelHandle.PIXELS];
        for (int i = 0; i < digit.length; i++) {
            digit[i] = (i % 28) / 28f;
        }
        try (ModelHandle reloaded = ModelHandle.load(copy)) {
            assertThat(reloaded.encodingDim()).isEqualTo(4);
            assertThat(reloaded.reconstruct(digit)).containsExactly(opened.model().reconstruct(digit));
        }
    }

    @Test
    void aFailedSaveIsAProblemAndLeavesTheFolderAsItWas() throws Exception {
        Path source = checkpoint(tmp.resolve("src"), 4);
        vm.open(source);
        Path blocked = Files.writeString(tmp.resolve("a-file"), "x");

        Job<Path> job = vm.save(ctx.activeModelProperty().get(), blocked);

        assertThat(job.stateProperty().get()).isEqualTo(JobState.FAILED);
        assertThat(problems).singleElement()
                .extracting(MainViewModel.Problem::header).isEqualTo("Could not save the model");
        assertThat(Files.readString(blocked)).isEqualTo("x");
    }

    @Test
    void aMissingDatasetFolderIsAProblemAndKeepsTheData() {
        Job<?> job = vm.openDataset(tmp.resolve("no-mnist"));
        assertThat(job.stateProperty().get()).isEqualTo(JobState.FAILED);
        assertThat(problems).singleElement()
                .extracting(MainViewModel.Problem::header).isEqualTo("Could not load the dataset");
        assertThat(ctx.dataProperty().get()).isNull();
    }

    @Test
    void displayNamesAreRelativeToTheWorkingDirectory() {
        assertThat(ModelCatalog.displayName(32, Path.of("models", "ed32").toAbsolutePath()))
                .isEqualTo("ED=32 \u00b7 " + Path.of("models", "ed32"));
    }

    @Test
    void startUpPicksTheNewestPlainModelOfTheFirstRootBeforeADenoisingOne() {
        Path models = Path.of("models");
        ModelMetadata plain = ModelMetadata.of(8);
        ModelMetadata denoising = ModelMetadata.of(32).with("config.corrupt", "gaussian:0.5");
        ActiveModel newestDenoising = new ActiveModel("d", models.resolve("ed32-denoise"),
                denoising, null);
        ActiveModel plainOne = new ActiveModel("p", models.resolve("ed8"), plain, null);
        ActiveModel run = new ActiveModel("r", Path.of("runs/ed4-x"), plain, null);

        // newest first, as discovery lists them
        assertThat(MainViewModel.firstRootFirst(List.of(run, newestDenoising, plainOne),
                List.of(models, Path.of("runs")))).isSameAs(plainOne);
        // only denoising models there: the newest of them
        assertThat(MainViewModel.firstRootFirst(List.of(run, newestDenoising),
                List.of(models, Path.of("runs")))).isSameAs(newestDenoising);
    }
}
