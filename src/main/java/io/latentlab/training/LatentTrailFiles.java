package io.latentlab.training;

import io.latentlab.data.Errors;
import io.latentlab.model.AtomicFiles;
import io.latentlab.model.CheckpointException;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The latent trail of a run folder: one small file per epoch, {@code latent/epoch-<n>.bin},
 * holding the followed test digits' aligned 2-D picture, and their labels once in
 * {@code latent/points.bin}. The manifest names the epochs the trail covers
 * ({@code latent_first_epoch}..{@code latent_last_epoch}); a frame is written before the
 * manifest of its epoch, so a file beyond that range (left by a crash) is never read.
 *
 * <p>Why the aligned picture rather than the codes: it is what the user saw live (the
 * alignment chains epoch to epoch, so recomputing it would mean replaying every SVD), a
 * replay needs no model, engine or PCA, and it is small whatever the ED: 2 x 16 bits per digit,
 * 8 KB an epoch for 2,000 digits (400 epochs: about 3 MB; the codes of ED=32 would take 16
 * times that). Each axis is quantised to 16 bits between its minimum and maximum: the error is
 * at most 1/131,070 of the picture's width, far below a pixel, and the training aligns every
 * epoch to the quantised picture, so a resumed run continues from exactly what it stored.
 */
public final class LatentTrailFiles {

    /** Folder of the trail inside a run folder. */
    public static final String FOLDER = "latent";
    /** Manifest key: the labels file. */
    public static final String POINTS_FILE = "latent_points_file";
    /** Manifest key: the trail's first epoch. */
    public static final String FIRST = "latent_first_epoch";
    /** Manifest key: the trail's last epoch (at most the history's). */
    public static final String LAST = "latent_last_epoch";
    static final String POINTS = FOLDER + "/points.bin";

    private static final int FRAME_MAGIC = 0x4C4C5446; // "LLTF"
    private static final int POINTS_MAGIC = 0x4C4C5450; // "LLTP"
    private static final int VERSION = 1;
    private static final int DIMS = 2;
    private static final int LEVELS = 65535;
    private static final int FRAME_HEADER = 5 * 4 + DIMS * 2 * 4;

    private LatentTrailFiles() {}

    /**
     * One epoch's picture as stored: per axis an offset and a step, and one unsigned 16-bit
     * level per coordinate ({@code value = offset + level * step}).
     *
     * @param epoch the epoch
     * @param offset per axis
     * @param step per axis
     * @param levels row-major {@code n x 2}
     */
    public record Frame(int epoch, float[] offset, float[] step, char[] levels) {
        /** @return number of points */
        public int n() {
            return levels.length / DIMS;
        }

        /** @return the row-major {@code n x 2} coordinates */
        public float[] xy() {
            float[] xy = new float[levels.length];
            for (int i = 0; i < levels.length; i++) {
                int a = i % DIMS;
                xy[i] = (float) (offset[a] + levels[i] * (double) step[a]);
            }
            return xy;
        }
    }

    /**
     * A run's stored trail.
     *
     * @param labels the followed digits' labels
     * @param frames one per epoch, in epoch order, consecutive
     */
    public record Trail(int[] labels, List<Frame> frames) {
        /** @return number of epochs */
        public int size() {
            return frames.size();
        }

        /**
         * @param i 0-based frame index
         * @return that epoch's picture
         */
        public TrainingEvent.LatentSnapshot snapshot(int i) {
            Frame f = frames.get(i);
            return new TrainingEvent.LatentSnapshot(f.epoch(), f.xy(), labels);
        }
    }

    /**
     * @param epoch an epoch
     * @return its file, relative to the run folder
     */
    public static String frameName(int epoch) {
        return String.format(Locale.ROOT, "%s/epoch-%06d.bin", FOLDER, epoch);
    }

    /**
     * @param name a file name inside the trail folder
     * @return its epoch if it is a frame file ({@code epoch-<6 digits>.bin}), else -1
     */
    static int frameEpoch(String name) {
        if (name.length() != 16 || !name.startsWith("epoch-") || !name.endsWith(".bin")) {
            return -1;
        }
        String digits = name.substring(6, 12);
        return digits.chars().allMatch(c -> c >= '0' && c <= '9') ? Integer.parseInt(digits) : -1;
    }

    /**
     * @param meta a manifest
     * @return whether it names a trail
     */
    public static boolean hasTrail(ModelMetadata meta) {
        return range(meta) != null;
    }

    /** @return {first, last} from a manifest, or null if it names no (valid) trail */
    static int[] range(ModelMetadata meta) {
        if (meta.get(POINTS_FILE) == null) {
            return null;
        }
        try {
            int first = Integer.parseInt(meta.get(FIRST));
            int last = Integer.parseInt(meta.get(LAST));
            return first >= 1 && last >= first ? new int[] {first, last} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The picture as it will be stored, for the training to show and align to.
     *
     * @param s a picture with finite coordinates
     * @return the same picture after quantisation
     */
    public static TrainingEvent.LatentSnapshot quantised(TrainingEvent.LatentSnapshot s) {
        return new TrainingEvent.LatentSnapshot(s.epoch(), quantise(s.epoch(), s.xy()).xy(),
                s.labels());
    }

    /**
     * @param epoch the epoch
     * @param xy row-major {@code n x 2} finite coordinates
     * @return the stored form
     * @throws IllegalArgumentException if a coordinate is not finite
     */
    static Frame quantise(int epoch, float[] xy) {
        if (xy.length % DIMS != 0) {
            throw new IllegalArgumentException("expected n x 2 coordinates, got " + xy.length);
        }
        float[] offset = new float[DIMS];
        float[] step = new float[DIMS];
        for (int a = 0; a < DIMS; a++) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int i = a; i < xy.length; i += DIMS) {
                if (!Float.isFinite(xy[i])) {
                    throw new IllegalArgumentException("coordinate " + i + " is " + xy[i]);
                }
                lo = Math.min(lo, xy[i]);
                hi = Math.max(hi, xy[i]);
            }
            offset[a] = xy.length == 0 ? 0 : lo;
            step[a] = xy.length == 0 ? 0 : (float) (((double) hi - lo) / LEVELS);
        }
        char[] levels = new char[xy.length];
        for (int i = 0; i < xy.length; i++) {
            int a = i % DIMS;
            long q = step[a] == 0 ? 0 : Math.round((xy[i] - (double) offset[a]) / step[a]);
            levels[i] = (char) Math.max(0, Math.min(LEVELS, q));
        }
        return new Frame(epoch, offset, step, levels);
    }

    /**
     * @param s a picture
     * @return the bytes of its frame file
     */
    static byte[] frameBytes(TrainingEvent.LatentSnapshot s) {
        Frame f = quantise(s.epoch(), s.xy());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(FRAME_HEADER + 2 * f.levels().length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FRAME_MAGIC);
            out.writeInt(VERSION);
            out.writeInt(f.epoch());
            out.writeInt(f.n());
            out.writeInt(DIMS);
            for (int a = 0; a < DIMS; a++) {
                out.writeFloat(f.offset()[a]);
                out.writeFloat(f.step()[a]);
            }
            for (char c : f.levels()) {
                out.writeChar(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param labels the followed digits' labels, each 0..255
     * @return the bytes of the labels file
     */
    static byte[] pointsBytes(int[] labels) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(12 + labels.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(POINTS_MAGIC);
            out.writeInt(VERSION);
            out.writeInt(labels.length);
            for (int l : labels) {
                if (l < 0 || l > 255) {
                    throw new IllegalArgumentException("label " + l + " does not fit a byte");
                }
                out.writeByte(l);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads the trail a run folder's manifest names.
     *
     * @param dir a run or model folder
     * @return the trail, or null if the folder has none (a shipped model, a run saved before
     *     trails were kept)
     * @throws CheckpointException naming a file of the trail that is missing or damaged
     */
    public static Trail read(Path dir) throws CheckpointException {
        ModelMetadata meta = ModelStore.readMetadata(dir);
        int[] range = range(meta);
        if (range == null) {
            return null;
        }
        int[] labels = readLabels(dir.resolve(POINTS));
        List<Frame> frames = new ArrayList<>(range[1] - range[0] + 1);
        for (int e = range[0]; e <= range[1]; e++) {
            frames.add(readFrame(dir.resolve(frameName(e)), e, labels.length));
        }
        return new Trail(labels, List.copyOf(frames));
    }

    /**
     * Copies the trail a manifest names from one folder to another (a model saved elsewhere
     * keeps its trail); call it before the target's manifest is written.
     *
     * @param from the folder the model was loaded from
     * @param to the folder it is saved to
     * @param meta the manifest the target will get
     * @throws IOException if a file of the trail cannot be read or written
     */
    public static void copy(Path from, Path to, ModelMetadata meta) throws IOException {
        int[] range = range(meta);
        if (range == null) {
            return;
        }
        AtomicFiles.requireNoLinks(to, to.resolve(POINTS));
        List<String> names = new ArrayList<>();
        names.add(POINTS);
        for (int e = range[0]; e <= range[1]; e++) {
            names.add(frameName(e));
        }
        for (String name : names) {
            AtomicFiles.write(AtomicFiles.REAL, to.resolve(name), bytes(from.resolve(name)));
        }
    }

    static int[] readLabels(Path file) throws CheckpointException {
        ByteBuffer b = ByteBuffer.wrap(bytes(file));
        try {
            if (b.getInt() != POINTS_MAGIC || b.getInt() != VERSION) {
                throw new CheckpointException(file, "not a latent trail labels file");
            }
            int n = b.getInt();
            if (n < 0 || b.remaining() != n) {
                throw new CheckpointException(file, "damaged: " + n + " labels announced, "
                        + b.remaining() + " bytes follow");
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = b.get() & 0xff;
            }
            return labels;
        } catch (BufferUnderflowException e) {
            throw new CheckpointException(file, "damaged: too short");
        }
    }

    /**
     * @param file a frame file
     * @param epoch the epoch it must hold
     * @param n the points it must hold
     * @return the frame
     * @throws CheckpointException if it is missing, damaged or holds something else
     */
    static Frame readFrame(Path file, int epoch, int n) throws CheckpointException {
        ByteBuffer b = ByteBuffer.wrap(bytes(file));
        try {
            if (b.getInt() != FRAME_MAGIC || b.getInt() != VERSION) {
                throw new CheckpointException(file, "not a latent trail frame");
            }
            int e = b.getInt();
            int points = b.getInt();
            int dims = b.getInt();
            if (e != epoch || points != n || dims != DIMS) {
                throw new CheckpointException(file, String.format(Locale.ROOT, "holds epoch %d, "
                        + "%d points in %d dimensions; epoch %d, %d points in 2 expected", e,
                        points, dims, epoch, n));
            }
            float[] offset = new float[DIMS];
            float[] step = new float[DIMS];
            for (int a = 0; a < DIMS; a++) {
                offset[a] = b.getFloat();
                step[a] = b.getFloat();
            }
            if (b.remaining() != 2 * DIMS * n) {
                throw new CheckpointException(file, "damaged: " + (2 * DIMS * n)
                        + " bytes of coordinates expected, " + b.remaining() + " found");
            }
            char[] levels = new char[DIMS * n];
            b.asCharBuffer().get(levels);
            return new Frame(e, offset, step, levels);
        } catch (BufferUnderflowException ex) {
            throw new CheckpointException(file, "damaged: too short");
        }
    }

    private static byte[] bytes(Path file) throws CheckpointException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "missing: the latent trail is incomplete");
        } catch (IOException e) {
            throw new CheckpointException(file, "unreadable: " + Errors.describe(e), e);
        }
    }
}
