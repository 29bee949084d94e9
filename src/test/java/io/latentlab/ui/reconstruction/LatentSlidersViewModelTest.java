package io.latentlab.ui.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.latentlab.analysis.LatentCodes;
import io.latentlab.analysis.Pca;
import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.model.DjlThread;
import io.latentlab.service.ModelHandle;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.jobs.Jobs;
import io.latentlab.ui.latent.LatentViewModel;
import io.latentlab.ui.reconstruction.LatentSlidersViewModel.Axis;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The latent sliders with the real models/ed4 (and ed16 for principal directions). Jobs run
 * on the test thread, or wait in {@link #engine} where the order of requests matters.
 */
class LatentSlidersViewModelTest {

    private static MnistData data;
    private static ModelHandle ed4;
    private static ModelHandle ed16;

    private final Deque<Runnable> engine = new ArrayDeque<>();
    private AppContext ctx;
    private ReconstructViewModel vm;
    private LatentSlidersViewModel sliders;

    @BeforeAll
    static void load() throws Exception {
        DjlThread.prepareCurrentThread();
        data = io.latentlab.data.TestMnist.shipped();
        ed4 = ModelHandle.load(Path.of("models/ed4"));
        ed16 = ModelHandle.load(Path.of("models/ed16"));
    }

    @AfterAll
    static void close() {
        ed4.close();
        ed16.close();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** Opens the sliders on test digit 0 of {@code handle}, its test codes taken from 500. */
    private void open(ModelHandle handle, Jobs jobs, boolean seedCodes) {
        ctx = new AppContext(jobs, Preferences.userRoot().node("latent-lab-tests"), () -> { });
        ctx.dataProperty().set(data);
        ActiveModel m = new ActiveModel("ED=" + handle.encodingDim(), null, handle.metadata(),
                handle);
        ctx.models().add(m);
        ctx.activeModelProperty().set(m);
        if (seedCodes) {
            // a PCA of the first 500 test codes keeps the test quick
            Dataset few = data.test().slice(0, 500);
            LatentCodes codes = handle.encodeAll(few, 500, (d, t) -> true);
            ctx.testCodes().put(handle, data.test(), codes,
                    Pca.fit(codes.codes(), codes.n(), codes.dim()));
        }
        vm = new ReconstructViewModel(ctx);
        vm.showTestDigit(0);
        sliders = vm.sliders();
        sliders.openProperty().set(true);
        runEngine();
    }

    private void runEngine() {
        for (Runnable r; (r = engine.poll()) != null; ) {
            r.run();
        }
    }

    private List<Axis> axes() {
        return sliders.slidersProperty().get();
    }

    private float[] reconstructionOfInput() {
        float[] x = vm.noisyProperty().get();
        return ed4.decode(ed4.encode(x));
    }

    @Test
    void openingEncodesTheTestSetOnceAndShowsOneSliderPerCoordinate() {
        ctx = AppContext.sameThread(Preferences.userRoot().node("latent-lab-tests"));
        ctx.dataProperty().set(data);
        ActiveModel m = new ActiveModel("ED=4", null, ed4.metadata(), ed4);
        ctx.models().add(m);
        ctx.activeModelProperty().set(m);
        vm = new ReconstructViewModel(ctx);
        vm.showTestDigit(0);
        sliders = vm.sliders();
        assertThat(ctx.testCodes().get(ed4, data.test())).as("closed: nothing computed")
                .isNull();
        assertThat(axes()).isEmpty();

        sliders.openProperty().set(true);

        assertThat(ctx.testCodes().get(ed4, data.test()).codes().n())
                .isEqualTo(data.test().size());
        assertThat(axes()).extracting(Axis::label).containsExactly("z1", "z2", "z3", "z4");
        assertThat(axes().get(2).tooltip()).isEqualTo("coordinate 3 of 4");
        float[] z0 = ed4.encode(vm.noisyProperty().get());
        for (int k = 0; k < 4; k++) {
            Axis a = axes().get(k);
            assertThat(a.value().get()).isEqualTo(z0[k]);
            // mean ± 3 sd of the test codes, widened to the digit's own value (digit 0's z1
            // lies below it: the codes are not Gaussian)
            assertThat(a.min()).isLessThanOrEqualTo(a.value().get());
            assertThat(a.max()).isGreaterThan(a.value().get());
            assertThat(a.max() - a.min()).isGreaterThan(0.5);
        }
        assertThat(sliders.decodedProperty().get()).containsExactly(reconstructionOfInput());
        assertThat(sliders.codeProperty().get()).startsWith("z = (");

        // the Latent view's map reuses those codes rather than encoding the test set again
        LatentViewModel latent = new LatentViewModel(ctx);
        assertThat(latent.projectionProperty().get().pca())
                .isSameAs(ctx.testCodes().get(ed4, data.test()).pca());
    }

    @Test
    void movingASliderDecodesAndResetGivesBackTheReconstruction() {
        open(ed4, Jobs.sameThread(), true);
        float[] start = sliders.decodedProperty().get();
        assertThat(start).containsExactly(reconstructionOfInput());
        float[] z = sliders.startCode();

        Axis second = axes().get(1);
        second.value().set(second.max());

        z[1] = (float) second.max();
        float[] moved = sliders.decodedProperty().get();
        assertThat(moved).containsExactly(ed4.decode(z));
        assertThat(moved).isNotEqualTo(start);

        sliders.reset();
        assertThat(sliders.decodedProperty().get()).containsExactly(reconstructionOfInput());
        assertThat(second.value().get()).isEqualTo(sliders.startCode()[1]);
    }

    @Test
    void onlyTheLatestOfQuickChangesIsDecoded() {
        open(ed4, new Jobs(engine::add, Runnable::run, Runnable::run), true);
        int before = sliders.decodeCalls();
        float[] z = sliders.startCode();
        Axis first = axes().get(0);
        double lo = first.min();
        double hi = first.max();
        for (int i = 1; i <= 5; i++) {
            first.value().set(lo + (hi - lo) * i / 6);
        }
        runEngine();

        assertThat(sliders.decodeCalls() - before).isEqualTo(1);
        z[0] = (float) (lo + (hi - lo) * 5 / 6);
        assertThat(sliders.decodedProperty().get()).containsExactly(ed4.decode(z));
    }

    @Test
    void anotherDigitPutsTheSlidersOnItsCode() {
        open(ed4, Jobs.sameThread(), true);
        axes().get(0).value().set(axes().get(0).max());

        vm.showTestDigit(7);

        float[] z7 = ed4.encode(data.test().copyImage(7));
        assertThat(sliders.startCode()).containsExactly(z7);
        for (int k = 0; k < 4; k++) {
            assertThat(axes().get(k).value().get()).isEqualTo(z7[k]);
        }
        assertThat(sliders.decodedProperty().get()).containsExactly(reconstructionOfInput());
    }

    @Test
    void aboveEightDimensionsTheSlidersAreTheFirstEightPrincipalDirections() {
        open(ed16, Jobs.sameThread(), true);
        assertThat(axes()).hasSize(8);
        assertThat(axes().get(1).label()).isEqualTo("PC2");
        assertThat(axes().get(1).tooltip()).matches("principal direction 2: \\d+ % of the "
                + "variance");
        float[] x = vm.noisyProperty().get();
        assertThat(sliders.decodedProperty().get()).containsExactly(ed16.decode(ed16.encode(x)));

        axes().get(0).value().set(axes().get(0).value().get() + 1);
        float[] z = sliders.startCode();
        Pca pca = ctx.testCodes().get(ed16, data.test()).pca();
        double[] v1 = pca.component(0);
        for (int j = 0; j < z.length; j++) {
            z[j] = (float) (z[j] + v1[j]);
        }
        float[] expected = ed16.decode(z);
        float[] got = sliders.decodedProperty().get();
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isCloseTo(expected[i], within(1e-4f));
        }
    }
}
