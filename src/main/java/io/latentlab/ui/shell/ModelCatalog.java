package io.latentlab.ui.shell;

import io.latentlab.model.ModelStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finds checkpoint folders (those holding {@code model.properties}) below some roots. */
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
                children.filter(d -> Files.isRegularFile(d.resolve(ModelStore.META)))
                        .forEach(found::add);
            } catch (IOException e) {
                // an unreadable root is no reason to stop looking in the others
            }
        }
        found.sort(Comparator.comparing(ModelCatalog::writtenAt).reversed());
        return found;
    }

    private static FileTime writtenAt(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve(ModelStore.META));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
