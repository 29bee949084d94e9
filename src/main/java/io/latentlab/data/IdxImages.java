package io.latentlab.data;

/**
 * Images read from an IDX file: {@code pixels} holds value/255 in [0, 1], row-major, image
 * {@code i} starting at {@code i * rows * cols}.
 */
public record IdxImages(int count, int rows, int cols, float[] pixels) {

    /** Checks that the pixel array holds exactly {@code count * rows * cols} values. */
    public IdxImages {
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(
                    "bad shape " + count + "x" + rows + "x" + cols);
        }
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length
                    + " values, expected " + ((long) count * rows * cols));
        }
    }
}
