package io.latentlab.model;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes files under a temporary name and renames them into place, so a crash never leaves a
 * half-written file. Files get the default permissions of a new file (they follow the umask),
 * and temporary files that a killed process left behind are removed.
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

    /** {@code .<name>.<digits>.tmp}: our temporary files (and those of Files.createTempFile). */
    private static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9]+\\.tmp");

    /**
     * A temporary file younger than this may belong to a write in progress in another process;
     * a write leaves it alone (a folder's owner removes every one).
     */
    private static final Duration IN_FLIGHT = Duration.ofMinutes(1);

    /** Temporary files this process is writing now: never stale. */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private AtomicFiles() {}

    /**
     * Writes {@code target} atomically: the content goes to a temporary file in the same folder,
     * which then replaces the target in one rename. On failure the target is unchanged. Temporary
     * files of the same target older than a minute, left by a killed process, are removed (only
     * the target's own: in a shared folder, other names may be another program's).
     *
     * @param target the file to write
     * @param writer produces the content
     * @throws IOException if writing or renaming fails
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String name = target.getFileName().toString();
        try {
            removeStaleTemps(dir, name, Instant.now().minus(IN_FLIGHT));
        } catch (IOException | DirectoryIteratorException e) {
            // best effort: a leftover we cannot remove must not stop the write
        }
        Path tmp = newTemp(dir, name);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                writer.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
            WRITING.remove(key(tmp));
        }
    }

    /**
     * Writes a UTF-8 text file atomically.
     *
     * @param target the file
     * @param text its content
     * @throws IOException on failure
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
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

    /**
     * Creates {@code .<name>.<n>.tmp} with {@link Files#createFile}, so it gets the default
     * permissions of a new file (createTempFile would make it 0600 whatever the umask).
     */
    private static Path newTemp(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + name + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            WRITING.add(key(tmp));
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                WRITING.remove(key(tmp)); // someone else's: draw another name
            } catch (IOException | RuntimeException e) {
                WRITING.remove(key(tmp));
                throw e;
            }
        }
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
