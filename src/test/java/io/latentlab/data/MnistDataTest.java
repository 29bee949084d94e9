package io.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDataTest {

    private static final Path SHIPPED = Path.of("assets/mnist");
    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    @TempDir
    Path tmp;

    @Test
    void loadsShippedMnist() throws Exception {
        MnistData data = MnistData.load(SHIPPED);

        assertThat(data.dir()).isEqualTo(SHIPPED);
        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
        for (Dataset ds : new Dataset[] {data.train(), data.test()}) {
            assertThat(ds.rows()).isEqualTo(28);
            assertThat(ds.cols()).isEqualTo(28);
            assertThat(ds.backingArray()).hasSize(ds.size() * 784);
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float v : ds.backingArray()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertThat(min).isEqualTo(0f);
            assertThat(max).isEqualTo(1f);
        }
        assertThat(data.train().name()).isEqualTo("train");
        assertThat(data.test().name()).isEqualTo("test");
        assertThat(data.train().label(0)).isEqualTo(5);
        assertThat(data.test().label(0)).isEqualTo(7);
        // the well-known MNIST class frequencies
        assertThat(histogram(data.train()))
                .containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
        assertThat(histogram(data.test()))
                .containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
        // sha256 of the four SHA256SUMS hex strings concatenated (computed with sha256sum)
        assertThat(data.checksum())
                .isEqualTo("8b4aac1638c992e4cd83a065746a676450d55bae4bcdd3d7890a0f8499f1e1dc");
    }

    @Test
    void oneChangedByteIsAChecksumMismatch() throws Exception {
        copyShipped(true, TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
        Path victim = tmp.resolve(TEST_LABELS);
        byte[] bytes = Files.readAllBytes(victim);
        bytes[100] ^= 0x01;
        Files.write(victim, bytes);

        assertThatThrownBy(() -> MnistData.load(tmp))
                .isInstanceOfSatisfying(IdxFormatException.class,
                        e -> assertThat(e.file()).isEqualTo(victim))
                .hasMessageStartingWith(victim + ": checksum mismatch: expected "
                        + "b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b"
                        + ", found ");
    }

    @Test
    void withoutSumsFileALabelCountMismatchIsReported() throws Exception {
        copyShipped(false, TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES);
        byte[] labels = IdxReader.readLabels(SHIPPED.resolve(TEST_LABELS));
        Path shortLabels = IdxTestFiles.write(tmp.resolve("t10k-labels-idx1-ubyte"),
                IdxTestFiles.labels(Arrays.copyOf(labels, labels.length - 10)));

        assertThatThrownBy(() -> MnistData.load(tmp))
                .isInstanceOfSatisfying(IdxFormatException.class,
                        e -> assertThat(e.file()).isEqualTo(shortLabels))
                .hasMessageContaining(
                        "count mismatch: 10000 images but 9990 labels in t10k-labels-idx1-ubyte");
    }

    @Test
    void missingFileIsNamed() throws Exception {
        copyShipped(true, TRAIN_IMAGES, TEST_IMAGES, TEST_LABELS);

        assertThatThrownBy(() -> MnistData.load(tmp))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("train-labels-idx1-ubyte")
                .hasMessageContaining("file not found");
    }

    @Test
    void mismatchedImageSizes() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("tiny"));
        IdxTestFiles.write(dir.resolve("train-images-idx3-ubyte"),
                IdxTestFiles.images(1, 2, 2, new byte[4]));
        IdxTestFiles.write(dir.resolve("train-labels-idx1-ubyte"),
                IdxTestFiles.labels(new byte[1]));
        IdxTestFiles.write(dir.resolve("t10k-images-idx3-ubyte"),
                IdxTestFiles.images(1, 3, 2, new byte[6]));
        IdxTestFiles.write(dir.resolve("t10k-labels-idx1-ubyte"),
                IdxTestFiles.labels(new byte[1]));

        assertThatThrownBy(() -> MnistData.load(dir))
                .hasMessageContaining("t10k-images-idx3-ubyte")
                .hasMessageContaining("test images are 3x2 but train images are 2x2");
    }

    @Test
    void aLabelAboveNineIsRefusedNamingFileIndexAndValue() throws Exception {
        Path dir = tinySet(28, new byte[] {3, 9}, new byte[] {0, 37, 5});
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");

        assertThatThrownBy(() -> MnistData.load(dir))
                .isInstanceOfSatisfying(IdxFormatException.class,
                        e -> assertThat(e.file()).isEqualTo(labels))
                .hasMessage(labels + ": label 37 at index 1 is not a digit 0-9");
    }

    @Test
    void imagesThatAreNot28x28AreRefusedUpFront() throws Exception {
        Path dir = tinySet(32, new byte[] {1}, new byte[] {2});

        assertThatThrownBy(() -> MnistData.load(dir))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage(dir.resolve("train-images-idx3-ubyte")
                        + ": images are 32x32; this model needs 28x28");
        Dataset small = new Dataset("test", new float[4], new byte[1], 2, 2);
        Dataset ok = new Dataset("train", new float[784], new byte[1], 28, 28);
        assertThatThrownBy(() -> new MnistData(ok, small, dir, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test images are 2x2; this model needs 28x28");
    }

    @Test
    void aTiny28x28SetWithDigitLabelsLoads() throws Exception {
        Path dir = tinySet(28, new byte[] {0, 9}, new byte[] {5});

        MnistData data = MnistData.load(dir);
        assertThat(data.train().size()).isEqualTo(2);
        assertThat(data.train().label(1)).isEqualTo(9);
        assertThat(data.test().label(0)).isEqualTo(5);
    }

    /** Four uncompressed IDX files of blank side x side images with the given labels. */
    private Path tinySet(int side, byte[] trainLabels, byte[] testLabels) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("set" + side));
        int ppi = side * side;
        IdxTestFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxTestFiles.images(
                trainLabels.length, side, side, new byte[trainLabels.length * ppi]));
        IdxTestFiles.write(dir.resolve("train-labels-idx1-ubyte"),
                IdxTestFiles.labels(trainLabels));
        IdxTestFiles.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTestFiles.images(
                testLabels.length, side, side, new byte[testLabels.length * ppi]));
        IdxTestFiles.write(dir.resolve("t10k-labels-idx1-ubyte"),
                IdxTestFiles.labels(testLabels));
        return dir;
    }

    @Test
    void defaultDirHonoursSystemPropertyThenFindsLocalAssets() {
        String old = System.getProperty("latentlab.data");
        try {
            System.setProperty("latentlab.data", "/somewhere/else");
            assertThat(MnistData.defaultDir()).isEqualTo(Path.of("/somewhere/else"));
        } finally {
            if (old == null) {
                System.clearProperty("latentlab.data");
            } else {
                System.setProperty("latentlab.data", old);
            }
        }
        assumeTrue(old == null && System.getenv("LATENT_LAB_DATA") == null);
        assertThat(MnistData.defaultDir()).isEqualTo(SHIPPED);
    }

    private void copyShipped(boolean withSums, String... names) throws IOException {
        for (String name : names) {
            Files.copy(SHIPPED.resolve(name), tmp.resolve(name));
        }
        if (withSums) {
            Files.copy(SHIPPED.resolve("SHA256SUMS"), tmp.resolve("SHA256SUMS"));
        }
    }

    private static int[] histogram(Dataset ds) {
        int[] counts = new int[10];
        for (int i = 0; i < ds.size(); i++) {
            counts[ds.label(i)]++;
        }
        return counts;
    }
}
