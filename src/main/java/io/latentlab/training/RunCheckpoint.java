package io.latentlab.training;

import io.latentlab.model.AtomicFiles;
import io.latentlab.model.CheckpointException;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The folder of a training run: the best model so far ({@code model.params},
 * {@code model.properties}, loadable by {@link ModelStore}), {@code history.csv}, and the state
 * needed to resume ({@code resume/last.params}, {@code resume/optimizer.bin}). Every file is
 * replaced atomically, so a run killed at any moment can be resumed from its last epoch.
 */
public final class RunCheckpoint {

    /** History file name. */
    public static final String HISTORY = "history.csv";
    private static final String LAST = "resume/last.params";
    private static final String OPTIMIZER = "resume/optimizer.bin";
    private static final String HEADER = "epoch,train_mse,val_mse,test_mse,seconds,best";

    private final Path dir;
    private boolean swept;

    /**
     * @param dir the run folder (created on first write)
     */
    public RunCheckpoint(Path dir) {
        this.dir = dir;
    }

    /**
     * Called before the folder is read or written: refuses a {@code resume} symbolic link (the
     * weights would land outside the folder) and, the first time, removes temporary files that a
     * killed run left behind.
     */
    private void prepare() throws IOException {
        AtomicFiles.requireNoLinks(dir, dir.resolve(LAST));
        if (!swept) {
            AtomicFiles.removeStaleTemps(dir);
            AtomicFiles.removeStaleTemps(dir.resolve(LAST).getParent());
            swept = true;
        }
    }

    /** @return the run folder */
    public Path dir() {
        return dir;
    }

    /**
     * State saved after an epoch, enough to continue the run.
     *
     * @param config the run's settings
     * @param datasetChecksum id of the data it was trained on
     * @param history metrics of all epochs so far
     * @param lastParams current weights
     * @param optimizer serialised optimizer state
     * @param bestParams weights of the best epoch
     */
    public record State(TrainingConfig config, String datasetChecksum, List<EpochMetrics> history,
            byte[] lastParams, byte[] optimizer, byte[] bestParams) {}

    /**
     * Writes the per-epoch state; the best model's files only when {@code bestChanged}.
     *
     * @param state the state
     * @param bestChanged whether the best weights changed since the last save
     * @param status "running" or the final stop reason
     * @param seconds total training wall time so far
     * @throws IOException on write failure (files already there stay valid)
     */
    public void save(State state, boolean bestChanged, String status, double seconds)
            throws IOException {
        prepare();
        AtomicFiles.write(dir.resolve(LAST), out -> out.write(state.lastParams()));
        AtomicFiles.write(dir.resolve(OPTIMIZER), out -> out.write(state.optimizer()));
        AtomicFiles.writeString(dir.resolve(HISTORY), historyCsv(state.history()));
        int bestEpoch = 0;
        for (EpochMetrics m : state.history()) {
            if (m.best()) {
                bestEpoch = m.epoch();
            }
        }
        EpochMetrics best = bestEpoch > 0 ? state.history().get(bestEpoch - 1) : null;
        ModelMetadata meta = ModelMetadata.of(state.config().encodingDim())
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
                .with("saved", Instant.now().toString());
        if (state.bestParams() == null) {
            return;
        }
        if (bestChanged || !Files.exists(dir.resolve(ModelStore.PARAMS))) {
            ModelStore.save(dir, state.bestParams(), meta);
        } else {
            rewriteMetadata(meta);
        }
    }

    /**
     * Records how the run ended in {@code model.properties}, leaving everything else as is.
     *
     * @param status the final status (a stop reason in lower case)
     * @param seconds total training wall time
     * @throws IOException if the folder has no model yet or cannot be written
     */
    public void saveStatus(String status, double seconds) throws IOException {
        if (!Files.exists(dir.resolve(ModelStore.PARAMS))) {
            return;
        }
        prepare();
        ModelMetadata meta = ModelStore.readMetadata(dir);
        rewriteMetadata(meta.with("status", status)
                .with("early_stopped", status.equals("plateau") || status.equals("overfitting"))
                .with("training_seconds", String.format(Locale.ROOT, "%.1f", seconds)));
    }

    private void rewriteMetadata(ModelMetadata meta) throws IOException {
        byte[] params = Files.readAllBytes(dir.resolve(ModelStore.PARAMS));
        ModelStore.save(dir, params, meta);
    }

    /**
     * Reads the state written by {@link #save}.
     *
     * @return the state
     * @throws CheckpointException if the folder is not a resumable run
     */
    public State load() throws CheckpointException {
        try {
            prepare();
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException(dir, "cannot remove leftover temporary files: " + e, e);
        }
        ModelMetadata meta = ModelStore.readMetadata(dir);
        TrainingConfig config;
        try {
            config = TrainingConfig.fromMap(meta.values());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(dir.resolve(ModelStore.META), e.getMessage());
        }
        List<EpochMetrics> history = readHistory(dir.resolve(HISTORY));
        byte[] last = read(dir.resolve(LAST));
        byte[] optimizer = read(dir.resolve(OPTIMIZER));
        byte[] best = read(dir.resolve(ModelStore.PARAMS));
        String sha = meta.get("params_sha256");
        if (sha != null && !sha.equals(ModelStore.sha256(best))) {
            throw new CheckpointException(dir.resolve(ModelStore.PARAMS),
                    "corrupt (SHA-256 does not match " + ModelStore.META + ")");
        }
        return new State(config, meta.get("dataset_sha256"), history, last, optimizer, best);
    }

    private static byte[] read(Path file) throws CheckpointException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "missing: the run cannot be resumed");
        } catch (IOException e) {
            throw new CheckpointException(file, "unreadable: " + e.getMessage(), e);
        }
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
            throw new CheckpointException(file, "unreadable: " + e.getMessage(), e);
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
