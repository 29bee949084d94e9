package io.latentlab.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Writes files under a temporary name, syncs them and renames them into place, so a crash
 * never leaves a half-written file. The file-system operations go through {@link Ops}, so tests
 * can make the N-th one fail and check what a crash at that point leaves behind.
 */
public final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param out the stream to write to (closed by the caller)
         * @throws IOException on failure
         */
        void write(OutputStream out) throws IOException;
    }

    /** The file-system operations a save is made of. */
    public interface Ops {
        /**
         * Creates a new file with the default permissions (the umask applies), writes it and
         * syncs it to disk.
         *
         * @param file a file that does not exist
         * @param bytes its content
         * @throws IOException on failure
         */
        void writeNew(Path file, byte[] bytes) throws IOException;

        /**
         * Renames a file over another in one step.
         *
         * @param from the source
         * @param to the target (replaced)
         * @throws IOException on failure
         */
        void move(Path from, Path to) throws IOException;

        /**
         * Syncs a folder, so renames in it survive a power cut.
         *
         * @param dir the folder
         * @throws IOException on failure
         */
        void syncDir(Path dir) throws IOException;

        /**
         * @param file deleted if it exists
         * @throws IOException on failure
         */
        void delete(Path file) throws IOException;
    }

    /** The real file system. */
    public static final Ops REAL = new Ops() {
        @Override
        public void writeNew(Path file, byte[] bytes) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public void syncDir(Path dir) throws IOException {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                // some file systems (and Windows) cannot open a folder for syncing
            }
        }

        @Override
        public void delete(Path file) throws IOException {
            Files.deleteIfExists(file);
        }
    };

    /** {@code .<name>.<digits>.tmp}: our temporary files (and those of Files.createTempFile). */
    private static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9]+\\.tmp");

    /**
     * A temporary file younger than this may belong to a write in progress in another process;
     * a write leaves it alone (a folder's owner removes every one).
     */
    private static final Duration IN_FLIGHT = Duration.ofMinutes(1);

    /** Temporary files this process is writing now: never stale. */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();
    private static final AtomicLong COUNTER = new AtomicLong(System.nanoTime() & 0xffffff);

    private AtomicFiles() {}

    /**
     * Writes {@code target} atomically: the content goes to a temporary file in the same folder,
     * which is synced and then replaces the target in one rename. On failure the target is
     * unchanged.
     *
     * @param target the file to write
     * @param writer produces the content
     * @throws IOException if writing or renaming fails
     */
    public static void write(Path target, Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.write(bytes);
        write(REAL, target, bytes.toByteArray());
    }

    /**
     * Writes a UTF-8 text file atomically.
     *
     * @param target the file
     * @param text its content
     * @throws IOException on failure
     */
    public static void writeString(Path target, String text) throws IOException {
        write(REAL, target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code target} atomically through {@code ops}: a new temporary file (default
     * permissions, synced), renamed over the target, then the folder synced. Temporary files of
     * the same target older than a minute, left by a killed process, are removed first (only the
     * target's own: in a shared folder, other names may be another program's).
     *
     * @param ops the file system
     * @param target the file
     * @param bytes its content
     * @throws IOException on failure; the target is then unchanged
     */
    public static void write(Ops ops, Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (Files.isSymbolicLink(target)) {
            throw new IOException(target + ": is a symbolic link; refusing to write through it");
        }
        String name = target.getFileName().toString();
        try {
            removeStaleTemps(dir, name, Instant.now().minus(IN_FLIGHT));
        } catch (IOException | DirectoryIteratorException e) {
            // best effort: a leftover we cannot remove must not stop the write
        }
        Path tmp = dir.resolve("." + name + "." + COUNTER.incrementAndGet() + ".tmp");
        WRITING.add(key(tmp));
        try {
            ops.writeNew(tmp, bytes);
            ops.move(tmp, target);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            WRITING.remove(key(tmp));
        }
        ops.syncDir(dir);
    }

    /**
     * @param name a file name
     * @return whether it is a temporary file of a save ({@code .<name>.<digits>.tmp})
     */
    public static boolean isTemp(String name) {
        return TEMP.matcher(name).matches();
    }

    /**
     * Removes the temporary files ({@code .<name>.<n>.tmp}) that killed writes left in
     * {@code dir}, except those this process is writing now. Call it when taking ownership of a
     * folder (a run folder being opened); a missing folder has none.
     *
     * @param dir the folder (not searched recursively)
     * @return the files removed
     * @throws IOException if the folder cannot be listed or a file cannot be removed
     */
    public static List<Path> removeStaleTemps(Path dir) throws IOException {
        return removeStaleTemps(dir, null, null);
    }

    /**
     * Refuses to write through a symbolic link below {@code root}: every existing component of
     * {@code target}'s folder from {@code root} (exclusive) down must be a real folder, so a
     * link planted in a run folder cannot send its files elsewhere. {@code root} itself may be a
     * link.
     *
     * @param root the folder the files must stay in
     * @param target a file to be written inside it
     * @throws CheckpointException naming the link if there is one
     */
    public static void requireNoLinks(Path root, Path target) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Path parent = target.toAbsolutePath().normalize().getParent();
        if (parent == null || !parent.startsWith(base)) {
            throw new CheckpointException(target, "is outside " + root);
        }
        Path p = base;
        for (Path part : base.relativize(parent)) {
            if (part.toString().isEmpty()) {
                continue;
            }
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                throw new CheckpointException(p, "is a symbolic link (to "
                        + Files.readSymbolicLink(p) + "); refusing to write through it, so that "
                        + "the files of " + root + " stay inside it (make it a real folder)");
            }
        }
    }

    /** Removes temporary files in {@code dir}: of file {@code name} only unless it is null. */
    private static List<Path> removeStaleTemps(Path dir, String name, Instant olderThan)
            throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return removed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String fn = f.getFileName().toString();
                if (!TEMP.matcher(fn).matches()
                        || name != null && !ownTemp(fn, name)
                        || WRITING.contains(key(f))
                        || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    if (olderThan != null && !Files.getLastModifiedTime(f,
                            LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(olderThan)) {
                        continue;
                    }
                    if (Files.deleteIfExists(f)) {
                        removed.add(f);
                    }
                } catch (NoSuchFileException e) {
                    // removed meanwhile: nothing to do
                }
            }
        }
        return removed;
    }

    /** Whether {@code fn} is {@code .<name>.<digits>.tmp}. */
    private static boolean ownTemp(String fn, String name) {
        String prefix = "." + name + ".";
        return fn.startsWith(prefix) && fn.length() > prefix.length() + 4
                && fn.substring(prefix.length(), fn.length() - 4).chars()
                        .allMatch(c -> c >= '0' && c <= '9');
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
