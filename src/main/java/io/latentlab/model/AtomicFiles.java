package io.latentlab.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

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

    /** Suffix of the temporary files; {@link #removeStaleTemps} removes leftovers. */
    static final String TMP_SUFFIX = ".tmp";
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
     * Writes {@code target} atomically through {@code ops}.
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
        Path tmp = dir.resolve("." + target.getFileName() + "." + COUNTER.incrementAndGet()
                + TMP_SUFFIX);
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
        }
        ops.syncDir(dir);
    }

    /**
     * Removes temporary files that a killed save left in a folder ({@code .name.N.tmp}).
     *
     * @param dir the folder
     * @throws IOException if the folder cannot be listed
     */
    public static void removeStaleTemps(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                p -> isTemp(p.getFileName().toString()))) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    /**
     * @param name a file name
     * @return whether it is a temporary file of a save
     */
    public static boolean isTemp(String name) {
        return name.startsWith(".") && name.endsWith(TMP_SUFFIX);
    }
}
