package io.latentlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void writtenFilesGetTheDefaultPermissionsOfANewFile() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(tmp.resolve("plain"));
        Path atomic = tmp.resolve("atomic.txt");

        AtomicFiles.writeString(atomic, "hello");
        AtomicFiles.writeString(atomic, "again"); // a replaced file too

        assertThat(Files.readString(atomic)).isEqualTo("again");
        assertThat(Files.getPosixFilePermissions(atomic))
                .isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void theFirstWriteIntoAFolderRemovesOldLeftoverTemps() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        Path old = Files.writeString(dir.resolve(".optimizer.bin.8123456789.tmp"), "half");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        // may be another process's write in progress: left alone
        Path fresh = Files.writeString(dir.resolve(".history.csv.42.tmp"), "half");
        Path hidden = Files.writeString(dir.resolve(".hidden"), "mine");
        Path notOurs = Files.writeString(dir.resolve(".notes.tmp"), "mine");
        Files.setLastModifiedTime(notOurs,
                FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        AtomicFiles.writeString(dir.resolve("a.txt"), "x");

        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        assertThat(hidden).exists();
        assertThat(notOurs).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("a.txt", ".history.csv.42.tmp", ".hidden",
                            ".notes.tmp");
        }
    }

    @Test
    void removeStaleTempsRemovesEveryLeftoverButNothingElse() throws Exception {
        Path fresh = Files.writeString(tmp.resolve(".model.params.17.tmp"), "half");
        Path keep = Files.writeString(tmp.resolve("model.params"), "whole");
        Files.createDirectory(tmp.resolve(".sub.5.tmp")); // a folder: not ours

        assertThat(AtomicFiles.removeStaleTemps(tmp)).containsExactly(fresh);

        assertThat(fresh).doesNotExist();
        assertThat(keep).hasContent("whole");
        assertThat(tmp.resolve(".sub.5.tmp")).isDirectory();
        assertThat(AtomicFiles.removeStaleTemps(tmp.resolve("missing"))).isEmpty();
    }

    @Test
    void aLinkBelowTheRootIsRefusedButTheRootMayBeALink() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path run = Files.createSymbolicLink(tmp.resolve("run"), real);
        Files.createSymbolicLink(real.resolve("resume"), outside);

        AtomicFiles.requireNoLinks(run, run.resolve("model.params"));
        assertThatThrownBy(() -> AtomicFiles.requireNoLinks(run, run.resolve("resume/x")))
                .isInstanceOf(CheckpointException.class)
                .hasMessage(run.resolve("resume").toAbsolutePath() + ": is a symbolic link (to "
                        + outside + "); refusing to write through it, so that the files of "
                        + run + " stay inside it (make it a real folder)");
        assertThatThrownBy(() -> AtomicFiles.requireNoLinks(run, tmp.resolve("elsewhere")))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("is outside " + run);
    }
}
