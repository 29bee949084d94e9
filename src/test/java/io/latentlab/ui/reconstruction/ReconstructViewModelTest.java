package io.latentlab.ui.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.latentlab.data.MnistData;
import io.latentlab.data.Noise;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.reconstruction.ReconstructViewModel.NoiseKind;
import io.latentlab.ui.reconstruction.ReconstructViewModel.Source;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The view model with a real DJL thread and a direct FX executor (no toolkit). */
class ReconstructViewModelTest {

    private static MnistData data;

    private DjlThread djl;
    private Autoencoder model;
    private AppContext ctx;
    private ReconstructViewModel vm;

    @BeforeAll
    static void loadData() throws Exception {
        data = MnistData.load(Path.of("assets/mnist"));
    }

    @BeforeEach
    void setUp() throws Exception {
        djl = new DjlThread();
        model = djl.submit(() -> Autoencoder.create(4, 1)).get(30, TimeUnit.SECONDS);
        ctx = new AppContext(djl, Runnable::run, Preferences.userRoot().node("latent-lab-tests"));
        ctx.dataProperty().set(data);
        ctx.activeModelProperty().set(io.latentlab.ui.TestModels.active("test", null, ModelMetadata.of(4), model));
        vm = new ReconstructViewModel(ctx, Runnable::run);
        awaitIdle();
    }

    @AfterEach
    void tearDown() throws Exception {
        djl.submit(() -> {
            model.close();
            return null;
        }).get(30, TimeUnit.SECONDS);
        ctx.close();
    }

    private void awaitIdle() throws InterruptedException {
        await(vm::isIdle);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(end);
            Thread.sleep(5);
        }
    }

    private float[] reconstructDirectly(Autoencoder m, float[] input) throws Exception {
        return djl.submit(() -> {
            try (NDManager sub = m.manager().newSubManager()) {
                return m.reconstruct(sub.create(input, new Shape(1, 1, 28, 28)), false)
                        .toFloatArray();
            }
        }).get(30, TimeUnit.SECONDS);
    }

    @Test
    void selectingATestDigitReconstructsIt() throws Exception {
        vm.showTestDigit(7);
        awaitIdle();
        assertThat(vm.testIndexProperty().get()).isEqualTo(7);
        assertThat(vm.testLabelProperty().get()).isEqualTo(data.test().label(7));
        assertThat(vm.originalProperty().get()).containsExactly(data.test().copyImage(7));
        float[] rec = vm.reconstructionProperty().get();
        assertThat(rec).hasSize(784);
        for (float v : rec) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(vm.mseProperty().get()).isFinite();
        assertThat(rec).containsExactly(reconstructDirectly(model, data.test().copyImage(7)));
        assertThat(vm.mseProperty().get())
                .isEqualTo(ReconstructViewModel.mse(rec, data.test().copyImage(7)));
        // published for the other views
        assertThat(ctx.reconstructInputProperty().get()).containsExactly(data.test().copyImage(7));
    }

    @Test
    void browsingFiltersByClassAndWraps() throws Exception {
        vm.classFilterProperty().set(3);
        awaitIdle();
        assertThat(vm.testLabelProperty().get()).isEqualTo(3);
        int first = vm.testIndexProperty().get();
        vm.next();
        assertThat(vm.testLabelProperty().get()).isEqualTo(3);
        assertThat(vm.testIndexProperty().get()).isGreaterThan(first);
        vm.previous();
        vm.previous();
        assertThat(vm.positionProperty().get()).isEqualTo(vm.filteredCountProperty().get() - 1);
        vm.randomDigit();
        assertThat(vm.testLabelProperty().get()).isEqualTo(3);
        awaitIdle();
    }

    @Test
    void requestedTestDigitIsShown() throws Exception {
        vm.drawStroke(new double[] {100, 100}, new double[] {150, 200});
        ctx.showInReconstruct(42);
        awaitIdle();
        assertThat(vm.sourceProperty().get()).isEqualTo(Source.TEST_SET);
        assertThat(vm.testIndexProperty().get()).isEqualTo(42);
        assertThat(vm.originalProperty().get()).containsExactly(data.test().copyImage(42));
    }

    @Test
    void gaussianSigmaChangesInputAndMse() throws Exception {
        vm.showTestDigit(3);
        vm.noiseKindProperty().set(NoiseKind.GAUSSIAN);
        vm.sigmaProperty().set(0);
        awaitIdle();
        float[] noisy0 = vm.noisyProperty().get();
        double mse0 = vm.mseProperty().get();
        assertThat(noisy0).containsExactly(data.test().copyImage(3));

        vm.sigmaProperty().set(1);
        awaitIdle();
        float[] noisy1 = vm.noisyProperty().get();
        assertThat(noisy1).isNotEqualTo(noisy0);
        assertThat(vm.mseProperty().get()).isFinite().isNotEqualTo(mse0);
        // unclipped by default, as in the study
        float min = Float.MAX_VALUE;
        for (float v : noisy1) {
            min = Math.min(min, v);
        }
        assertThat(min).isLessThan(0f);
        vm.clipProperty().set(true);
        for (float v : vm.noisyProperty().get()) {
            assertThat(v).isBetween(0f, 1f);
        }
        awaitIdle();
    }

    @Test
    void sameSeedSameNoise() throws Exception {
        vm.showTestDigit(5);
        vm.noiseKindProperty().set(NoiseKind.UNIFORM);
        vm.seedProperty().set(3);
        float[] a = vm.noisyProperty().get();
        vm.seedProperty().set(4);
        assertThat(vm.noisyProperty().get()).isNotEqualTo(a);
        vm.seedProperty().set(3);
        assertThat(vm.noisyProperty().get()).containsExactly(a);
        awaitIdle();
    }

    @Test
    void occlusionPatchCanBePlaced() throws Exception {
        vm.showTestDigit(0);
        vm.noiseKindProperty().set(NoiseKind.OCCLUSION);
        vm.occlusionSizeProperty().set(6);
        vm.placeOcclusion(0, 27); // clamped so the patch stays inside
        assertThat(vm.occlusionXProperty().get()).isZero();
        assertThat(vm.occlusionYProperty().get()).isEqualTo(22);
        float[] noisy = vm.noisyProperty().get();
        float[] clean = vm.originalProperty().get();
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                boolean inside = c < 6 && r >= 22;
                assertThat(noisy[r * 28 + c]).isEqualTo(inside ? 0f : clean[r * 28 + c]);
            }
        }
        vm.randomizeOcclusion();
        assertThat(vm.occlusionXProperty().get()).isBetween(0, 22);
        awaitIdle();
    }

    @Test
    void drawingAStrokeGivesAnInputAndAReconstruction() throws Exception {
        vm.drawStroke(new double[] {140, 50}, new double[] {145, 120}, new double[] {150, 230});
        awaitIdle();
        assertThat(vm.sourceProperty().get()).isEqualTo(Source.DRAWING);
        float[] input = vm.originalProperty().get();
        assertThat(input).hasSize(784);
        float max = 0;
        for (float v : input) {
            max = Math.max(max, v);
        }
        assertThat(max).isGreaterThan(0.5f);
        assertThat(vm.reconstructionProperty().get()).hasSize(784);
        assertThat(vm.mseProperty().get()).isFinite();

        vm.drawStroke(new double[] {100, 100}, new double[] {200, 100});
        vm.clearDrawing();
        assertThat(vm.originalProperty().get()).containsOnly(0f);
        vm.undo(); // undoes the clear
        assertThat(vm.strokes()).hasSize(2);
        vm.undo();
        vm.undo();
        assertThat(vm.strokes()).isEmpty();
        assertThat(vm.originalProperty().get()).containsOnly(0f);
        awaitIdle();
    }

    @Test
    void importedDarkOnLightImageIsInverted() throws Exception {
        int w = 50;
        int h = 40;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            int c = i % w;
            int r = i / w;
            argb[i] = (c >= 20 && c < 26 && r >= 5 && r < 35) ? 0xff101010 : 0xfff0f0f0;
        }
        vm.importImage("one.png", argb, w, h);
        awaitIdle();
        assertThat(vm.sourceProperty().get()).isEqualTo(Source.IMAGE);
        assertThat(vm.originalProperty().get()[14 * 28 + 14]).isGreaterThan(0.5f);
        assertThat(vm.originalProperty().get()[0]).isZero();
        assertThat(vm.errorProperty().get()).isNull();

        vm.importImage("blank.png", new int[] {-1, -1, -1, -1}, 2, 2);
        assertThat(vm.errorProperty().get()).contains("blank.png");
        awaitIdle();
    }

    @Test
    void quickSigmaChangesCoalesce() throws Exception {
        vm.showTestDigit(11);
        vm.noiseKindProperty().set(NoiseKind.GAUSSIAN);
        awaitIdle();
        int before = vm.modelCalls();

        // hold the DJL thread so the 20 changes arrive while one request is in flight
        CountDownLatch release = new CountDownLatch(1);
        djl.submit(() -> release.await(30, TimeUnit.SECONDS));
        for (int i = 1; i <= 20; i++) {
            vm.sigmaProperty().set(i * 0.05);
        }
        release.countDown();
        awaitIdle();

        int calls = vm.modelCalls() - before;
        assertThat(calls).isBetween(1, 3);
        float[] clean = data.test().copyImage(11);
        float[] expected = new float[784];
        new Noise.Gaussian(20 * 0.05).apply(clean, 0, expected, 0, 28, 28,
                Noise.seedFor(0, 0), false);
        assertThat(vm.noisyProperty().get()).containsExactly(expected);
        float[] rec = reconstructDirectly(model, expected);
        assertThat(vm.reconstructionProperty().get()).containsExactly(rec);
        assertThat(vm.mseProperty().get()).isEqualTo(ReconstructViewModel.mse(rec, clean));
    }

    @Test
    void comparesEd4WithEd32ByDefault() throws Exception {
        Autoencoder big = djl.submit(() -> Autoencoder.create(32, 2)).get(30, TimeUnit.SECONDS);
        try {
            ActiveModel ed4 = ctx.activeModelProperty().get();
            ActiveModel ed32 = io.latentlab.ui.TestModels.active("ED=32", null, ModelMetadata.of(32), big);
            assertThat(vm.compareModelProperty().get()).isNull();
            ctx.models().addAll(ed32, ed4);
            assertThat(vm.primaryModelProperty().get()).isSameAs(ed4);
            assertThat(vm.compareModelProperty().get()).isSameAs(ed32);
            vm.showTestDigit(9);
            awaitIdle();
            float[] clean = data.test().copyImage(9);
            assertThat(vm.compareReconstructionProperty().get())
                    .containsExactly(reconstructDirectly(big, clean));
            assertThat(vm.compareMseProperty().get()).isFinite()
                    .isNotEqualTo(vm.mseProperty().get());

            vm.chooseCompare(null);
            assertThat(vm.compareReconstructionProperty().get()).isNull();
            assertThat(vm.compareMseProperty().get()).isNaN();
            awaitIdle();
        } finally {
            djl.submit(() -> {
                big.close();
                return null;
            }).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutAModelOnlyInputsAreShown() throws Exception {
        ctx.activeModelProperty().set(null);
        vm.showTestDigit(2);
        awaitIdle();
        assertThat(vm.noModelBinding().get()).isTrue();
        assertThat(vm.originalProperty().get()).isNotNull();
        assertThat(vm.noisyProperty().get()).isNotNull();
        assertThat(vm.reconstructionProperty().get()).isNull();
        assertThat(vm.mseProperty().get()).isNaN();
    }
}
