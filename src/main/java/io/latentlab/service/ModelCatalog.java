package io.latentlab.service;

import io.latentlab.data.AppDirs;
import io.latentlab.model.AtomicFiles;
import io.latentlab.model.ModelStore;
import io.latentlab.training.LatentTrailFiles;
import io.latentlab.training.RunCheckpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the app finds its models: checkpoint folders (those holding {@code model.properties})
 * below some roots such as {@code ./models} and {@code ./runs}, and the name a model goes by.
 * Loading is {@link ModelHandle#load}; loading and saving run on the engine thread.
 */
public final class ModelCatalog {

    private ModelCatalog() {}

    /**
     * Lists the direct subfolders of each root that hold a checkpoint, newest first (by the
     * time {@code model.properties} was written). Missing or unreadable roots are skipped.
     *
     * @param roots folders such as {@code ./models} and {@code ./runs}
     * @return checkpoint folders, newest first
     */
    public static List<Path> find(List<Path> roots) {
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            if (root == null || !Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> children = Files.list(root)) {
                children.filter(ModelStore::isCheckpoint)
                        .forEach(found::add);
            } catch (IOException e) {
                // an unreadable root is no reason to stop looking in the others
            }
        }
        found.sort(Comparator.comparing(ModelCatalog::writtenAt).reversed());
        return found;
    }

    /**
     * @param ed encoding dimension
     * @param dir checkpoint folder
     * @return the name the model goes by ("ED=32 · models/ed32"), the folder relative to the
     *     working directory or the installation ({@link AppDirs}) when it lies below it
     */
    public static String displayName(int ed, Path dir) {
        Path shown = dir;
        try {
            Path abs = dir.toAbsolutePath().normalize();
            Path installation = AppDirs.installation();
            Path base = installation != null
                    && abs.startsWith(installation.toAbsolutePath().normalize())
                    ? installation : Path.of("");
            base = base.toAbsolutePath().normalize();
            if (abs.startsWith(base)) {
                shown = base.relativize(abs);
            }
        } catch (RuntimeException e) {
            // keep the path as given
        }
        return "ED=" + ed + " \u00b7 " + shown;
    }

    /**
     * @param a a folder or null
     * @param b a folder or null
     * @return whether both name the same folder
     */
    public static boolean sameDir(Path a, Path b) {
        return a != null && b != null
                && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * Saves a model as a checkpoint folder with, when it has one, the training history of the
     * folder it came from (engine thread). Every file is replaced atomically, so a failed save
     * leaves what was in the folder intact.
     *
     * @param model the model
     * @param from the folder it was loaded from, or null
     * @param target the folder to write
     * @throws IOException if writing fails
     */
    public static void save(ModelHandle model, Path from, Path target) throws IOException {
        if (from != null && !sameDir(from, target) && model.metadata() != null) {
            // before the manifest that names it
            LatentTrailFiles.copy(from, target, model.metadata());
        }
        model.save(target);
        Path history = from == null ? null : RunCheckpoint.historyFile(from);
        if (history != null && Files.isRegularFile(history) && !sameDir(from, target)) {
            AtomicFiles.write(target.resolve(RunCheckpoint.HISTORY), out -> Files.copy(history, out));
        }
    }

    private static FileTime writtenAt(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve(ModelStore.META));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
