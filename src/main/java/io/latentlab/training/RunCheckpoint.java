package io.latentlab.training;

import io.latentlab.data.Errors;
import io.latentlab.model.AtomicFiles;
import io.latentlab.model.CheckpointException;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The folder of a training run. Its manifest {@code model.properties} (loadable by
 * {@link ModelStore} as the best model so far) names the files of the last commit: the best
 * weights ({@code model-<sha>.params}), the history ({@code history-<epoch>.csv}) and the state
 * needed to resume ({@code resume/last-<epoch>.params}, {@code resume/optimizer-<epoch>.bin}).
 * A commit writes new files and then replaces the manifest in one rename, so a run killed at any
 * moment resumes from its last complete commit. Folders written before manifests named their
 * files ({@code model.params}, {@code history.csv}, {@code resume/last.params}) still load.
 */
public final class RunCheckpoint {

    /** History file name. */
    public static final String HISTORY = "history.csv";
    private static final String LAST = "resume/last.params";
    private static final String OPTIMIZER = "resume/optimizer.bin";
    private static final String HEADER = "epoch,train_mse,val_mse,test_mse,seconds,best";
    private static final String HISTORY_FILE = "history_file";
    private static final String LAST_FILE = "resume_params_file";
    private static final String OPTIMIZER_FILE = "optimizer_file";

    private final Path dir;
    private final AtomicFiles.Ops ops;
    private ModelMetadata committed;
    /** The committed trail's last picture could not be read: the next one starts anew. */
    private boolean trailBroken;

    /**
     * @param dir the run folder (created on first save)
     */
    public RunCheckpoint(Path dir) {
        this(dir, AtomicFiles.REAL);
    }

    /**
     * @param dir the run folder
     * @param ops the file system (tests make one operation fail)
     */
    public RunCheckpoint(Path dir, AtomicFiles.Ops ops) {
        this.dir = dir;
        this.ops = ops;
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /**
     * Everything needed to continue a run.
     *
     * @param config settings
     * @param datasetChecksum checksum of the training data, or null
     * @param history finished epochs
     * @param lastParams weights after the last finished epoch (or the initial weights)
     * @param optimizer optimizer state after the last finished epoch
     * @param bestParams weights of the best epoch so far, or null
     */
    public record State(TrainingConfig config, String datasetChecksum, List<EpochMetrics> history,
            byte[] lastParams, byte[] optimizer, byte[] bestParams) {}

    /**
     * Commits the run's state after an epoch (or before the first, with an empty history) as
     * one unit: the weights, optimizer state, history and best model are written under new
     * names, then {@code model.properties}, which names them, replaces the previous one in a
     * single rename. A crash at any point leaves either the previous commit or this one; files
     * of earlier commits are deleted only afterwards.
     *
     * @param state the state
     * @param bestChanged unused: the best model's file is named by its checksum, so unchanged
     *     weights are not written again
     * @param status "running" or the final stop reason
     * @param seconds total training wall time so far
     * @throws IOException on write failure (the previous commit stays valid)
     */
    public void save(State state, boolean bestChanged, String status, double seconds)
            throws IOException {
        save(state, bestChanged, status, seconds, null);
    }

    /**
     * {@link #save(State, boolean, String, double)} with the latent picture of the epoch
     * being committed: its frame file is written before the manifest, which then names it as
     * the end of the trail (the trail starts again here unless it ends at the epoch before).
     *
     * @param state the state
     * @param bestChanged unused
     * @param status "running" or the final stop reason
     * @param seconds total training wall time so far
     * @param picture the picture after the last epoch of {@code state}, not yet quantised (it
     *     is stored as {@link LatentTrailFiles#quantised} gives it), or null for none
     * @throws IOException on write failure (the previous commit stays valid)
     * @throws IllegalArgumentException if the picture is not of the history's last epoch
     */
    public void save(State state, boolean bestChanged, String status, double seconds,
            TrainingEvent.LatentSnapshot picture) throws IOException {
        int commit = state.history().size();
        if (picture != null && picture.epoch() != commit) {
            throw new IllegalArgumentException("the latent picture of epoch " + picture.epoch()
                    + " cannot be committed with " + commit + " epochs");
        }
        // weights must land in the run's own folder, never where a link points
        AtomicFiles.requireNoLinks(dir, dir.resolve(LAST));
        Files.createDirectories(dir.resolve("resume"));
        String tag = String.format(Locale.ROOT, "%06d", commit);
        String last = "resume/last-" + tag + ".params";
        String optimizer = "resume/optimizer-" + tag + ".bin";
        String history = "history-" + tag + ".csv";
        AtomicFiles.write(ops, dir.resolve(last), state.lastParams());
        AtomicFiles.write(ops, dir.resolve(optimizer), state.optimizer());
        AtomicFiles.write(ops, dir.resolve(history),
                historyCsv(state.history()).getBytes(StandardCharsets.UTF_8));
        int bestEpoch = 0;
        for (EpochMetrics m : state.history()) {
            if (m.best()) {
                bestEpoch = m.epoch();
            }
        }
        EpochMetrics best = bestEpoch > 0 ? state.history().get(bestEpoch - 1) : null;
        ModelMetadata meta = ModelMetadata.of(state.config().encodingDim())
                .with("format", ModelMetadata.FORMAT)
                .withAll(state.config().toMap())
                .with("lr", state.config().learningRate())
                .with("wd", state.config().weightDecay())
                .with("epochs", state.history().size())
                .with("best_epoch", bestEpoch)
                .with("status", status)
                .with("early_stopped", status.equals("plateau") || status.equals("overfitting"))
                .with("train_mse", best == null ? null : fmt(best.trainMse()))
                .with("val_mse", best == null ? null : fmt(best.valMse()))
                .with("test_mse", best == null ? null : fmt(best.testMse()))
                .with("training_seconds", String.format(Locale.ROOT, "%.1f", seconds))
                .with("dataset_sha256", state.datasetChecksum())
                .with("saved", Instant.now().toString())
                .with(HISTORY_FILE, history)
                .with(LAST_FILE, last)
                .with("resume_params_sha256", ModelStore.sha256(state.lastParams()))
                .with(OPTIMIZER_FILE, optimizer)
                .with("optimizer_sha256", ModelStore.sha256(state.optimizer()));
        meta = withTrail(meta, picture, commit);
        String params = null;
        if (state.bestParams() != null) {
            params = ModelStore.writeParams(ops, dir, state.bestParams());
            meta = ModelStore.withParams(meta, params, state.bestParams());
        }
        commit(meta, params);
    }

    /**
     * Writes the picture's files (before the manifest that will name them) and returns the
     * manifest with the trail's range: continued when the committed trail ends at the epoch
     * before, else started here; unchanged without a picture.
     */
    private ModelMetadata withTrail(ModelMetadata meta, TrainingEvent.LatentSnapshot picture,
            int epochs) throws IOException {
        int[] range = committed == null ? null : LatentTrailFiles.range(committed);
        if (picture != null) {
            AtomicFiles.requireNoLinks(dir, dir.resolve(LatentTrailFiles.POINTS));
            boolean continues = range != null && !trailBroken && range[1] == picture.epoch() - 1;
            if (!continues) {
                range = new int[] {picture.epoch(), picture.epoch()};
                AtomicFiles.write(ops, dir.resolve(LatentTrailFiles.POINTS),
                        LatentTrailFiles.pointsBytes(picture.labels()));
            }
            AtomicFiles.write(ops, dir.resolve(LatentTrailFiles.frameName(picture.epoch())),
                    LatentTrailFiles.frameBytes(picture));
            range = new int[] {range[0], picture.epoch()};
        }
        if (range == null || range[1] > epochs) {
            // never an epoch the history does not have
            return meta;
        }
        return meta.with(LatentTrailFiles.POINTS_FILE, LatentTrailFiles.POINTS)
                .with(LatentTrailFiles.FIRST, range[0]).with(LatentTrailFiles.LAST, range[1]);
    }

    /**
     * The stored picture of the last committed epoch, for a resumed run to align its next
     * epoch to (so the picture does not flip at the resume point).
     *
     * @param epoch the last epoch of the loaded history
     * @return the picture as stored, or null if the trail does not end at that epoch; also
     *     null if its files cannot be read, and the trail then starts again at the next epoch
     */
    public TrainingEvent.LatentSnapshot lastPicture(int epoch) {
        int[] range = committed == null ? null : LatentTrailFiles.range(committed);
        if (range == null || range[1] != epoch) {
            return null;
        }
        try {
            int[] labels = LatentTrailFiles.readLabels(dir.resolve(LatentTrailFiles.POINTS));
            LatentTrailFiles.Frame f = LatentTrailFiles.readFrame(
                    dir.resolve(LatentTrailFiles.frameName(epoch)), epoch, labels.length);
            return new TrainingEvent.LatentSnapshot(epoch, f.xy(), labels);
        } catch (CheckpointException e) {
            trailBroken = true;
            return null;
        }
    }

    private void commit(ModelMetadata meta, String params) throws IOException {
        ModelStore.writeManifest(ops, dir, meta);
        committed = meta;
        trailBroken = false;
        removeUnreferenced(meta, params);
    }

    /**
     * Deletes files of earlier commits and temporary files of killed saves: only names this
     * class and {@link ModelStore} write, and never one the current manifest names.
     */
    private void removeUnreferenced(ModelMetadata meta, String params) throws IOException {
        Set<String> keep = new HashSet<>();
        keep.add(params);
        keep.add(meta.get(HISTORY_FILE));
        keep.add(meta.get(LAST_FILE));
        keep.add(meta.get(OPTIMIZER_FILE));
        ModelStore.removeUnreferenced(ops, dir, keep);
        deleteOurs(dir, keep, n -> n.startsWith("history") && n.endsWith(".csv"), "");
        deleteOurs(dir.resolve("resume"), keep, n -> (n.startsWith("last") && n.endsWith(".params"))
                || (n.startsWith("optimizer") && n.endsWith(".bin"))
                || AtomicFiles.isTemp(n), "resume/");
        // frames outside the named range: of a trail started again, or written before a crash
        int[] range = LatentTrailFiles.range(meta);
        if (range != null) {
            keep.add(LatentTrailFiles.POINTS);
        }
        deleteOurs(dir.resolve(LatentTrailFiles.FOLDER), keep, n -> {
            int e = LatentTrailFiles.frameEpoch(n);
            return e >= 0 ? range == null || e < range[0] || e > range[1]
                    : n.equals("points.bin") || AtomicFiles.isTemp(n);
        }, LatentTrailFiles.FOLDER + "/");
    }

    private void deleteOurs(Path folder, Set<String> keep, java.util.function.Predicate<String> ours,
            String prefix) throws IOException {
        if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (ours.test(n) && !keep.contains(prefix + n)
                        && Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    ops.delete(f);
                }
            }
        }
    }

    /**
     * Records how the run ended in a new commit that changes nothing else; does nothing if the
     * run has no commit or the status is already recorded.
     *
     * @param status the final status (a stop reason in lower case)
     * @param seconds total training wall time
     * @throws IOException if the folder cannot be written
     */
    public void saveStatus(String status, double seconds) throws IOException {
        ModelMetadata meta = committed;
        if (meta == null) {
            if (!Files.exists(dir.resolve(ModelStore.META))) {
                return;
            }
            meta = ModelStore.readMetadata(dir);
        }
        if (status.equals(meta.get("status"))) {
            return;
        }
        ModelMetadata updated = meta.with("status", status)
                .with("early_stopped", status.equals("plateau") || status.equals("overfitting"))
                .with("training_seconds", String.format(Locale.ROOT, "%.1f", seconds));
        ModelStore.writeManifest(ops, dir, updated);
        committed = updated;
    }

    /**
     * @param dir a run or model folder
     * @return its history file as its manifest names it ({@code history.csv} in folders
     *     saved before manifests named it)
     */
    public static Path historyFile(Path dir) {
        try {
            return file(dir, ModelStore.readMetadata(dir), HISTORY_FILE, HISTORY);
        } catch (CheckpointException e) {
            return dir.resolve(HISTORY);
        }
    }

    private static Path file(Path dir, ModelMetadata meta, String key, String legacy)
            throws CheckpointException {
        String name = meta.get(key);
        Path f = dir.resolve(name == null ? legacy : name).normalize();
        if (!f.startsWith(dir.normalize())) {
            throw new CheckpointException(dir.resolve(ModelStore.META), key + " points outside "
                    + "the folder: " + name);
        }
        return f;
    }

    /**
     * Reads the state written by {@link #save}.
     *
     * @return the state
     * @throws CheckpointException if the folder is not a resumable run
     */
    public State load() throws CheckpointException {
        try {
            AtomicFiles.requireNoLinks(dir, dir.resolve(LAST));
            AtomicFiles.removeStaleTemps(dir);
            AtomicFiles.removeStaleTemps(dir.resolve("resume"));
            AtomicFiles.removeStaleTemps(dir.resolve(LatentTrailFiles.FOLDER));
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException(dir, "cannot be cleaned up: " + e.getMessage(), e);
        }
        ModelMetadata meta = ModelStore.readMetadata(dir);
        TrainingConfig config;
        try {
            config = TrainingConfig.fromMap(meta.values());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(dir.resolve(ModelStore.META), e.getMessage());
        }
        List<EpochMetrics> history = readHistory(file(dir, meta, HISTORY_FILE, HISTORY));
        byte[] last = read(file(dir, meta, LAST_FILE, LAST), meta.get("resume_params_sha256"));
        byte[] optimizer = read(file(dir, meta, OPTIMIZER_FILE, OPTIMIZER),
                meta.get("optimizer_sha256"));
        byte[] best = null;
        if (!history.isEmpty()) {
            best = read(ModelStore.paramsFile(dir, meta), meta.get("params_sha256"));
        }
        committed = meta;
        return new State(config, meta.get("dataset_sha256"), history, last, optimizer, best);
    }

    private static byte[] read(Path file, String sha) throws CheckpointException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "missing: the run cannot be resumed");
        } catch (IOException e) {
            throw new CheckpointException(file, "unreadable: " + Errors.describe(e), e);
        }
        if (sha != null && !sha.equals(ModelStore.sha256(bytes))) {
            throw new CheckpointException(file, "corrupt (SHA-256 does not match "
                    + ModelStore.META + ")");
        }
        return bytes;
    }

    /**
     * @param history epochs
     * @return the CSV text of {@code history.csv}
     */
    public static String historyCsv(List<EpochMetrics> history) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (EpochMetrics m : history) {
            // full precision: a resumed run replays early stopping on these numbers
            sb.append(m.epoch()).append(',').append(m.trainMse()).append(',')
                    .append(m.valMse()).append(',').append(m.testMse()).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", m.seconds())).append(',')
                    .append(m.best()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Parses a {@code history.csv}.
     *
     * @param file the file
     * @return the epochs
     * @throws CheckpointException naming the line that is wrong
     */
    public static List<EpochMetrics> readHistory(Path file) throws CheckpointException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "missing");
        } catch (IOException e) {
            throw new CheckpointException(file, "unreadable: " + Errors.describe(e), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new CheckpointException(file, "not a history file (header should be " + HEADER + ")");
        }
        List<EpochMetrics> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            try {
                if (f.length != 6 || Integer.parseInt(f[0]) != out.size() + 1) {
                    throw new NumberFormatException("expected epoch " + (out.size() + 1));
                }
                out.add(new EpochMetrics(Integer.parseInt(f[0]), Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Boolean.parseBoolean(f[5])));
            } catch (NumberFormatException e) {
                throw new CheckpointException(file, "line " + (i + 1) + " is invalid: " + line);
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
    }

    /**
     * Serialises optimizer state.
     *
     * @param adam the optimizer
     * @return its bytes
     */
    static byte[] optimizerBytes(AdamOptimizer adam) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            adam.save(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
