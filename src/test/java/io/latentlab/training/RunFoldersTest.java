package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.service.ModelCatalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New run folders, and so the names the app lists runs by, never coincide. */
class RunFoldersTest {

    @Test
    void runsStartedInTheSameMinuteGetDistinctFoldersAndNames(@TempDir Path root)
            throws Exception {
        LocalDateTime t = LocalDateTime.of(2026, 12, 2, 8, 30, 15);
        Path a = RunFolders.create(root, 32, t);
        Path b = RunFolders.create(root, 32, t.plusSeconds(20)); // same minute
        Path c = RunFolders.create(root, 32, t); // same second as the first
        assertThat(List.of(a, b, c)).allMatch(Files::isDirectory);
        assertThat(List.of(a, b, c).stream().map(p -> p.getFileName().toString()).toList())
                .containsExactly("ed32-20261202-083015", "ed32-20261202-083035",
                        "ed32-20261202-083015-2");
        assertThat(List.of(a, b, c).stream().map(p -> ModelCatalog.displayName(32, p))
                .distinct()).hasSize(3);
    }
}
