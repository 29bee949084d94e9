package io.latentlab.ui.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.latentlab.analysis.Interpolation;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.TestModels;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobState;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Picking A and B on the map, on a same-thread context (jobs have run when calls return). */
class InterpolationViewModelTest {

    private static MnistData data;
    private AppContext ctx;
    private LatentViewModel map;
    private InterpolationViewModel vm;
    private final List<ActiveModel> models = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        DjlThread.prepareCurrentThread();
        MnistData full = io.latentlab.data.TestMnist.shipped();
        data = new MnistData(full.train().slice(0, 100), full.test().slice(0, 500),
                full.dir(), full.checksum());
    }

    @BeforeEach
    void setUp() {
        ctx = AppContext.sameThread(Preferences.userRoot().node("latent-lab-tests"));
        map = new LatentViewModel(ctx);
        vm = map.interpolation();
        ctx.dataProperty().set(data);
        ctx.activeModelProperty().set(model(1));
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
        return m;
    }

    @Test
    void picksAThenBAndComputesTheStripBetweenThem() {
        assertThat(map.projectionProperty().get()).isNotNull();
        assertThat(vm.captionProperty().get()).isEqualTo("Click a digit on the map for A.");
        vm.pick(3);
        assertThat(vm.aProperty().get()).isEqualTo(3);
        assertThat(vm.bProperty().get()).isEqualTo(-1);
        assertThat(vm.stripProperty().get()).isNull();
        assertThat(vm.captionProperty().get())
                .isEqualTo("A = test #3 (label 0). Now click a digit for B.");
        vm.pick(7);
        Interpolation.Strip s = vm.stripProperty().get();
        assertThat(s).isNotNull();
        assertThat(s.steps()).isEqualTo(InterpolationViewModel.STEPS);
        assertThat(vm.captionProperty().get())
                .isEqualTo("A = test #3 (label 0), B = test #7 (label 9)");
        // the ends: the decodes of A's and B's codes; the cross-fade ends: A and B
        float[] a = data.test().copyImage(3);
        float[] b = data.test().copyImage(7);
        float[] decodedA = models.get(0).model().reconstruct(a);
        float[] decodedB = models.get(0).model().reconstruct(b);
        assertThat(s.decodedImage(0)).containsExactly(decodedA, within(1e-6f));
        assertThat(s.decodedImage(InterpolationViewModel.STEPS - 1))
                .containsExactly(decodedB, within(1e-6f));
        assertThat(s.crossFadeImage(0)).containsExactly(a);
        assertThat(s.crossFadeImage(InterpolationViewModel.STEPS - 1)).containsExactly(b);

        // a third pick starts a new pair
        vm.pick(11);
        assertThat(vm.aProperty().get()).isEqualTo(11);
        assertThat(vm.bProperty().get()).isEqualTo(-1);
        assertThat(vm.stripProperty().get()).isNull();
    }

    @Test
    void aNewMapForgetsThePair() {
        vm.pick(3);
        vm.pick(7);
        ctx.activeModelProperty().set(model(2));
        assertThat(vm.aProperty().get()).isEqualTo(-1);
        assertThat(vm.bProperty().get()).isEqualTo(-1);
        assertThat(vm.stripProperty().get()).isNull();
    }

    @Test
    void exportsBothRowsAsOnePng(@TempDir Path tmp) throws Exception {
        assertThat(vm.export(tmp.resolve("none.png"))).isNull();
        vm.pick(3);
        vm.pick(7);
        assertThat(vm.fileName()).isEqualTo("interpolation-3-7.png");
        Path file = tmp.resolve(vm.fileName());
        Job<Path> job = vm.export(file);
        assertThat(job.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        BufferedImage png = ImageIO.read(file.toFile());
        int cell = 28 * InterpolationViewModel.SCALE + 4;
        assertThat(png.getHeight()).isEqualTo(34 + 20 + 2 * cell + 8);
        assertThat(png.getWidth()).isGreaterThan(InterpolationViewModel.STEPS * cell);
        assertThat(vm.statusProperty().get()).isEqualTo("Saved interpolation-3-7.png");
    }
}
