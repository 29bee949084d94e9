package io.latentlab.ui.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.latent.LatentViewModel.Projection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.geometry.Point2D;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The view model with a direct executor and a real DJL thread. */
class LatentViewModelTest {

    private static MnistData data;
    private AppContext ctx;
    private LatentViewModel vm;
    private final List<Autoencoder> models = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        MnistData full = MnistData.load(Path.of("assets/mnist"));
        data = new MnistData(full.train().slice(0, 1000), full.test().slice(0, 2000),
                full.dir(), full.checksum());
    }

    @BeforeEach
    void setUp() {
        ctx = new AppContext(new DjlThread(), Runnable::run,
                Preferences.userRoot().node("latent-lab-tests"));
        vm = new LatentViewModel(ctx, Runnable::run);
    }

    @AfterEach
    void tearDown() throws Exception {
        // close the models on the DJL thread that used them
        ctx.djl().submit(() -> {
            models.forEach(Autoencoder::close);
            return null;
        }).get(30, TimeUnit.SECONDS);
        ctx.close();
    }

    private AppContext.ActiveModel model(String name, long seed) throws Exception {
        Autoencoder m = ctx.djl().submit(() -> Autoencoder.create(4, seed))
                .get(30, TimeUnit.SECONDS);
        models.add(m);
        return io.latentlab.ui.TestModels.active(name, null, ModelMetadata.of(4), m);
    }

    private Projection computed(AppContext.ActiveModel m) throws Exception {
        ctx.dataProperty().set(data);
        ctx.activeModelProperty().set(m);
        return vm.pending().get(60, TimeUnit.SECONDS);
    }

    @Test
    void withoutAModelShowsTheHint() {
        assertThat(vm.projectionProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).startsWith("No model yet: train one");
    }

    @Test
    void settingAModelComputesTheMap() throws Exception {
        Projection p = computed(model("a", 1));
        assertThat(p).isNotNull();
        assertThat(vm.projectionProperty().get()).isSameAs(p);
        assertThat(p.n()).isEqualTo(2000);
        assertThat(p.xy()).hasSize(4000);
        for (float v : p.xy()) {
            assertThat(v).isFinite();
        }
        assertThat(p.labels()[5]).isEqualTo(data.test().label(5));
        double sum = p.ratio()[0] + p.ratio()[1];
        assertThat(p.ratio()[0]).isGreaterThanOrEqualTo(p.ratio()[1]);
        assertThat(sum).isPositive().isLessThanOrEqualTo(1 + 1e-9);
        assertThat(vm.pc1TextProperty().get()).matches("PC1 \\d+\\.\\d %");
        assertThat(vm.pc2TextProperty().get()).matches("PC2 \\d+\\.\\d %");
        assertThat(vm.messageProperty().get()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(ctx.legacyStatus().runningProperty().get()).isFalse();
    }

    @Test
    void theLatestModelWins() throws Exception {
        AppContext.ActiveModel a = model("a", 1);
        AppContext.ActiveModel b = model("b", 2);
        List<Projection> shown = new ArrayList<>();
        vm.projectionProperty().addListener((obs, o, n) -> {
            if (n != null) {
                shown.add(n);
            }
        });
        ctx.dataProperty().set(data);
        ctx.activeModelProperty().set(a);
        var first = vm.pending();
        ctx.activeModelProperty().set(b);
        Projection p = vm.pending().get(60, TimeUnit.SECONDS);
        assertThat(first.get(60, TimeUnit.SECONDS)).isNull();
        assertThat(p.model()).isSameAs(b);
        // give a stale result time to arrive, then check it was never shown
        ctx.djl().submit(() -> null).get(30, TimeUnit.SECONDS);
        assertThat(shown).extracting(Projection::model).containsExactly(b);
        assertThat(vm.projectionProperty().get().model()).isSameAs(b);
    }

    @Test
    void togglingAClassHidesItsPoints() throws Exception {
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
    void walkingDecodesAPlanePoint() throws Exception {
        Projection p = computed(model("a", 1));
        vm.walkTo(p.x(0) * 0.5, p.y(0) + 0.1).get(30, TimeUnit.SECONDS);
        float[] img = vm.decodedProperty().get();
        assertThat(img).hasSize(784);
        for (float v : img) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(vm.walkPointProperty().get()).isNotNull();
    }

    @Test
    void reconstructInputGetsAMarker() throws Exception {
        Projection p = computed(model("a", 1));
        assertThat(vm.markerProperty().get()).isNull();
        ctx.reconstructInputProperty().set(data.test().copyImage(7));
        vm.updateMarker().get(30, TimeUnit.SECONDS);
        Point2D m = vm.markerProperty().get();
        assertThat(m).isNotNull();
        // the same digit encodes to the same point as in the map
        assertThat(m.getX()).isCloseTo(p.x(7), within(1e-3));
        assertThat(m.getY()).isCloseTo(p.y(7), within(1e-3));
        ctx.reconstructInputProperty().set(null);
        assertThat(vm.markerProperty().get()).isNull();
    }
}
