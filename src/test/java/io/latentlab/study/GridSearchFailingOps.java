package io.latentlab.study;

import io.latentlab.model.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The real file system, stopping at its N-th operation: either with an IOException (a full
 * disk: half the bytes written, AtomicFiles cleans up) or dead, as a kill would (an Error that
 * nothing catches, so the temporary file stays). Syncs are counted, not done.
 */
public final class GridSearchFailingOps implements AtomicFiles.Ops {

    /** How the N-th operation fails. */
    public enum Mode {
        /** an IOException, as a full disk gives */
        IO_ERROR,
        /** the process stops dead: nothing after it runs, nothing is cleaned up */
        KILL
    }

    /** Stands for a kill: an Error, so no catch (IOException | RuntimeException) runs. */
    public static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed(int op) {
            super("killed at operation " + op);
        }
    }

    private final int failAt;
    private final Mode mode;
    private int count;

    /**
     * @param failAt 1-based operation that fails
     * @param mode how it fails
     */
    public GridSearchFailingOps(int failAt, Mode mode) {
        this.failAt = failAt;
        this.mode = mode;
    }

    private void check() throws IOException {
        if (++count == failAt) {
            if (mode == Mode.KILL) {
                throw new Killed(count);
            }
            throw new IOException("injected failure at operation " + count);
        }
    }

    @Override
    public void writeNew(Path file, byte[] bytes) throws IOException {
        if (count + 1 == failAt) {
            // half the bytes reach the disk first
            Files.write(file, Arrays.copyOf(bytes, bytes.length / 2),
                    StandardOpenOption.CREATE_NEW);
            count++;
            if (mode == Mode.KILL) {
                throw new Killed(count);
            }
            throw new IOException("No space left on device");
        }
        check();
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        check();
        AtomicFiles.REAL.move(from, to);
    }

    @Override
    public void syncDir(Path dir) throws IOException {
        check();
    }

    @Override
    public void delete(Path file) throws IOException {
        check();
        AtomicFiles.REAL.delete(file);
    }
}
