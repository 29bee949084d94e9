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
    void aWriteRemovesOldLeftoverTempsOfTheSameFile() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        Path old = Files.writeString(dir.resolve(".a.txt.8123456789.tmp"), "half");
        Files.setLastModifiedTime(old, FileTime.from(hourAgo));
        // may be another process's write in progress: left alone
        Path fresh = Files.writeString(dir.resolve(".a.txt.42.tmp"), "half");
        // other names in a shared folder may be another program's: left alone
        Path other = Files.writeString(dir.resolve(".b.txt.7.tmp"), "half");
        Files.setLastModifiedTime(other, FileTime.from(hourAgo));
        Path hidden = Files.writeString(dir.resolve(".a.txt.tmp"), "mine");
        Files.setLastModifiedTime(hidden, FileTime.from(hourAgo));

        AtomicFiles.writeString(dir.resolve("a.txt"), "x");

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("a.txt", ".a.txt.42.tmp", ".b.txt.7.tmp",
                            ".a.txt.tmp");
        }
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
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
