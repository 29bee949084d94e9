package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.model.CheckpointException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder's file hygiene: no writes through links, no leftover temporary files. */
class RunCheckpointTest {

    @TempDir
    Path tmp;

    private static RunCheckpoint.State state() {
        return new RunCheckpoint.State(TrainingConfig.defaults(4), "sha",
                List.of(new EpochMetrics(1, 0.2, 0.21, 0.22, 1.5, true)),
                new byte[] {1, 2, 3}, new byte[] {4, 5}, new byte[] {1, 2, 3});
    }

    @Test
    void aResumeLinkIsRefusedAndNothingLandsOutsideTheFolder() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.createSymbolicLink(run.resolve("resume"), outside);
        RunCheckpoint cp = new RunCheckpoint(run);

        assertThatThrownBy(() -> cp.save(state(), true, "running", 1))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(run.resolve("resume") + ": is a symbolic link (to "
                        + outside + "); refusing to write through it");
        assertThatThrownBy(cp::load)
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("is a symbolic link");
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
        try (var files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("resume");
        }
    }

    @Test
    void openingARunFolderRemovesTheTempsAKillLeft() throws Exception {
        Path run = tmp.resolve("run");
        new RunCheckpoint(run).save(state(), true, "running", 1);
        // what a kill during the next save leaves behind, seconds ago
        Path a = Files.writeString(run.resolve("resume/.optimizer.bin.4711.tmp"), "half");
        Path b = Files.writeString(run.resolve(".model.params.99.tmp"), "half");

        RunCheckpoint.State loaded = new RunCheckpoint(run).load();

        assertThat(loaded.history()).hasSize(1);
        assertThat(a).doesNotExist();
        assertThat(b).doesNotExist();
        try (var files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).hasSize(4)
                    .contains("resume", "model.properties", "history-000001.csv")
                    .anyMatch(n -> n.matches("model-[0-9a-f]{16}\\.params"));
        }

        // a fresh run into a folder that has leftovers cleans them on its first save, too
        Path c = Files.writeString(run.resolve("resume/.last.params.5.tmp"), "half");
        new RunCheckpoint(run).save(state(), false, "running", 2);
        assertThat(c).doesNotExist();
    }
}
