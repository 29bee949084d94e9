package io.latentlab.ui.reconstruction;

import io.latentlab.data.Noise;
import io.latentlab.data.Seeds;
import io.latentlab.ui.reconstruction.ReconstructViewModel.NoiseKind;
import io.latentlab.ui.reconstruction.ReconstructViewModel.PatchPlacement;

import java.util.Random;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The corruption applied to the digit before the models see it: kind, Gaussian sigma,
 * occlusion patch, seed and clipping, as in the study's noise-robustness runs. FX thread only.
 */
public final class NoiseSettings {

    private static final int SIDE = ReconstructViewModel.SIDE;

    private final Batch batch;
    private final Random random = new Random();
    private final ObjectProperty<NoiseKind> kind = new SimpleObjectProperty<>(this, "kind",
            NoiseKind.NONE);
    private final DoubleProperty sigma = new SimpleDoubleProperty(this, "sigma", 0.5);
    private final IntegerProperty occlusionSize = new SimpleIntegerProperty(this,
            "occlusionSize", 14);
    private final IntegerProperty occlusionX = new SimpleIntegerProperty(this, "occlusionX", 7);
    private final IntegerProperty occlusionY = new SimpleIntegerProperty(this, "occlusionY", 7);
    private final ObjectProperty<PatchPlacement> placement = new SimpleObjectProperty<>(this,
            "placement", PatchPlacement.BY_HAND);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed",
            (int) Seeds.DEFAULT);
    private final BooleanProperty clip = new SimpleBooleanProperty(this, "clip", false);

    /** @param batch told about every change */
    NoiseSettings(Batch batch) {
        this.batch = batch;
        for (Observable p : new Observable[] {kind, sigma, occlusionSize, occlusionX, occlusionY,
                placement, seed, clip}) {
            p.addListener(obs -> batch.changed());
        }
    }

    /**
     * Centres the occlusion patch on a pixel, keeping it inside the image; the patch is then
     * placed by hand.
     *
     * @param col column 0..27
     * @param row row 0..27
     */
    public void placeOcclusion(int col, int row) {
        int size = occlusionSize.get();
        int max = Math.max(0, SIDE - size);
        batch.run(() -> {
            occlusionX.set(Math.max(0, Math.min(max, col - size / 2)));
            occlusionY.set(Math.max(0, Math.min(max, row - size / 2)));
            placement.set(PatchPlacement.BY_HAND);
        });
    }

    /**
     * Puts a patch placed by hand at a random position where it fits; with a random
     * placement, draws a new seed instead (its patch goes where the placement says).
     */
    public void randomizeOcclusion() {
        if (placement.get() != PatchPlacement.BY_HAND) {
            seed.set(random.nextInt(Integer.MAX_VALUE));
            return;
        }
        int max = Math.max(0, SIDE - occlusionSize.get());
        batch.run(() -> {
            occlusionX.set(random.nextInt(max + 1));
            occlusionY.set(random.nextInt(max + 1));
        });
    }

    /** @return the noise for the current settings */
    public Noise noise() {
        return switch (kind.get()) {
            case NONE -> new Noise.None();
            case GAUSSIAN -> new Noise.Gaussian(Math.max(0, sigma.get()));
            case UNIFORM -> new Noise.Uniform();
            case OCCLUSION -> occlusion(Math.max(1, occlusionSize.get()));
        };
    }

    private Noise occlusion(int size) {
        return switch (placement.get() == null ? PatchPlacement.BY_HAND : placement.get()) {
            case BY_HAND -> new Noise.Occlusion(size, Math.max(0, occlusionX.get()),
                    Math.max(0, occlusionY.get()));
            case ANYWHERE -> Noise.occlusion(size, Noise.Occlusion.Placement.ANYWHERE);
            case QUADRANT -> Noise.occlusion(size, Noise.Occlusion.Placement.QUADRANT);
            case PARTIAL -> Noise.occlusion(size, Noise.Occlusion.Placement.PARTIAL);
        };
    }

    /** @return whether the seed decides the noise (false for none and a hand-placed patch) */
    public boolean seeded() {
        return kind.get() != NoiseKind.NONE && !(kind.get() == NoiseKind.OCCLUSION
                && placement.get() == PatchPlacement.BY_HAND);
    }

    /**
     * @param clean a 28x28 digit
     * @return the noisy input for it (the same seed gives the same noise)
     */
    float[] apply(float[] clean) {
        float[] out = new float[clean.length];
        noise().apply(clean, 0, out, 0, SIDE, SIDE, Noise.seedFor(seed.get(), 0), clip.get());
        return out;
    }

    /** @return the noise kind */
    public ObjectProperty<NoiseKind> kindProperty() {
        return kind;
    }

    /** @return Gaussian sigma */
    public DoubleProperty sigmaProperty() {
        return sigma;
    }

    /** @return occlusion patch side */
    public IntegerProperty occlusionSizeProperty() {
        return occlusionSize;
    }

    /** @return occlusion patch left column */
    public IntegerProperty occlusionXProperty() {
        return occlusionX;
    }

    /** @return occlusion patch top row */
    public IntegerProperty occlusionYProperty() {
        return occlusionY;
    }

    /** @return where the occlusion patch goes: by hand, or drawn from the seed */
    public ObjectProperty<PatchPlacement> placementProperty() {
        return placement;
    }

    /** @return noise seed */
    public IntegerProperty seedProperty() {
        return seed;
    }

    /** @return whether the noisy input is clamped to [0, 1] */
    public BooleanProperty clipProperty() {
        return clip;
    }
}
