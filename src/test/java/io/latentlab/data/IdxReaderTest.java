package io.latentlab.data;

import static io.latentlab.data.IdxTestFiles.gzip;
import static io.latentlab.data.IdxTestFiles.images;
import static io.latentlab.data.IdxTestFiles.labels;
import static io.latentlab.data.IdxTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    /** Three 2x2 images: values chosen so value/255 is exact in decimal. */
    private static final byte[] PIXELS = {
        0, (byte) 255, 51, 102,
        (byte) 153, (byte) 204, 0, 0,
        (byte) 255, (byte) 255, 51, 0,
    };
    private static final float[] EXPECTED = {
        0f, 1f, 0.2f, 0.4f,
        0.6f, 0.8f, 0f, 0f,
        1f, 1f, 0.2f, 0f,
    };

    @TempDir
    Path dir;

    @Test
    void readsRawImages() throws Exception {
        Path file = write(dir.resolve("img.idx"), images(3, 2, 2, PIXELS));

        IdxImages img = IdxReader.readImages(file);

        assertThat(img.count()).isEqualTo(3);
        assertThat(img.rows()).isEqualTo(2);
        assertThat(img.cols()).isEqualTo(2);
        assertThat(img.pixels()).containsExactly(EXPECTED);
    }

    @Test
    void detectsGzipByContentNotName() throws Exception {
        // deliberately no .gz suffix, and a .gz name on a raw file
        Path gz = write(dir.resolve("img.idx"), gzip(images(3, 2, 2, PIXELS)));
        Path raw = write(dir.resolve("img-raw.gz"), images(3, 2, 2, PIXELS));

        assertThat(IdxReader.readImages(gz).pixels()).containsExactly(EXPECTED);
        assertThat(IdxReader.readImages(raw).pixels()).containsExactly(EXPECTED);
    }

    @Test
    void readsLabelsRawAndGzipped() throws Exception {
        byte[] values = {5, 0, 9, (byte) 200};
        Path raw = write(dir.resolve("lab"), labels(values));
        Path gz = write(dir.resolve("lab.gz"), gzip(labels(values)));

        assertThat(IdxReader.readLabels(raw)).containsExactly(values);
        assertThat(IdxReader.readLabels(gz)).containsExactly(values);
    }

    @Test
    void truncatedHeader() {
        byte[] full = images(3, 2, 2, PIXELS);
        Path file = write(dir.resolve("short-header"), Arrays.copyOf(full, 10));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("short-header")
                .hasMessageContaining("truncated: expected 16 bytes of header, found 10");
    }

    @Test
    void truncatedPixelData() {
        byte[] full = images(3, 2, 2, PIXELS);
        Path file = write(dir.resolve("short-data.gz"), gzip(Arrays.copyOf(full, 16 + 7)));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("short-data.gz")
                .hasMessageContaining("truncated: expected 12 bytes of pixel data, found 7");
    }

    @Test
    void truncatedLabels() {
        byte[] full = labels(new byte[] {1, 2, 3});
        Path file = write(dir.resolve("labels"), Arrays.copyOf(full, full.length - 1));

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .hasMessageContaining("truncated: expected 3 bytes of label data, found 2");
    }

    @Test
    void wrongMagic() {
        Path file = write(dir.resolve("labels-not-images"), labels(new byte[] {1, 2}));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOfSatisfying(IdxFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.problem()).isEqualTo("wrong magic number 0x00000801, "
                            + "expected 0x00000803 (IDX unsigned-byte images)");
                })
                .hasMessage(file + ": wrong magic number 0x00000801, "
                        + "expected 0x00000803 (IDX unsigned-byte images)");
    }

    @Test
    void labelsWithImageMagic() {
        Path file = write(dir.resolve("images"), images(3, 2, 2, PIXELS));

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .hasMessageContaining("magic number 0x00000803, expected 0x00000801");
    }

    @Test
    void trailingBytes() {
        byte[] full = images(3, 2, 2, PIXELS);
        Path file = write(dir.resolve("long"), Arrays.copyOf(full, full.length + 17));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("unexpected 17 trailing bytes");
    }

    @Test
    void nonPositiveAndAbsurdDimensions() {
        Path zeroRows = write(dir.resolve("zero"), images(3, 0, 2, PIXELS));
        Path negative = write(dir.resolve("neg"), images(-1, 2, 2, PIXELS));
        Path huge = write(dir.resolve("huge"), images(100_000, 1000, 1000, PIXELS));

        assertThatThrownBy(() -> IdxReader.readImages(zeroRows))
                .hasMessageContaining("invalid rows 0");
        assertThatThrownBy(() -> IdxReader.readImages(negative))
                .hasMessageContaining("invalid image count 4294967295");
        assertThatThrownBy(() -> IdxReader.readImages(huge))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("absurd dimensions 100000x1000x1000");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.gz");

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage(file + ": file not found");
        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .hasMessage(file + ": file not found");
    }

    @Test
    void corruptGzip() {
        byte[] gz = gzip(images(3, 2, 2, PIXELS));
        for (int i = 10; i < gz.length - 8; i++) {
            gz[i] = (byte) 0xff; // wreck the deflate stream after the 10-byte gzip header
        }
        Path file = write(dir.resolve("broken.gz"), gz);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("broken.gz")
                .hasMessageContaining("corrupt gzip stream")
                .hasCauseInstanceOf(ZipException.class);
    }

    @Test
    void gzipCutShort() {
        byte[] gz = gzip(images(3, 2, 2, PIXELS));
        Path file = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 12));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("cut.gz");
    }
}
