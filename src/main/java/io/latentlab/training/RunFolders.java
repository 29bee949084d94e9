package io.latentlab.training;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Names of new run folders, the same for the CLI and the app. */
public final class RunFolders {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolders() {
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
