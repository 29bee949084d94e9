package io.latentlab.ui.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.Noise;
import io.latentlab.ui.reconstruction.NoiseSettings.Patch;
import io.latentlab.ui.reconstruction.ReconstructViewModel.NoiseKind;
import io.latentlab.ui.reconstruction.ReconstructViewModel.PatchPlacement;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where the occlusion patch is, and how grabbing, dragging and the arrows move it. */
class NoiseSettingsTest {

    private final AtomicInteger refreshes = new AtomicInteger();
    private NoiseSettings noise;

    @BeforeEach
    void setUp() {
        Batch batch = new Batch(refreshes::incrementAndGet);
        noise = new NoiseSettings(batch);
        batch.open();
        noise.kindProperty().set(NoiseKind.OCCLUSION);
        noise.occlusionSizeProperty().set(6);
        noise.placeOcclusion(6, 6); // centred on 6,6: corner 3,3
        refreshes.set(0);
    }

    @Test
    void thePatchIsWhereTheNoiseBlanks() {
        assertThat(noise.patchProperty().get()).isEqualTo(new Patch(3, 3, 6));
        noise.kindProperty().set(NoiseKind.GAUSSIAN);
        assertThat(noise.patchProperty().get()).isNull();
        noise.kindProperty().set(NoiseKind.OCCLUSION);

        for (PatchPlacement p : new PatchPlacement[] {PatchPlacement.QUADRANT,
                PatchPlacement.PARTIAL, PatchPlacement.ANYWHERE}) {
            noise.placementProperty().set(p);
            for (int seed = 0; seed < 5; seed++) {
                noise.seedProperty().set(seed);
                Patch patch = noise.patchProperty().get();
                float[] ones = new float[28 * 28];
                Arrays.fill(ones, 1f);
                float[] out = noise.apply(ones);
                for (int r = 0; r < 28; r++) {
                    for (int c = 0; c < 28; c++) {
                        assertThat(out[r * 28 + c]).as("%s seed %d at %d,%d", p, seed, r, c)
                                .isEqualTo(patch.contains(c + 0.5, r + 0.5) ? 0f : 1f);
                    }
                }
            }
        }
    }

    @Test
    void draggingThePatchKeepsThePointItWasHeldAt() {
        noise.grabPatch(5.5, 4.5); // on the patch, 2.5 and 1.5 px into it: it stays
        assertThat(noise.patchProperty().get()).isEqualTo(new Patch(3, 3, 6));
        assertThat(refreshes.get()).isZero();

        noise.dragPatch(15.5, 10.5);
        assertThat(noise.patchProperty().get()).isEqualTo(new Patch(13, 9, 6));
        assertThat(noise.noise()).isEqualTo(new Noise.Occlusion(6, 13, 9));
        assertThat(refreshes.get()).as("x and y move as one change").isEqualTo(1);

        noise.dragPatch(100, -50); // kept inside: 28 - 6 = 22
        assertThat(noise.patchProperty().get()).isEqualTo(new Patch(22, 0, 6));
    }

    @Test
    void grabbingBesideThePatchCentresItThere() {
        noise.grabPatch(20.2, 20.7);
        assertThat(noise.patchProperty().get()).isEqualTo(new Patch(17, 17, 6));
        noise.dragPatch(21.2, 19.7); // held 3.2, 3.7 px in
        assertThat(noise.patchProperty().get()).isEqualTo(new Patch(18, 16, 6));
    }

    @Test
    void grabbingARandomPatchPlacesItByHandWhereItIs() {
        noise.placementProperty().set(PatchPlacement.QUADRANT);
        noise.seedProperty().set(7);
        Patch random = noise.patchProperty().get();
        noise.grabPatch(random.x() + 1, random.y() + 1);
        assertThat(noise.placementProperty().get()).isEqualTo(PatchPlacement.BY_HAND);
        assertThat(noise.patchProperty().get()).isEqualTo(random);
    }

    @Test
    void arrowsMoveThePatchInsideTheImage() {
        noise.movePatch(1, 0);
        noise.movePatch(0, -1);
        assertThat(noise.patchProperty().get()).isEqualTo(new Patch(4, 2, 6));
        noise.movePatch(-10, 40);
        assertThat(noise.patchProperty().get()).isEqualTo(new Patch(0, 22, 6));
    }

    @Test
    void withoutOcclusionThereIsNothingToMove() {
        noise.kindProperty().set(NoiseKind.NONE);
        refreshes.set(0);
        noise.grabPatch(5, 5);
        noise.dragPatch(20, 20);
        noise.movePatch(1, 1);
        assertThat(refreshes.get()).isZero();
        assertThat(noise.occlusionXProperty().get()).isEqualTo(3);
    }
}
