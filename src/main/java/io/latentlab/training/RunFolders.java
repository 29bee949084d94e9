package io.latentlab.training;

import io.latentlab.model.AtomicFiles;
import io.latentlab.model.ModelStore;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Names of new run folders, the same for the CLI and the app. */
public final class RunFolders {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolders() {
    }

    /**
     * Deletes a run folder that holds no finished epoch (only commit 0, the lock and
     * temporary files: all written by us), so a run stopped before its first epoch leaves
     * nothing behind. A folder holding anything else is kept.
     *
     * @param dir the run folder
     * @throws IOException if deleting fails
     */
    public static void deleteUnstarted(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || ModelStore.hasModel(dir)) {
            return;
        }
        if (Files.exists(dir.resolve(ModelStore.META))
                && !"0".equals(ModelStore.readMetadata(dir).get("epochs"))) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path f : files) {
            String n = f.getFileName().toString();
            boolean ours = f.equals(dir) || n.equals("resume") || n.equals(RunLock.FILE)
                    || n.equals(LatentTrailFiles.FOLDER) || n.equals("points.bin")
                    || LatentTrailFiles.frameEpoch(n) >= 0
                    || n.equals(ModelStore.META) || AtomicFiles.isTemp(n)
                    || n.matches("history-0+\\.csv|(last|optimizer)-0+\\.(params|bin)");
            if (!ours) {
                return; // not only ours: leave the folder as it is
            }
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
    }

    /**
     * Creates a new, empty run folder {@code root/edN-yyyyMMdd-HHmmss}, with "-2", "-3", ...
     * appended when that name is taken, so two runs never share a folder.
     *
     * @param root where runs go ({@code runs/})
     * @param encodingDim the model's ED
     * @param now the time to stamp
     * @return the created folder
     * @throws IOException if it cannot be created
     */
    public static Path create(Path root, int encodingDim, LocalDateTime now) throws IOException {
        Files.createDirectories(root);
        String base = "ed" + encodingDim + "-" + now.format(STAMP);
        for (int n = 1; ; n++) {
            Path dir = root.resolve(n == 1 ? base : base + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // taken: try the next counter
            }
        }
    }
}
