package io.latentlab.ui.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.latentlab.analysis.Pca;
import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.TestCodes;
import io.latentlab.ui.TestModels;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobContext;
import io.latentlab.ui.jobs.JobState;
import io.latentlab.ui.latent.LatentViewModel.Projection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.prefs.Preferences;

import javafx.collections.ListChangeListener;
import javafx.geometry.Point2D;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The view model on a same-thread context: every job has run, callbacks included, when the
 * call that started it returns. Two requests in one FX turn ({@code ctx.fx().execute}) stand
 * for a user who acts again while the engine is still busy.
 */
class LatentViewModelTest {

    private static MnistData data;
    private AppContext ctx;
    private LatentViewModel vm;
    /** Every visible job submitted, in order. */
    private final List<Job<?>> jobs = new ArrayList<>();
    private final List<ActiveModel> models = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        DjlThread.prepareCurrentThread();
        MnistData full = io.latentlab.data.TestMnist.shipped();
        data = new MnistData(full.train().slice(0, 1000), full.test().slice(0, 2000),
                full.dir(), full.checksum());
    }

    @BeforeEach
    void setUp() {
        ctx = AppContext.sameThread(Preferences.userRoot().node("latent-lab-tests"));
        ctx.jobs().running().addListener((ListChangeListener<Job<?>>) ch -> {
            while (ch.next()) {
                jobs.addAll(ch.getAddedSubList());
            }
        });
        vm = new LatentViewModel(ctx);
    }

    @AfterEach
    void tearDown() {
        models.forEach(m -> m.model().close());
        ctx.close();
    }

    private ActiveModel model(String name, long seed) {
        ActiveModel m = TestModels.active(name, null, ModelMetadata.of(4),
                Autoencoder.create(4, seed));
        models.add(m);
        return m;
    }

    private Projection computed(ActiveModel m) {
        ctx.dataProperty().set(data);
        ctx.activeModelProperty().set(m);
        return vm.projectionProperty().get();
    }

    private List<Projection> shownMaps() {
        List<Projection> shown = new ArrayList<>();
        vm.projectionProperty().addListener((obs, o, n) -> {
            if (n != null) {
                shown.add(n);
            }
        });
        return shown;
    }

    @Test
    void withoutAModelAsksForOne() {
        assertThat(vm.projectionProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).startsWith("Select or train a model");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.pc1TextProperty().get()).isEqualTo("PC1 \u2014");
        assertThat(jobs).isEmpty();
    }

    @Test
    void withAModelButNoDatasetSaysItIsLoading() {
        ctx.activeModelProperty().set(model("a", 1));
        assertThat(vm.projectionProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).isEqualTo("Loading the dataset\u2026");
        assertThat(jobs).isEmpty();
    }

    @Test
    void settingAModelComputesTheMapInOneVisibleJob() {
        Projection p = computed(model("a", 1));
        assertThat(p).isNotNull();
        assertThat(p.n()).isEqualTo(2000);
        assertThat(p.xy()).hasSize(4000);
        for (float v : p.xy()) {
            assertThat(v).isFinite();
        }
        assertThat(p.labels()[5]).isEqualTo(data.test().label(5));
        double sum = p.ratio()[0] + p.ratio()[1];
        assertThat(p.ratio()[0]).isGreaterThanOrEqualTo(p.ratio()[1]);
        assertThat(sum).isPositive().isLessThanOrEqualTo(1 + 1e-9);
        assertThat(p.ratio()[0]).isLessThan(LatentViewModel.LINE_SHARE);
        assertThat(vm.pc1TextProperty().get()).matches("PC1 \\d+\\.\\d %");
        assertThat(vm.pc2TextProperty().get()).matches("PC2 \\d+\\.\\d %");
        assertThat(vm.messageProperty().get()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.progressProperty().get()).isEqualTo(-1.0);
        // one job for the map (data first, then the model): the status bar listed it
        assertThat(jobs).hasSize(1);
        Job<?> job = jobs.get(0);
        assertThat(job.titleProperty().get()).isEqualTo("Encoding test digits (ED=4)");
        assertThat(job.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.progressProperty().get()).isEqualTo(1.0);
        assertThat(job.isCancellable()).isTrue();
        assertThat(ctx.jobs().running()).isEmpty();
    }

    @Test
    void whileComputingTheOldMapIsGoneAndTheViewSaysSo() {
        ActiveModel a = model("a", 1);
        ActiveModel b = model("b", 2);
        Projection first = computed(a);
        assertThat(first.model()).isSameAs(a);
        vm.walkTo(first.x(0), first.y(0));
        assertThat(vm.decodedProperty().get()).isNotNull();
        List<String> during = new ArrayList<>();
        ctx.fx().execute(() -> {
            ctx.activeModelProperty().set(b);
            // B's job is queued behind this FX turn: nothing of A may be left on screen
            during.add(String.valueOf(vm.projectionProperty().get()));
            during.add(String.valueOf(vm.decodedProperty().get()));
            during.add(String.valueOf(vm.busyProperty().get()));
            during.add(vm.messageProperty().get());
            during.add(vm.pc1TextProperty().get());
        });
        assertThat(during).containsExactly("null", "null", "true",
                "Encoding 2,000 test digits\u2026", "PC1 \u2014");
        assertThat(vm.projectionProperty().get().model()).isSameAs(b);
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void aSecondModelCancelsTheFirstsEncodingAndOnlyItsMapIsShown() {
        ActiveModel a = model("a", 1);
        ActiveModel b = model("b", 2);
        ctx.dataProperty().set(data);
        List<Projection> shown = shownMaps();
        ctx.fx().execute(() -> {
            ctx.activeModelProperty().set(a);
            ctx.activeModelProperty().set(b);
        });
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).stateProperty().get()).isEqualTo(JobState.CANCELLED);
        assertThat(jobs.get(1).stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(shown).extracting(Projection::model).containsExactly(b);
        assertThat(vm.projectionProperty().get().model()).isSameAs(b);
        assertThat(vm.messageProperty().get()).isEmpty();
    }

    @Test
    void cancellingLeavesAnEmptyMapWithAMessage() {
        ctx.dataProperty().set(data);
        List<Projection> shown = shownMaps();
        ctx.fx().execute(() -> {
            ctx.activeModelProperty().set(model("a", 1));
            assertThat(vm.busyProperty().get()).isTrue();
            // the status bar's Cancel while the job waits for the engine
            ctx.jobs().running().get(0).cancel();
        });
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).stateProperty().get()).isEqualTo(JobState.CANCELLED);
        assertThat(shown).isEmpty();
        assertThat(vm.projectionProperty().get()).isNull();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.retryableProperty().get()).isTrue();
        assertThat(vm.messageProperty().get())
                .isEqualTo("Latent map cancelled. Press Compute to compute it again.");
        assertThat(vm.pc1TextProperty().get()).isEqualTo("PC1 \u2014");

        vm.refresh();
        assertThat(vm.projectionProperty().get()).isNotNull();
        assertThat(vm.retryableProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).isEmpty();
    }

    @Test
    void theViewsCancelButtonStopsTheJobToo() {
        ctx.dataProperty().set(data);
        ctx.fx().execute(() -> {
            ctx.activeModelProperty().set(model("a", 1));
            vm.cancel();
        });
        assertThat(jobs.get(0).stateProperty().get()).isEqualTo(JobState.CANCELLED);
        assertThat(vm.projectionProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).startsWith("Latent map cancelled");
    }

    @Test
    void encodingStopsAtTheFirstBatchAfterACancel() {
        ActiveModel a = model("a", 1);
        List<Double> progress = new ArrayList<>();
        JobContext cancelledAfterOneBatch = new JobContext() {
            @Override
            public boolean isCancelled() {
                return !progress.isEmpty();
            }

            @Override
            public void progress(double done, double total) {
                progress.add(done / total);
            }

            @Override
            public void message(String text) {
                progress.add(-1.0);
            }
        };
        assertThatThrownBy(() -> LatentViewModel.compute(new TestCodes(), a, data.test(), cancelledAfterOneBatch,
                "fitting")).isInstanceOf(CancellationException.class);
        // 2,000 digits in batches of 1,000: stopped after the first, no PCA fitted
        assertThat(progress).containsExactly(0.5);
    }

    @Test
    void anUntrainedLookingModelGetsAMessageInsteadOfACollapsedMap() {
        // identical (blank) digits encode to identical codes under any model
        int n = 50;
        Dataset blank = new Dataset("test", new float[n * 784], new byte[n], 28, 28);
        ctx.dataProperty().set(new MnistData(data.train(), blank, data.dir(), data.checksum()));
        ctx.activeModelProperty().set(model("a", 1));
        assertThat(jobs.get(0).stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(vm.projectionProperty().get()).isNull();
        assertThat(vm.messageProperty().get())
                .startsWith("Every test digit encodes to the same code");
        assertThat(vm.pc1TextProperty().get()).isEqualTo("PC1 \u2014");
        assertThat(vm.retryableProperty().get()).isFalse();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void codesAlongOneLineAreDegenerateButAOneDimensionalSpaceIsNot() {
        Random rnd = new Random(3);
        int n = 200;
        float[] line = new float[n * 3];
        float[] cloud = new float[n * 3];
        float[] oneD = new float[n];
        for (int i = 0; i < n; i++) {
            float t = (float) rnd.nextGaussian();
            line[3 * i] = 2 + t;
            line[3 * i + 1] = -1 + 2 * t;
            line[3 * i + 2] = 0.5f * t;
            for (int j = 0; j < 3; j++) {
                cloud[3 * i + j] = (float) rnd.nextGaussian();
            }
            oneD[i] = t;
        }
        assertThat(LatentViewModel.degenerate(Pca.fit(line, n, 3)))
                .isEqualTo("latent.degenerate.line");
        assertThat(LatentViewModel.degenerate(Pca.fit(cloud, n, 3))).isNull();
        assertThat(LatentViewModel.degenerate(Pca.fit(oneD, n, 1))).isNull();
        assertThat(LatentViewModel.degenerate(Pca.fit(new float[n * 3], n, 3)))
                .isEqualTo("latent.degenerate.constant");
        assertThat(vm.format("latent.degenerate.line", 100.0))
                .contains("PC1 holds 100.0 % of the variance");
    }

    @Test
    void togglingAClassHidesItsPoints() {
        Projection p = computed(model("a", 1));
        int threes = 0;
        for (int l : p.labels()) {
            threes += l == 3 ? 1 : 0;
        }
        assertThat(threes).isPositive();
        assertThat(vm.visibleIndices()).hasSize(2000);
        vm.classVisibleProperty(3).set(false);
        int[] visible = vm.visibleIndices();
        assertThat(visible).hasSize(2000 - threes);
        for (int i : visible) {
            assertThat(p.labels()[i]).isNotEqualTo(3);
        }
        vm.showAllClasses();
        assertThat(vm.visibleIndices()).hasSize(2000);
    }

    @Test
    void walkingDecodesAPlanePointInAnInvisibleJob() {
        Projection p = computed(model("a", 1));
        vm.walkTo(p.x(0) * 0.5, p.y(0) + 0.1);
        float[] img = vm.decodedProperty().get();
        assertThat(img).hasSize(784);
        for (float v : img) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(vm.walkPointProperty().get()).isEqualTo(new Point2D(p.x(0) * 0.5, p.y(0) + 0.1));
        // the status bar lists only the map
        assertThat(jobs).hasSize(1);
    }

    @Test
    void onlyTheLastOfQuickWalkPointsIsDecoded() {
        Projection p = computed(model("a", 1));
        List<float[]> decoded = new ArrayList<>();
        vm.decodedProperty().addListener((obs, o, n) -> decoded.add(n));
        ctx.fx().execute(() -> {
            vm.walkTo(p.x(0), p.y(0));
            vm.walkTo(p.x(1), p.y(1));
        });
        assertThat(decoded).hasSize(1);
        assertThat(vm.walkPointProperty().get()).isEqualTo(new Point2D(p.x(1), p.y(1)));
    }

    @Test
    void reconstructInputGetsAMarker() {
        Projection p = computed(model("a", 1));
        assertThat(vm.markerProperty().get()).isNull();
        ctx.reconstructInputProperty().set(data.test().copyImage(7));
        Point2D m = vm.markerProperty().get();
        assertThat(m).isNotNull();
        // the same digit encodes to the same point as in the map
        assertThat(m.getX()).isCloseTo(p.x(7), within(1e-3));
        assertThat(m.getY()).isCloseTo(p.y(7), within(1e-3));
        ctx.reconstructInputProperty().set(null);
        assertThat(vm.markerProperty().get()).isNull();
    }

    @Test
    void theMarkerFollowsANewModel() {
        Projection pa = computed(model("a", 1));
        ctx.reconstructInputProperty().set(data.test().copyImage(7));
        assertThat(vm.markerProperty().get().getX()).isCloseTo(pa.x(7), within(1e-3));
        ActiveModel b = model("b", 2);
        ctx.activeModelProperty().set(b);
        Projection pb = vm.projectionProperty().get();
        assertThat(pb.model()).isSameAs(b);
        assertThat(vm.markerProperty().get().getX()).isCloseTo(pb.x(7), within(1e-3));
        assertThat(vm.markerProperty().get().getY()).isCloseTo(pb.y(7), within(1e-3));
    }
}
