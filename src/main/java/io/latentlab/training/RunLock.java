package io.latentlab.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One owner per run folder: an exclusive lock on {@code .lock} inside it, held for the run's
 * life by the CLI and the app alike. The operating system drops the lock when the process dies,
 * so a killed run never leaves its folder locked.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file's name. */
    public static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder (creating it if needed).
     *
     * @param dir the run folder
     * @return the lock; close it when the run ends
     * @throws RunInUseException if another training holds it
     * @throws IOException if the lock file cannot be opened
     */
    public static RunLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String owner = readOwner(ch);
            ch.close();
            throw new RunInUseException(dir, owner);
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                .getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(false);
        return new RunLock(ch, lock);
    }

    private static String readOwner(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            int n = ch.read(buf, 0);
            String pid = n > 0 ? new String(buf.array(), 0, n, StandardCharsets.US_ASCII).trim() : "";
            return pid.matches("\\d+") ? pid : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Releases the folder. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another training owns the folder. */
    public static final class RunInUseException extends IOException {
        private static final long serialVersionUID = 1L;

        RunInUseException(Path dir, String pid) {
            super(dir + " is in use by another training (pid " + pid + ")");
        }
    }
}
