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
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The corruption applied to the digit before the models see it: kind, Gaussian sigma,
 * occlusion patch, seed and clipping, as in the study's noise-robustness runs. FX thread only.
 */
public final class NoiseSettings {

    /**
     * Where the occlusion patch is, in image pixels: top-left corner and side. A random
     * placement may put it partly outside the image (the view clips the outline).
     *
     * @param x left column
     * @param y top row
     * @param size side
     */
    public record Patch(int x, int y, int size) {

        /** @return whether the point (in pixels, fractions allowed) lies on the patch */
        public boolean contains(double col, double row) {
            return col >= x && col < x + size && row >= y && row < y + size;
        }
    }

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
    private final ReadOnlyObjectWrapper<Patch> patch = new ReadOnlyObjectWrapper<>(this,
            "patch");
    /** Where in the patch the pointer holds it while dragging, in pixels. */
    private double grabX;
    private double grabY;

    /** @param batch told about every change */
    NoiseSettings(Batch batch) {
        this.batch = batch;
        for (Observable p : new Observable[] {kind, sigma, occlusionSize, occlusionX, occlusionY,
                placement, seed, clip}) {
            p.addListener(obs -> batch.changed());
            p.addListener(obs -> patch.set(currentPatch()));
        }
        patch.set(currentPatch());
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
        moveTo(col - size / 2, row - size / 2);
    }

    /**
     * Takes hold of the patch at a point of the image, as a mouse press does: on the patch, it
     * stays where it is (a randomly placed one is now placed by hand there); elsewhere it is
     * centred on the point. {@link #dragPatch} then moves it with the point.
     *
     * @param col column in pixels, 0 to 28 (fractions allowed)
     * @param row row in pixels
     */
    public void grabPatch(double col, double row) {
        Patch p = patch.get();
        if (p == null) {
            return;
        }
        if (p.contains(col, row)) {
            grabX = col - p.x();
            grabY = row - p.y();
            if (placement.get() != PatchPlacement.BY_HAND) {
                moveTo(p.x(), p.y());
            }
        } else {
            placeOcclusion((int) Math.floor(col), (int) Math.floor(row));
            grabX = col - occlusionX.get();
            grabY = row - occlusionY.get();
        }
    }

    /**
     * Moves the grabbed patch so the point it was held at follows the pointer.
     *
     * @param col column in pixels
     * @param row row in pixels
     */
    public void dragPatch(double col, double row) {
        if (patch.get() != null) {
            moveTo((int) Math.round(col - grabX), (int) Math.round(row - grabY));
        }
    }

    /**
     * Moves the patch by whole pixels (the arrow keys); it stays inside the image.
     *
     * @param dx columns to the right
     * @param dy rows down
     */
    public void movePatch(int dx, int dy) {
        Patch p = patch.get();
        if (p != null) {
            moveTo(p.x() + dx, p.y() + dy);
        }
    }

    /** Places the patch by hand with its corner at x, y, kept inside; one change. */
    private void moveTo(int x, int y) {
        int max = Math.max(0, SIDE - occlusionSize.get());
        batch.run(() -> {
            occlusionX.set(Math.max(0, Math.min(max, x)));
            occlusionY.set(Math.max(0, Math.min(max, y)));
            placement.set(PatchPlacement.BY_HAND);
        });
    }

    /** @return where the patch is now; null unless the noise is an occlusion */
    public ReadOnlyObjectProperty<Patch> patchProperty() {
        return patch.getReadOnlyProperty();
    }

    private Patch currentPatch() {
        if (kind.get() != NoiseKind.OCCLUSION || !(noise() instanceof Noise.Occlusion o)) {
            return null;
        }
        int[] corner = o.corner(SIDE, SIDE, Noise.seedFor(seed.get(), 0));
        return new Patch(corner[0], corner[1], o.size());
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
