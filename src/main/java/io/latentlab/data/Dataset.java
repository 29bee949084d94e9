package io.latentlab.data;

import java.util.Objects;

/**
 * An immutable view of labelled images stored in one contiguous float array, so that slices
 * share memory and batches can be copied with {@link System#arraycopy}.
 */
public final class Dataset {

    private final String name;
    private final float[] pixels;
    private final byte[] labels;
    private final int rows;
    private final int cols;
    private final int pixelsPerImage;
    /** Index of this view's first image in the shared arrays. */
    private final int start;
    private final int size;

    /**
     * Wraps the given arrays without copying; the caller hands them over and must not modify
     * them. {@code pixels} holds {@code labels.length} images of {@code rows x cols}, row-major.
     */
    public Dataset(String name, float[] pixels, byte[] labels, int rows, int cols) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(
                    "image size must be positive, got " + rows + "x" + cols);
        }
        long expected = (long) labels.length * rows * cols;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values but "
                    + labels.length + " labels of " + rows + "x" + cols + " need " + expected);
        }
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.rows = rows;
        this.cols = cols;
        this.pixelsPerImage = rows * cols;
        this.start = 0;
        this.size = labels.length;
    }

    private Dataset(Dataset parent, int start, int size) {
        this.name = parent.name;
        this.pixels = parent.pixels;
        this.labels = parent.labels;
        this.rows = parent.rows;
        this.cols = parent.cols;
        this.pixelsPerImage = parent.pixelsPerImage;
        this.start = start;
        this.size = size;
    }

    /** A human-readable name such as "train" or "test". */
    public String name() {
        return name;
    }

    /** Number of images in this view. */
    public int size() {
        return size;
    }

    /** Image height in pixels. */
    public int rows() {
        return rows;
    }

    /** Image width in pixels. */
    public int cols() {
        return cols;
    }

    /** {@code rows() * cols()}. */
    public int pixelsPerImage() {
        return pixelsPerImage;
    }

    /** The label of image {@code i}, as an unsigned value. */
    public int label(int i) {
        checkIndex(i);
        return labels[start + i] & 0xff;
    }

    /**
     * The shared backing array, possibly holding images outside this view; use
     * {@link #offset(int)} to locate an image. Do not modify it: other views see the change.
     */
    public float[] backingArray() {
        return pixels;
    }

    /** Index in {@link #backingArray()} of image {@code i}'s first pixel. */
    public int offset(int i) {
        checkIndex(i);
        return (start + i) * pixelsPerImage;
    }

    /** The pixel at row {@code r}, column {@code c} of image {@code i}. */
    public float pixel(int i, int r, int c) {
        checkIndex(i);
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("pixel (" + r + ", " + c
                    + ") out of bounds for " + rows + "x" + cols + " image");
        }
        return pixels[(start + i) * pixelsPerImage + r * cols + c];
    }

    /** A fresh copy of image {@code i}'s pixels. */
    public float[] copyImage(int i) {
        float[] out = new float[pixelsPerImage];
        System.arraycopy(pixels, offset(i), out, 0, pixelsPerImage);
        return out;
    }

    /** Images {@code [from, to)} as a view sharing this dataset's arrays (no copy). */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to
                    + ") out of bounds for dataset '" + name + "' of size " + size);
        }
        return new Dataset(this, start + from, to - from);
    }

    /** The images at {@code indices}, in that order, copied into new arrays. */
    public Dataset subset(int[] indices) {
        float[] outPixels = new float[Math.multiplyExact(indices.length, pixelsPerImage)];
        byte[] outLabels = new byte[indices.length];
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            System.arraycopy(pixels, offset(i), outPixels, j * pixelsPerImage, pixelsPerImage);
            outLabels[j] = labels[start + i];
        }
        return new Dataset(name, outPixels, outLabels, rows, cols);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("image index " + i
                    + " out of bounds for dataset '" + name + "' of size " + size);
        }
    }

    /** Name, size and image shape, for logs. */
    @Override
    public String toString() {
        return "Dataset[" + name + ", " + size + " images of " + rows + "x" + cols + "]";
    }
}
