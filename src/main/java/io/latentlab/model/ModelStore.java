package io.latentlab.model;

import ai.djl.MalformedModelException;
import io.latentlab.data.Errors;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;

/**
 * Saves and loads model checkpoints. A checkpoint is a folder holding {@code model.params}
 * (DJL's parameter format) and {@code model.properties} ({@link ModelMetadata}, including the
 * SHA-256 of the parameters so a torn or corrupted pair is detected). Each file is written under
 * a temporary name and renamed into place, parameters first.
 */
public final class ModelStore {

    /** Parameter file name. */
    public static final String PARAMS = "model.params";
    /** Metadata file name. */
    public static final String META = "model.properties";
    /** The manifest key naming the parameter file. */
    public static final String PARAMS_FILE = "params_file";

    private ModelStore() {}

    /**
     * A loaded model and its metadata.
     *
     * @param model the model (caller closes it)
     * @param metadata its metadata
     * @param dir the folder it came from
     */
    public record Loaded(Autoencoder model, ModelMetadata metadata, Path dir)
            implements AutoCloseable {

        /** Closes the model. */
        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * Saves a model into {@code dir} (created if needed), replacing a previous checkpoint there.
     *
     * @param dir checkpoint folder
     * @param model the model
     * @param metadata metadata to store (ED, format, parameter checksum are set here)
     * @throws IOException if writing fails; the previous files stay intact
     */
    public static void save(Path dir, Autoencoder model, ModelMetadata metadata) throws IOException {
        byte[] params = parameterBytes(model);
        save(dir, params, metadata.with("format", ModelMetadata.FORMAT)
                .with(ModelMetadata.ED, model.encodingDim())
                .with("parameter_count", model.parameterCount()));
    }

    /**
     * Saves already serialised parameters (from {@link #parameterBytes}).
     *
     * @param dir checkpoint folder
     * @param params serialised parameters
     * @param metadata metadata, which must hold ED
     * @throws IOException if writing fails
     */
    public static void save(Path dir, byte[] params, ModelMetadata metadata) throws IOException {
        Files.createDirectories(dir);
        String name = writeParams(AtomicFiles.REAL, dir, params);
        writeManifest(AtomicFiles.REAL, dir, withParams(metadata, name, params));
        removeUnreferenced(AtomicFiles.REAL, dir, Set.of(name));
    }

    /**
     * Writes parameters under a name made from their checksum, so a save never replaces the
     * file the current {@code model.properties} names: the commit is the manifest's rename.
     *
     * @param ops the file system
     * @param dir the folder
     * @param params serialised parameters
     * @return the file name
     * @throws IOException if writing fails
     */
    public static String writeParams(AtomicFiles.Ops ops, Path dir, byte[] params)
            throws IOException {
        String name = "model-" + sha256(params).substring(0, 16) + ".params";
        if (!Files.isRegularFile(dir.resolve(name))) {
            AtomicFiles.write(ops, dir.resolve(name), params);
        }
        return name;
    }

    /**
     * @param metadata metadata
     * @param fileName where the parameters are, in the same folder
     * @param params the parameters
     * @return metadata naming the file and its checksum
     */
    public static ModelMetadata withParams(ModelMetadata metadata, String fileName, byte[] params) {
        return metadata.with(PARAMS_FILE, fileName).with("params_sha256", sha256(params));
    }

    /**
     * Writes {@code model.properties} in one rename: the commit point of a save.
     *
     * @param ops the file system
     * @param dir the folder
     * @param metadata what to write
     * @throws IOException if writing fails; the previous manifest then stays
     */
    public static void writeManifest(AtomicFiles.Ops ops, Path dir, ModelMetadata metadata)
            throws IOException {
        StringWriter text = new StringWriter();
        metadata.toProperties().store(text, "Latent Lab checkpoint");
        AtomicFiles.write(ops, dir.resolve(META), text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Deletes parameter files ({@code model*.params}) of earlier saves and temporary files left
     * by a killed save. Only our own file names are touched.
     *
     * @param ops the file system
     * @param dir the folder
     * @param keep file names the current manifest uses
     * @throws IOException if deleting fails
     */
    public static void removeUnreferenced(AtomicFiles.Ops ops, Path dir, Set<String> keep)
            throws IOException {
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                boolean ours = (n.startsWith("model") && n.endsWith(".params"))
                        || AtomicFiles.isTemp(n);
                if (ours && !keep.contains(n) && Files.isRegularFile(f)) {
                    ops.delete(f);
                }
            }
        }
    }

    /**
     * @param dir a checkpoint folder
     * @param metadata its manifest
     * @return the file holding the model's parameters ({@code model.params} in folders saved
     *     before manifests named it)
     */
    public static Path paramsFile(Path dir, ModelMetadata metadata) {
        String name = metadata.get(PARAMS_FILE);
        return dir.resolve(name == null ? PARAMS : name);
    }

    /**
     * @param dir a folder
     * @return whether it holds a checkpoint to list: a manifest, unless that of a run that has
     *     not finished an epoch yet (a broken manifest counts, so that it gets reported)
     */
    public static boolean isCheckpoint(Path dir) {
        if (!Files.isRegularFile(dir.resolve(META))) {
            return false;
        }
        try {
            return !"0".equals(readMetadata(dir).get("epochs"));
        } catch (CheckpointException e) {
            return true;
        }
    }

    /**
     * @param dir a folder
     * @return whether it holds a loadable model (a manifest naming parameters that exist); a
     *     run that has not finished an epoch yet holds none
     */
    public static boolean hasModel(Path dir) {
        try {
            return Files.isRegularFile(paramsFile(dir, readMetadata(dir)));
        } catch (CheckpointException e) {
            return false;
        }
    }

    /**
     * Serialises a model's parameters (DJL format).
     *
     * @param model the model
     * @return the bytes
     */
    public static byte[] parameterBytes(Autoencoder model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.block().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads only the metadata of a checkpoint.
     *
     * @param dir checkpoint folder
     * @return its metadata
     * @throws CheckpointException if the folder or file is missing or invalid
     */
    public static ModelMetadata readMetadata(Path dir) throws CheckpointException {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(dir, Files.exists(dir)
                    ? "not a folder (a checkpoint is a folder with " + PARAMS + " and " + META + ")"
                    : "no such checkpoint folder");
        }
        Path metaFile = dir.resolve(META);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(metaFile)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            throw new CheckpointException(metaFile, "missing: not a Latent Lab checkpoint");
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointException(metaFile, "unreadable: " + Errors.describe(e), e);
        }
        if (!ModelMetadata.FORMAT.equals(p.getProperty("format"))) {
            throw new CheckpointException(metaFile, "not a Latent Lab checkpoint (format is "
                    + p.getProperty("format") + ", expected " + ModelMetadata.FORMAT + ")");
        }
        String ed = p.getProperty(ModelMetadata.ED);
        try {
            if (ed == null || Integer.parseInt(ed.trim()) < 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new CheckpointException(metaFile, "invalid value for 'ed': " + ed);
        }
        return ModelMetadata.fromProperties(p);
    }

    /**
     * Loads a checkpoint.
     *
     * @param dir checkpoint folder
     * @return the model and its metadata
     * @throws CheckpointException if anything is missing, corrupt or does not fit
     */
    public static Loaded load(Path dir) throws CheckpointException {
        ModelMetadata meta = readMetadata(dir);
        Path paramsFile = paramsFile(dir, meta);
        byte[] params;
        try {
            params = Files.readAllBytes(paramsFile);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(paramsFile, "0".equals(meta.get("epochs"))
                    ? "missing: the run has not finished an epoch yet" : "missing");
        } catch (IOException e) {
            throw new CheckpointException(paramsFile, "unreadable: " + Errors.describe(e), e);
        }
        String expected = meta.get("params_sha256");
        if (expected != null && !expected.equals(sha256(params))) {
            throw new CheckpointException(paramsFile,
                    "corrupt (SHA-256 does not match " + META + ")");
        }
        Autoencoder model = Autoencoder.create(meta.encodingDim(), 0);
        try {
            loadParameters(model, params, paramsFile);
            return new Loaded(model, meta, dir);
        } catch (CheckpointException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Replaces a model's parameters with serialised ones.
     *
     * @param model the model
     * @param params bytes from {@link #parameterBytes}
     * @param source where the bytes came from, for messages
     * @throws CheckpointException if they do not fit the model
     */
    public static void loadParameters(Autoencoder model, byte[] params, Path source)
            throws CheckpointException {
        long before = model.parameterCount();
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(new java.io.ByteArrayInputStream(params)))) {
            model.block().loadParameters(model.manager(), in);
            if (in.read() != -1) {
                throw new CheckpointException(source, "unexpected trailing data");
            }
        } catch (MalformedModelException | IOException | RuntimeException e) {
            if (e instanceof CheckpointException c) {
                throw c;
            }
            throw new CheckpointException(source, "does not fit a model with ED="
                    + model.encodingDim() + " (" + Errors.describe(e) + ")", e);
        }
        if (model.parameterCount() != before) {
            throw new CheckpointException(source, "holds " + model.parameterCount()
                    + " parameters, a model with ED=" + model.encodingDim() + " has " + before);
        }
    }

    /**
     * @param bytes data
     * @return its lowercase hex SHA-256
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
