package io.latentlab.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.image.Image;

/**
 * The app's icon (an encoder and a decoder meeting at a latent dot), drawn from
 * {@code io/latentlab/app/icon.svg} into PNGs of the sizes below; the installer uses the 256.
 */
public final class AppIcon {

    /** The sizes there are PNGs of. */
    public static final int[] SIZES = {16, 32, 64, 128, 256};

    private AppIcon() {
    }

    /**
     * @param size one of {@link #SIZES}
     * @return the icon at that size
     */
    public static Image image(int size) {
        String name = "/io/latentlab/app/icon-" + size + ".png";
        try (InputStream in = AppIcon.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no icon " + name);
            }
            return new Image(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the icon at every size, for a stage (the system picks the one it needs) */
    public static List<Image> all() {
        List<Image> all = new ArrayList<>();
        for (int s : SIZES) {
            all.add(image(s));
        }
        return all;
    }
}
