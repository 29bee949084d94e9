package io.latentlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MNIST train and test sets (or any data set in the same IDX layout, e.g. Fashion-MNIST).
 *
 * @param train the training images
 * @param test the test images
 * @param dir the folder they were loaded from
 * @param checksum a stable id of the data set: lowercase hex SHA-256 over the four files' own
 *     SHA-256 hex strings, in the order train images, train labels, test images, test labels
 */
public record MnistData(Dataset train, Dataset test, Path dir, String checksum) {

    /** Side of the images the model takes: 28x28, as in MNIST. */
    public static final int SIDE = 28;

    /** Number of classes: labels are the digits 0-9. */
    public static final int CLASSES = 10;

    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    private static final String SUMS = "SHA256SUMS";

    /** Refuses images the model cannot take, before any engine sees them. */
    public MnistData {
        for (Dataset ds : new Dataset[] {train, test}) {
            if (ds.rows() != SIDE || ds.cols() != SIDE) {
                throw new IllegalArgumentException(ds.name() + " images are " + ds.rows() + "x"
                        + ds.cols() + "; this model needs " + SIDE + "x" + SIDE);
            }
        }
    }

    /**
     * Loads the four standard files from {@code dir} (each gzipped or not), verifying them
     * against {@code dir/SHA256SUMS} when that file exists.
     */
    public static MnistData load(Path dir) throws IOException {
        List<Path> files = List.of(find(dir, TRAIN_IMAGES), find(dir, TRAIN_LABELS),
                find(dir, TEST_IMAGES), find(dir, TEST_LABELS));
        Map<String, String> expected = readSums(dir.resolve(SUMS));

        // Verify before parsing, so a damaged file reports a checksum mismatch, not a symptom.
        StringBuilder hashes = new StringBuilder();
        for (Path file : files) {
            String actual = sha256(file);
            String want = expected.get(file.getFileName().toString());
            if (want != null && !want.equals(actual)) {
                throw new IdxFormatException(file,
                        "checksum mismatch: expected " + want + ", found " + actual);
            }
            hashes.append(actual);
        }
        String checksum = HexFormat.of().formatHex(
                digest().digest(hashes.toString().getBytes(StandardCharsets.US_ASCII)));

        Dataset train = read("train", files.get(0), files.get(1));
        Dataset test = read("test", files.get(2), files.get(3));
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IdxFormatException(files.get(2), "image size mismatch: test images are "
                    + test.rows() + "x" + test.cols() + " but train images are "
                    + train.rows() + "x" + train.cols());
        }
        if (train.rows() != SIDE || train.cols() != SIDE) {
            throw new IdxFormatException(files.get(0), "images are " + train.rows() + "x"
                    + train.cols() + "; this model needs " + SIDE + "x" + SIDE);
        }
        return new MnistData(train, test, dir, checksum);
    }

    /**
     * Where the data lives by default: system property {@code latentlab.data}, else env var
     * {@code LATENT_LAB_DATA}, else {@code ./assets/mnist} if it exists, else the installation's
     * ({@link AppDirs#shipped}), else {@code assets/mnist} beside the folder holding the running
     * jar, else {@code ./assets/mnist} (so that the resulting error names it).
     */
    public static Path defaultDir() {
        String prop = System.getProperty("latentlab.data");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("LATENT_LAB_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path local = Path.of("assets", "mnist");
        Path shipped = AppDirs.shipped("assets/mnist");
        if (Files.isDirectory(shipped)) {
            return shipped;
        }
        Path nearJar = besideCodeSource();
        if (nearJar != null && Files.isDirectory(nearJar)) {
            return nearJar;
        }
        return local;
    }

    /** For target/latent-lab.jar (or target/classes) this is target/../assets/mnist. */
    private static Path besideCodeSource() {
        try {
            CodeSource source = MnistData.class.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            if (location == null) {
                return null;
            }
            Path parent = Path.of(location.toURI()).toAbsolutePath().getParent();
            Path base = parent == null ? null : parent.getParent();
            return base == null ? null : base.resolve("assets").resolve("mnist");
        } catch (URISyntaxException | RuntimeException e) {
            // unusual class loaders (jlink images, web starts): just fall back
            return null;
        }
    }

    private static Dataset read(String name, Path imagesFile, Path labelsFile)
            throws IOException {
        IdxImages images = IdxReader.readImages(imagesFile);
        byte[] labels = IdxReader.readLabels(labelsFile);
        if (labels.length != images.count()) {
            throw new IdxFormatException(labelsFile, "count mismatch: " + images.count()
                    + " images but " + labels.length + " labels in " + labelsFile.getFileName());
        }
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xff;
            if (label >= CLASSES) {
                // a label 37 would be drawn as class 7 and counted as a class of its own
                throw new IdxFormatException(labelsFile, "label " + label + " at index " + i
                        + " is not a digit 0-" + (CLASSES - 1));
            }
        }
        return new Dataset(name, images.pixels(), labels, images.rows(), images.cols());
    }

    /** Prefers the gzipped file, as shipped; falls back to the unpacked one. */
    private static Path find(Path dir, String base) throws IdxFormatException {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(base);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new IdxFormatException(gz, "file not found (nor " + base + ")");
    }

    /** Parses sha256sum output: {@code <hex>  <name>} or {@code <hex> *<name>} per line. */
    private static Map<String, String> readSums(Path sums) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.isRegularFile(sums)) {
            return out;
        }
        List<String> lines = Files.readAllLines(sums, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                throw new IdxFormatException(sums, "malformed line " + (n + 1) + ": " + line);
            }
            String name = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
            out.put(name, parts[0].toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
