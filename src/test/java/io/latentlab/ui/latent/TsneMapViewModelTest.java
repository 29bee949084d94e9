package io.latentlab.ui.latent;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.analysis.TsneMetrics;
import io.latentlab.data.MnistData;
import io.latentlab.data.Seeds;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.TestModels;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobState;
import io.latentlab.ui.jobs.Jobs;
import io.latentlab.ui.jobs.ManualExecutor;
import io.latentlab.ui.latent.LatentViewModel.Projection;
import io.latentlab.ui.latent.TsneMapViewModel.MapKind;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

import javafx.collections.ListChangeListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The map choice on a context whose engine and FX run in place and whose worker is a queue the
 * test runs by hand: a t-SNE job waiting there proves it is not on the engine.
 */
class TsneMapViewModelTest {

    private static MnistData data;
    private final ManualExecutor worker = new ManualExecutor();
    private final List<Job<?>> jobs = new ArrayList<>();
    private final List<ActiveModel> models = new ArrayList<>();
    private AppContext ctx;
    private LatentViewModel vm;
    private TsneMapViewModel map;

    @BeforeAll
    static void load() throws Exception {
        DjlThread.prepareCurrentThread();
        MnistData full = io.latentlab.data.TestMnist.shipped();
        data = new MnistData(full.train().slice(0, 100), full.test().slice(0, 300),
                full.dir(), full.checksum());
    }

    @BeforeEach
    void setUp() {
        ctx = new AppContext(new Jobs(Runnable::run, worker, Runnable::run),
                Preferences.userRoot().node("latent-lab-tests"), () -> { });
        ctx.jobs().running().addListener((ListChangeListener<Job<?>>) ch -> {
            while (ch.next()) {
                jobs.addAll(ch.getAddedSubList());
            }
        });
        vm = new LatentViewModel(ctx);
        map = vm.tsneMap();
    }

    @AfterEach
    void tearDown() {
        models.forEach(m -> m.model().close());
        ctx.close();
    }

    private ActiveModel model(long seed) {
        ActiveModel m = TestModels.active("m" + seed, null, ModelMetadata.of(4),
                Autoencoder.create(4, seed));
        models.add(m);
        ctx.dataProperty().set(data);
        ctx.activeModelProperty().set(m);
        return m;
    }

    @Test
    void tsneRunsOnTheWorkerThenReplacesThePcaPlane() {
        ActiveModel m = model(1);
        Projection pca = vm.projectionProperty().get();
        assertThat(pca).isNotNull();
        List<String> messages = new ArrayList<>();
        map.messageProperty().addListener((obs, o, n) -> messages.add(n));

        map.kindProperty().set(MapKind.TSNE);

        // waiting on the worker: nothing shown, the empty state says what happens
        assertThat(worker.queue).hasSize(1);
        assertThat(vm.projectionProperty().get()).isNull();
        assertThat(map.messageProperty().get())
                .isEqualTo("Computing t-SNE: finding each digit\u2019s nearest neighbours\u2026");
        assertThat(map.progressProperty().get()).isEqualTo(-1);
        assertThat(map.busyProperty().get()).isTrue();
        assertThat(jobs.get(jobs.size() - 1).titleProperty().get())
                .isEqualTo("t-SNE of 300 test digits (ED=4)");

        worker.runAll();

        Projection shown = vm.projectionProperty().get();
        float[] expected = TsneMetrics.embed(ctx.testCodes().get(m.model(), data.test()).codes(),
                300, Seeds.DEFAULT, false, (d, t) -> true);
        assertThat(shown.xy()).containsExactly(expected);
        assertThat(shown.images()).isSameAs(pca.images());
        assertThat(shown.labels()).containsExactly(pca.labels());
        assertThat(messages).contains("Computing t-SNE\u2026 50 %");
        assertThat(map.messageProperty().get()).isEmpty();
        assertThat(map.busyProperty().get()).isFalse();
        assertThat(map.summaryProperty().get()).matches(
                "t-SNE of 300 digits \u00b7 silhouette -?0\\.\\d{3} \u00b7 5-NN \\d+\\.\\d %");

        map.kindProperty().set(MapKind.PCA);
        assertThat(vm.projectionProperty().get()).isSameAs(pca);
        assertThat(map.summaryProperty().get()).isEmpty();
    }

    @Test
    void theTsneMapIsKeptPerModel() {
        ActiveModel first = model(1);
        map.toggle();
        worker.runAll();
        float[] firstMap = vm.projectionProperty().get().xy();
        int jobsBefore = jobs.size();

        map.toggle();
        map.toggle();

        // back on t-SNE: shown at once, no new job
        assertThat(worker.queue).isEmpty();
        assertThat(jobs).hasSize(jobsBefore);
        assertThat(vm.projectionProperty().get().xy()).isSameAs(firstMap);

        // another model needs its own; coming back to the first does not
        model(2);
        assertThat(worker.queue).hasSize(1);
        worker.runAll();
        assertThat(vm.projectionProperty().get().xy()).isNotEqualTo(firstMap);
        ctx.activeModelProperty().set(first);
        assertThat(worker.queue).isEmpty();
        assertThat(vm.projectionProperty().get().xy()).isSameAs(firstMap);
    }

    @Test
    void cancelSaysSoAndComputeStartsAgain() {
        model(1);
        map.kindProperty().set(MapKind.TSNE);
        Job<?> job = jobs.get(jobs.size() - 1);

        map.cancel();
        worker.runAll();

        assertThat(job.stateProperty().get()).isEqualTo(JobState.CANCELLED);
        assertThat(vm.projectionProperty().get()).isNull();
        assertThat(map.messageProperty().get()).startsWith("t-SNE map cancelled.");
        assertThat(map.retryableProperty().get()).isTrue();
        assertThat(map.busyProperty().get()).isFalse();

        map.retry();
        worker.runAll();
        assertThat(vm.projectionProperty().get()).isNotNull();
        assertThat(map.retryableProperty().get()).isFalse();
    }

    @Test
    void aNewModelStopsTheOldModelsTsne() {
        model(1);
        map.kindProperty().set(MapKind.TSNE);
        Job<?> old = jobs.get(jobs.size() - 1);

        ActiveModel second = model(2);

        assertThat(old.stateProperty().get()).isEqualTo(JobState.CANCELLED);
        worker.runAll();
        assertThat(vm.projectionProperty().get().model()).isSameAs(second);
        assertThat(map.messageProperty().get()).isEmpty();

        // no model at all: nothing to wait for, the old job stops at once too
        map.toggle();
        map.toggle();
        ctx.activeModelProperty().set(null);
        model(3);
        Job<?> third = jobs.get(jobs.size() - 1);
        ctx.activeModelProperty().set(null);
        assertThat(third.stateProperty().get()).isEqualTo(JobState.CANCELLED);
        assertThat(map.busyProperty().get()).isFalse();
        assertThat(map.messageProperty().get()).isEmpty();
    }

    @Test
    void theTsnePlaneIsNotWalkedNorMarked() {
        model(1);
        vm.walkTo(0.5, 0.5);
        assertThat(vm.walkPointProperty().get()).isNotNull();

        map.toggle();
        worker.runAll();
        assertThat(vm.walkPointProperty().get()).isNull();
        vm.walkTo(0.5, 0.5);
        ctx.reconstructInputProperty().set(data.test().copyImage(0));

        // no inverse from a t-SNE plane, and a new code has no place on it
        assertThat(vm.walkPointProperty().get()).isNull();
        assertThat(vm.decodedProperty().get()).isNull();
        assertThat(vm.markerProperty().get()).isNull();

        map.toggle();
        assertThat(vm.markerProperty().get()).isNotNull();
    }
}
