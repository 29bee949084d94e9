package io.latentlab.ui;

import io.latentlab.service.ModelCatalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The folder a file dialog starts in: where the files it asks for usually are, else the
 * working directory (never the toolkit's own choice, such as GTK's empty "Recent" list).
 */
public final class DialogFolders {

    private DialogFolders() {}

    /**
     * @param base the working directory
     * @return {@code runs/} when it holds a run, else {@code models/}, else {@code base}
     */
    public static Path models(Path base) {
        Path runs = base.resolve("runs");
        if (!ModelCatalog.find(List.of(runs)).isEmpty()) {
            return runs;
        }
        return firstDir(base, "models");
    }

    /**
     * @param base the working directory
     * @return {@code docs/grid-search} when it exists, else {@code base}
     */
    public static Path gridSearches(Path base) {
        return firstDir(base, "docs/grid-search");
    }

    /**
     * @param base the working directory
     * @return {@code assets/} (where {@code mnist/} is) when it exists, else {@code base}
     */
    public static Path datasets(Path base) {
        return firstDir(base, "assets");
    }

    /**
     * @param base the working directory
     * @return {@code base} itself, as a folder for the dialog
     */
    public static Path exports(Path base) {
        return base;
    }

    private static Path firstDir(Path base, String folder) {
        Path p = base.resolve(folder);
        return Files.isDirectory(p) ? p : base;
    }
}
