package io.latentlab.ui.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.data.Noise;
import io.latentlab.data.Seeds;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.TestModels;
import io.latentlab.ui.jobs.Jobs;
import io.latentlab.ui.reconstruction.ReconstructViewModel.NoiseKind;
import io.latentlab.ui.reconstruction.ReconstructViewModel.PatchPlacement;
import io.latentlab.ui.reconstruction.ReconstructViewModel.Source;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The view model on {@link AppContext#sameThread}: every reconstruction job has run when the
 * call that asked for it returns (DJL runs on the test thread). Where the order of requests
 * and results matters, the engine queue is run by hand instead.
 */
class ReconstructViewModelTest {

    /** Side of the drawing raster: test strokes are given in its pixels. */
    private static final double R = Drawing.RASTER;

    private static MnistData data;

    private final List<Autoencoder> models = new ArrayList<>();
    private final Deque<Runnable> engine = new ArrayDeque<>();
    private AppContext ctx;
    private ActiveModel ed4;
    private ReconstructViewModel vm;
    private DigitInput in;
    private NoiseSettings noise;

    @BeforeAll
    static void loadData() throws Exception {
        DjlThread.prepareCurrentThread();
        data = io.latentlab.data.TestMnist.shipped();
    }

    @BeforeEach
    void setUp() {
        ctx = AppContext.sameThread(prefs());
        ed4 = model("test", 4, 1);
        ctx.dataProperty().set(data);
        ctx.activeModelProperty().set(ed4);
        create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
        models.forEach(Autoencoder::close);
    }

    private static Preferences prefs() {
        return Preferences.userRoot().node("latent-lab-tests");
    }

    private void create() {
        vm = new ReconstructViewModel(ctx);
        in = vm.input();
        noise = vm.noise();
    }

    /** A context whose engine jobs wait in {@link #engine} until the test runs them. */
    private void useManualEngine() {
        ActiveModel active = ctx.activeModelProperty().get();
        ctx = new AppContext(new Jobs(engine::add, Runnable::run, Runnable::run), prefs(),
                () -> { });
        ctx.dataProperty().set(data);
        ctx.activeModelProperty().set(active);
        create();
        runEngine();
    }

    private void runEngine() {
        for (Runnable r; (r = engine.poll()) != null; ) {
            r.run();
        }
    }

    private ActiveModel model(String name, int ed, long seed) {
        Autoencoder m = Autoencoder.create(ed, seed);
        models.add(m);
        return TestModels.active(name, null, ModelMetadata.of(ed), m);
    }

    private static float[] output(Reconstruction r) {
        return r == null ? null : r.output();
    }

    @Test
    void selectingATestDigitReconstructsIt() {
        in.showTestDigit(7);
        assertThat(in.testIndexProperty().get()).isEqualTo(7);
        assertThat(in.testLabelProperty().get()).isEqualTo(data.test().label(7));
        float[] clean = data.test().copyImage(7);
        assertThat(vm.originalProperty().get()).containsExactly(clean);
        Reconstruction r = vm.reconstructionProperty().get();
        assertThat(r.model()).isSameAs(ed4);
        assertThat(r.output()).hasSize(784);
        for (float v : r.output()) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(r.output()).containsExactly(ed4.model().reconstruct(clean));
        assertThat(r.original()).containsExactly(clean);
        assertThat(r.mse()).isFinite().isEqualTo(Reconstruction.mse(r.output(), clean));
        assertThat(vm.isCurrent(r)).isTrue();
        assertThat(vm.busyProperty().get()).isFalse();
        // published for the other views
        assertThat(ctx.reconstructInputProperty().get()).containsExactly(clean);
    }

    @Test
    void browsingFiltersByClassAndWraps() {
        in.classFilterProperty().set(3);
        assertThat(in.testLabelProperty().get()).isEqualTo(3);
        int first = in.testIndexProperty().get();
        in.next();
        assertThat(in.testLabelProperty().get()).isEqualTo(3);
        assertThat(in.testIndexProperty().get()).isGreaterThan(first);
        in.previous();
        in.previous();
        assertThat(in.positionProperty().get()).isEqualTo(in.filteredCountProperty().get() - 1);
        in.randomDigit();
        assertThat(in.testLabelProperty().get()).isEqualTo(3);
        assertThat(vm.reconstructionProperty().get().original())
                .containsExactly(data.test().copyImage(in.testIndexProperty().get()));
    }

    @Test
    void requestedTestDigitIsShown() {
        in.drawing().drawStroke(new double[] {100 / R, 100 / R}, new double[] {150 / R, 200 / R});
        ctx.showInReconstruct(42);
        assertThat(in.sourceProperty().get()).isEqualTo(Source.TEST_SET);
        assertThat(in.testIndexProperty().get()).isEqualTo(42);
        assertThat(vm.originalProperty().get()).containsExactly(data.test().copyImage(42));
    }

    @Test
    void gaussianSigmaChangesInputAndMse() {
        in.showTestDigit(3);
        noise.kindProperty().set(NoiseKind.GAUSSIAN);
        noise.sigmaProperty().set(0);
        float[] noisy0 = vm.noisyProperty().get();
        double mse0 = vm.reconstructionProperty().get().mse();
        assertThat(noisy0).containsExactly(data.test().copyImage(3));

        noise.sigmaProperty().set(1);
        float[] noisy1 = vm.noisyProperty().get();
        assertThat(noisy1).isNotEqualTo(noisy0);
        assertThat(vm.reconstructionProperty().get().input()).isSameAs(noisy1);
        assertThat(vm.reconstructionProperty().get().mse()).isFinite().isNotEqualTo(mse0);
        // unclipped by default, as in the study
        float min = Float.MAX_VALUE;
        for (float v : noisy1) {
            min = Math.min(min, v);
        }
        assertThat(min).isLessThan(0f);
        noise.clipProperty().set(true);
        for (float v : vm.noisyProperty().get()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void sameSeedSameNoise() {
        // the view starts from the one default seed, as the CLI and the report do
        assertThat(noise.seedProperty().get()).isEqualTo(1);
        in.showTestDigit(5);
        noise.kindProperty().set(NoiseKind.UNIFORM);
        float[] first = vm.noisyProperty().get();
        float[] expected = new float[first.length];
        new Noise.Uniform().apply(data.test().copyImage(5), 0, expected, 0, 28, 28,
                Noise.seedFor(1, 0), false);
        assertThat(first).containsExactly(expected);
        noise.seedProperty().set(3);
        float[] a = vm.noisyProperty().get();
        noise.seedProperty().set(4);
        assertThat(vm.noisyProperty().get()).isNotEqualTo(a);
        noise.seedProperty().set(3);
        assertThat(vm.noisyProperty().get()).containsExactly(a);
    }

    @Test
    void occlusionPatchCanBePlacedWithOneReconstruction() {
        in.showTestDigit(0);
        noise.kindProperty().set(NoiseKind.OCCLUSION);
        noise.occlusionSizeProperty().set(6);
        int calls = vm.modelCalls();
        noise.placeOcclusion(0, 27); // clamped so the patch stays inside
        assertThat(vm.modelCalls() - calls).as("x and y move as one change").isEqualTo(1);
        assertThat(noise.occlusionXProperty().get()).isZero();
        assertThat(noise.occlusionYProperty().get()).isEqualTo(22);
        float[] noisy = vm.noisyProperty().get();
        float[] clean = vm.originalProperty().get();
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                boolean inside = c < 6 && r >= 22;
                assertThat(noisy[r * 28 + c]).isEqualTo(inside ? 0f : clean[r * 28 + c]);
            }
        }
        noise.randomizeOcclusion();
        assertThat(noise.occlusionXProperty().get()).isBetween(0, 22);
    }

    @Test
    void aRandomPlacementDrawsThePatchFromTheSeedAndDraggingPlacesItByHand() {
        in.showTestDigit(0);
        noise.kindProperty().set(NoiseKind.OCCLUSION);
        assertThat(noise.placementProperty().get()).isEqualTo(PatchPlacement.BY_HAND);
        assertThat(noise.seeded()).isFalse();
        noise.seedProperty().set(3);
        int calls = vm.modelCalls();
        noise.placementProperty().set(PatchPlacement.QUADRANT);
        assertThat(vm.modelCalls() - calls).isEqualTo(1);
        assertThat(noise.seeded()).isTrue();
        assertThat(noise.noise()).isEqualTo(Noise.occlusion(14,
                Noise.Occlusion.Placement.QUADRANT));
        // the same noise the noise table applies, from the seed as the view uses it
        float[] clean = vm.originalProperty().get();
        float[] expected = new float[784];
        Noise.occlusion(14, Noise.Occlusion.Placement.QUADRANT).apply(clean, 0, expected, 0,
                28, 28, Noise.seedFor(3, 0), false);
        assertThat(vm.noisyProperty().get()).containsExactly(expected);
        // one whole quadrant is blanked
        float[] noisy = vm.noisyProperty().get();
        int blank = 0;
        for (int q = 0; q < 4; q++) {
            boolean all = true;
            for (int r = 0; r < 14; r++) {
                for (int c = 0; c < 14; c++) {
                    all &= noisy[(r + 14 * (q / 2)) * 28 + c + 14 * (q % 2)] == 0f;
                }
            }
            blank += all ? 1 : 0;
        }
        assertThat(blank).isPositive();

        noise.placementProperty().set(PatchPlacement.PARTIAL);
        assertThat(noise.noise().spec()).isEqualTo("occlusion:14:partial");
        noise.placementProperty().set(PatchPlacement.ANYWHERE);
        assertThat(noise.noise().spec()).isEqualTo("occlusion:14");
        // shuffling a random placement draws a new seed; the patch stays where it was put
        int x = noise.occlusionXProperty().get();
        noise.randomizeOcclusion();
        assertThat(noise.occlusionXProperty().get()).isEqualTo(x);
        assertThat(noise.seedProperty().get()).isNotEqualTo(3);

        // dragging places the patch by hand again, in one change
        calls = vm.modelCalls();
        noise.placeOcclusion(27, 27);
        assertThat(vm.modelCalls() - calls).isEqualTo(1);
        assertThat(noise.placementProperty().get()).isEqualTo(PatchPlacement.BY_HAND);
        assertThat(noise.noise()).isEqualTo(new Noise.Occlusion(14, 14, 14));
    }

    @Test
    void drawingAStrokeGivesAnInputAndAReconstruction() {
        Drawing drawing = in.drawing();
        drawing.drawStroke(new double[] {140 / R, 50 / R}, new double[] {145 / R, 120 / R},
                new double[] {150 / R, 230 / R});
        assertThat(in.sourceProperty().get()).isEqualTo(Source.DRAWING);
        float[] input = vm.originalProperty().get();
        assertThat(input).hasSize(784);
        float max = 0;
        for (float v : input) {
            max = Math.max(max, v);
        }
        assertThat(max).isGreaterThan(0.5f);
        assertThat(vm.reconstructionProperty().get().original()).containsExactly(input);
        assertThat(vm.reconstructionProperty().get().mse()).isFinite();

        drawing.drawStroke(new double[] {100 / R, 100 / R}, new double[] {200 / R, 100 / R});
        drawing.clear();
        assertThat(vm.originalProperty().get()).containsOnly(0f);
        drawing.undo(); // undoes the clear
        assertThat(drawing.strokes()).hasSize(2);
        drawing.undo();
        drawing.undo();
        assertThat(drawing.strokes()).isEmpty();
        assertThat(drawing.canUndo()).isFalse();
        assertThat(vm.originalProperty().get()).containsOnly(0f);
    }

    @Test
    void importedDarkOnLightImageIsInverted() {
        int w = 50;
        int h = 40;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            int c = i % w;
            int r = i / w;
            argb[i] = (c >= 20 && c < 26 && r >= 5 && r < 35) ? 0xff101010 : 0xfff0f0f0;
        }
        vm.importImage("one.png", argb, w, h);
        assertThat(in.sourceProperty().get()).isEqualTo(Source.IMAGE);
        assertThat(in.importedNameProperty().get()).isEqualTo("one.png");
        assertThat(vm.originalProperty().get()[14 * 28 + 14]).isGreaterThan(0.5f);
        assertThat(vm.originalProperty().get()[0]).isZero();
        assertThat(vm.errorProperty().get()).isNull();

        vm.importImage("blank.png", new int[] {-1, -1, -1, -1}, 2, 2);
        assertThat(vm.errorProperty().get()).isEqualTo("No ink found in \u201cblank.png\u201d");
    }

    @Test
    void quickSigmaChangesRunOnlyTheLatest() {
        useManualEngine();
        in.showTestDigit(11);
        noise.kindProperty().set(NoiseKind.GAUSSIAN);
        runEngine();
        int before = vm.modelCalls();

        // 20 changes while the engine is busy: each replaces the waiting one
        for (int i = 1; i <= 20; i++) {
            noise.sigmaProperty().set(i * 0.05);
        }
        assertThat(vm.busyProperty().get()).isTrue();
        runEngine();

        assertThat(vm.modelCalls() - before).isEqualTo(1);
        assertThat(vm.busyProperty().get()).isFalse();
        float[] clean = data.test().copyImage(11);
        float[] expected = new float[784];
        new Noise.Gaussian(20 * 0.05).apply(clean, 0, expected, 0, 28, 28,
                Noise.seedFor(Seeds.DEFAULT, 0), false);
        assertThat(vm.noisyProperty().get()).containsExactly(expected);
        float[] rec = ed4.model().reconstruct(expected);
        assertThat(output(vm.reconstructionProperty().get())).containsExactly(rec);
        assertThat(vm.reconstructionProperty().get().mse())
                .isEqualTo(Reconstruction.mse(rec, clean));
    }

    @Test
    void aDraggedSliderKeepsShowingResults() {
        // engine work and FX callbacks both wait until the test runs them, so the slider can
        // move while a request is on the engine and before its result reaches the FX thread
        Deque<Runnable> fxQueue = new ArrayDeque<>();
        ActiveModel active = ctx.activeModelProperty().get();
        ctx = new AppContext(new Jobs(engine::add, Runnable::run, fxQueue::add), prefs(), () -> { });
        ctx.dataProperty().set(data);
        ctx.activeModelProperty().set(active);
        create();
        in.showTestDigit(3);
        noise.kindProperty().set(NoiseKind.GAUSSIAN);
        runAll(fxQueue);
        int before = vm.modelCalls();

        noise.sigmaProperty().set(0.3);
        float[] first = vm.noisyProperty().get();
        engine.poll().run(); // the engine has started (and done) the request for σ = 0.3
        for (int i = 1; i <= 10; i++) {
            noise.sigmaProperty().set(0.3 + i * 0.1); // the slider moves on
        }
        float[] last = vm.noisyProperty().get();
        assertThat(engine).as("a started request is not replaced").isEmpty();
        runFx(fxQueue);

        // the σ = 0.3 result is shown, not dropped, and the newest input is asked for next
        assertThat(vm.reconstructionProperty().get().input()).isSameAs(first);
        assertThat(vm.busyProperty().get()).isTrue();
        assertThat(engine).hasSize(1);
        runAll(fxQueue);
        assertThat(vm.reconstructionProperty().get().input()).isSameAs(last);
        assertThat(vm.isCurrent(vm.reconstructionProperty().get())).isTrue();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.modelCalls() - before).isEqualTo(2);

        // another digit is never kept waiting for the old one: it replaces a started request
        noise.sigmaProperty().set(0.2);
        engine.poll().run();
        in.showTestDigit(4);
        runAll(fxQueue);
        assertThat(vm.reconstructionProperty().get().original())
                .containsExactly(data.test().copyImage(4));
        assertThat(vm.isCurrent(vm.reconstructionProperty().get())).isTrue();
    }

    private static void runFx(Deque<Runnable> fxQueue) {
        for (Runnable r; (r = fxQueue.poll()) != null; ) {
            r.run();
        }
    }

    private void runAll(Deque<Runnable> fxQueue) {
        while (!engine.isEmpty() || !fxQueue.isEmpty()) {
            runEngine();
            runFx(fxQueue);
        }
    }

    @Test
    void aResultInViewWhileTheNextDigitIsComputedKeepsItsOwnOriginal() {
        // the heat map compared an old reconstruction with the new original
        useManualEngine();
        in.showTestDigit(1);
        runEngine();
        in.next();
        Reconstruction shown = vm.reconstructionProperty().get();
        assertThat(vm.originalProperty().get()).containsExactly(data.test().copyImage(2));
        assertThat(shown.original()).containsExactly(data.test().copyImage(1));
        assertThat(vm.isCurrent(shown)).isFalse();
        runEngine();
        assertThat(vm.reconstructionProperty().get().original())
                .containsExactly(data.test().copyImage(2));
        assertThat(vm.isCurrent(vm.reconstructionProperty().get())).isTrue();
    }

    @Test
    void switchingModelsNeverShowsThePreviousModelsReconstruction() {
        ActiveModel other = model("other", 8, 5);
        useManualEngine();
        ctx.models().addAll(ed4, other);
        in.showTestDigit(4);
        runEngine();
        assertThat(vm.reconstructionProperty().get().model()).isSameAs(ed4);

        vm.choosePrimary(other);
        assertThat(vm.reconstructionProperty().get()).as("empty until the new one arrives")
                .isNull();
        assertThat(vm.busyProperty().get()).isTrue();
        runEngine();
        Reconstruction r = vm.reconstructionProperty().get();
        assertThat(r.model()).isSameAs(other);
        assertThat(r.output()).containsExactly(other.model().reconstruct(
                data.test().copyImage(4)));

        // a request for the old model still waiting never lands after the switch
        vm.choosePrimary(ed4);
        vm.choosePrimary(other);
        runEngine();
        assertThat(vm.reconstructionProperty().get().model()).isSameAs(other);
    }

    @Test
    void comparesEd4WithEd32ByDefault() {
        ActiveModel ed32 = model("ED=32", 32, 2);
        assertThat(vm.compareModelProperty().get()).isNull();
        ctx.models().addAll(ed32, ed4);
        assertThat(vm.primaryModelProperty().get()).isSameAs(ed4);
        assertThat(vm.compareModelProperty().get()).isSameAs(ed32);
        in.showTestDigit(9);
        float[] clean = data.test().copyImage(9);
        Reconstruction c = vm.compareReconstructionProperty().get();
        assertThat(c.model()).isSameAs(ed32);
        assertThat(c.output()).containsExactly(ed32.model().reconstruct(clean));
        assertThat(c.mse()).isFinite().isNotEqualTo(vm.reconstructionProperty().get().mse());

        vm.chooseCompare(null);
        assertThat(vm.compareReconstructionProperty().get()).isNull();
    }

    @Test
    void thePairIsShownAtStartUpWhateverModelTheAppMadeActive() {
        // start-up: discovery lists the models, then activates the newest (here ED=8, as on a
        // fresh clone where models/ed8 was written last); the README promises ED=4 vs ED=32
        ctx = AppContext.sameThread(prefs());
        ctx.dataProperty().set(data);
        create();
        ActiveModel ed32 = model("ED=32", 32, 2);
        ActiveModel ed8 = model("ED=8", 8, 3);
        ActiveModel ed16 = model("ED=16", 16, 4);
        ctx.models().addAll(ed16, ed32, ed4, ed8);
        ctx.activeModelProperty().set(ed8);
        assertThat(vm.primaryModelProperty().get()).isSameAs(ed4);
        assertThat(vm.compareModelProperty().get()).isSameAs(ed32);
        assertThat(vm.compareReconstructionProperty().get().model()).isSameAs(ed32);

        // the user's switch to another model is shown, alone
        ctx.activeModelProperty().set(ed16);
        assertThat(vm.primaryModelProperty().get()).isSameAs(ed16);
        assertThat(vm.compareModelProperty().get()).isNull();
    }

    @Test
    void thePairIsShownWhenTheActiveModelIsSetAfterLoading() {
        // start-up order: models are discovered first, the remembered one is activated last
        ctx = AppContext.sameThread(prefs());
        ctx.dataProperty().set(data);
        create();
        ActiveModel ed32 = model("ED=32", 32, 2);
        ActiveModel ed8 = model("ED=8", 8, 3);
        ctx.models().addAll(ed8, ed32, ed4);
        ctx.activeModelProperty().set(ed32);
        assertThat(vm.primaryModelProperty().get()).isSameAs(ed4);
        assertThat(vm.compareModelProperty().get()).isSameAs(ed32);
        assertThat(vm.reconstructionProperty().get().model()).isSameAs(ed4);
        assertThat(vm.compareReconstructionProperty().get().model()).isSameAs(ed32);

        // a model the user activates outside the pair is shown, alone
        ctx.activeModelProperty().set(ed8);
        assertThat(vm.primaryModelProperty().get()).isSameAs(ed8);
        assertThat(vm.compareModelProperty().get()).isNull();
        assertThat(vm.compareReconstructionProperty().get()).isNull();
        assertThat(vm.reconstructionProperty().get().model()).isSameAs(ed8);

        // once the user picks here, activating a model changes only the main one
        vm.chooseCompare(ed4);
        ctx.activeModelProperty().set(ed32);
        assertThat(vm.primaryModelProperty().get()).isSameAs(ed32);
        assertThat(vm.compareModelProperty().get()).isSameAs(ed4);
    }

    @Test
    void aFailingModelShowsOneMessageAndNoPicture() {
        Autoencoder broken = Autoencoder.create(4, 9);
        broken.close();
        ActiveModel bad = TestModels.active("broken", null, ModelMetadata.of(4), broken);
        in.showTestDigit(6);
        assertThat(vm.reconstructionProperty().get()).isNotNull();
        vm.choosePrimary(bad);
        assertThat(vm.reconstructionProperty().get()).isNull();
        assertThat(vm.errorProperty().get()).startsWith("Reconstruction failed: ");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.originalProperty().get()).containsExactly(data.test().copyImage(6));
    }

    @Test
    void withoutAModelOnlyInputsAreShown() {
        ctx.activeModelProperty().set(null);
        in.showTestDigit(2);
        assertThat(vm.noModelBinding().get()).isTrue();
        assertThat(vm.originalProperty().get()).isNotNull();
        assertThat(vm.noisyProperty().get()).isNotNull();
        assertThat(vm.reconstructionProperty().get()).isNull();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void withoutDataNothingIsShown() {
        ctx.dataProperty().set(null);
        assertThat(vm.originalProperty().get()).isNull();
        assertThat(vm.noisyProperty().get()).isNull();
        assertThat(vm.reconstructionProperty().get()).isNull();
        assertThat(in.testIndexProperty().get()).isEqualTo(-1);
        assertThat(ctx.reconstructInputProperty().get()).isNull();
        ctx.dataProperty().set(data);
        assertThat(vm.reconstructionProperty().get().original())
                .containsExactly(data.test().copyImage(0));
    }
}
