package io.latentlab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads IDX files (the MNIST format), plain or gzipped, and rejects anything malformed. */
public final class IdxReader {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    private static final int BUFFER = 1 << 16;

    /** value/255f for every byte value, so conversion is a table lookup. */
    private static final float[] SCALE = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            SCALE[v] = v / 255f;
        }
    }

    private IdxReader() {
    }

    /** Reads an IDX3 unsigned-byte image file (magic 0x00000803) into floats in [0, 1]. */
    public static IdxImages readImages(Path file) throws IOException {
        try (InputStream in = open(file)) {
            byte[] header = readHeader(in, 16, file, IMAGES_MAGIC, "IDX unsigned-byte images");
            int count = dimension(file, header, 4, "image count");
            int rows = dimension(file, header, 8, "rows");
            int cols = dimension(file, header, 12, "cols");
            long total = (long) count * rows * cols;
            if (total > Integer.MAX_VALUE - 8) {
                throw new IdxFormatException(file, "absurd dimensions " + count + "x" + rows + "x"
                        + cols + ": " + total + " pixels do not fit in an array");
            }
            byte[] raw = readExactly(in, (int) total, file, "pixel data");
            checkEnd(in, file);
            float[] pixels = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                pixels[i] = SCALE[raw[i] & 0xff];
            }
            return new IdxImages(count, rows, cols, pixels);
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw wrap(file, e);
        }
    }

    /** Reads an IDX1 unsigned-byte label file (magic 0x00000801); values are unsigned bytes. */
    public static byte[] readLabels(Path file) throws IOException {
        try (InputStream in = open(file)) {
            byte[] header = readHeader(in, 8, file, LABELS_MAGIC, "IDX unsigned-byte labels");
            int count = dimension(file, header, 4, "label count");
            byte[] labels = readExactly(in, count, file, "label data");
            checkEnd(in, file);
            return labels;
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw wrap(file, e);
        }
    }

    /** Opens the file, unwrapping gzip when the content (not the name) says so. */
    private static InputStream open(Path file) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IdxFormatException(file, "file not found", e);
        }
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        try {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
            }
            return in;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** Turns low-level stream failures (mostly a broken gzip stream) into a format error. */
    private static IdxFormatException wrap(Path file, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            return new IdxFormatException(file, "corrupt gzip stream: " + Errors.describe(e), e);
        }
        return new IdxFormatException(file, "read failed: " + e, e);
    }

    private static byte[] readExactly(InputStream in, int n, Path file, String what)
            throws IOException {
        // readNBytes(int) grows in chunks, so a lying header cannot force a huge allocation.
        byte[] data = in.readNBytes(n);
        if (data.length < n) {
            throw new IdxFormatException(file, "truncated: expected " + n + " bytes of " + what
                    + ", found " + data.length);
        }
        return data;
    }

    /** Checks the magic number before the rest, so a wrong kind of file says so. */
    private static byte[] readHeader(InputStream in, int length, Path file, int expected,
            String kind) throws IOException {
        byte[] magicBytes = in.readNBytes(4);
        if (magicBytes.length < 4) {
            throw new IdxFormatException(file, "truncated: expected " + length
                    + " bytes of header, found " + magicBytes.length);
        }
        int magic = readInt(magicBytes, 0);
        if (magic != expected) {
            throw new IdxFormatException(file, String.format(
                    "wrong magic number 0x%08x, expected 0x%08x (%s)", magic, expected, kind));
        }
        byte[] rest = in.readNBytes(length - 4);
        if (rest.length < length - 4) {
            throw new IdxFormatException(file, "truncated: expected " + length
                    + " bytes of header, found " + (4 + rest.length));
        }
        byte[] header = new byte[length];
        System.arraycopy(magicBytes, 0, header, 0, 4);
        System.arraycopy(rest, 0, header, 4, rest.length);
        return header;
    }

    private static int dimension(Path file, byte[] header, int at, String what)
            throws IdxFormatException {
        int value = readInt(header, at);
        if (value <= 0) {
            // a negative int here is really a huge unsigned value: equally absurd
            throw new IdxFormatException(file, "invalid " + what + " "
                    + Integer.toUnsignedString(value) + ", must be positive");
        }
        return value;
    }

    private static void checkEnd(InputStream in, Path file) throws IOException {
        long extra = 0;
        byte[] sink = new byte[8192];
        for (int n; (n = in.read(sink)) > 0; ) {
            extra += n;
        }
        if (extra > 0) {
            throw new IdxFormatException(file, "unexpected " + extra + " trailing bytes");
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16)
                | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
