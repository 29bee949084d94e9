package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.training.RunLock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Never write over what we did not write; one owner per run folder. */
class OwnershipCliTest {

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p) + " "
                    + p.toFile().length() + " "
                    + p.toFile().lastModified()).sorted().toList();
        }
    }

    @Test
    void aSecondTrainingOfAFolderIsRefusedWithTheOwnersPidAndTouchesNothing(@TempDir Path tmp)
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        try (RunLock owner = RunLock.acquire(dir)) {
            List<String> before = listing(dir);
            CliTest.Result r = CliTest.run("train", "--ed", "2", "--max-epochs", "1",
                    "--train-limit", "200", "--out", dir.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("error: " + dir + " is in use by another "
                    + "training (pid " + ProcessHandle.current().pid() + ")");
            assertThat(listing(dir)).isEqualTo(before);
        }
    }

    @Test
    void trainingIntoAFolderHoldingAModelButNoRunIsRefusedWithoutForce(@TempDir Path tmp)
            throws Exception {
        Path dir = tmp.resolve("model");
        try (Autoencoder a = Autoencoder.create(2, 3)) {
            ModelStore.save(dir, a, ModelMetadata.of(2).with("epochs", 463));
        }
        List<String> before = listing(dir);
        CliTest.Result r = CliTest.run("train", "--ed", "2", "--max-epochs", "1",
                "--train-limit", "200", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + dir + ": not empty (")
                .contains("model.properties").contains("add --force");
        assertThat(listing(dir).stream().filter(l -> !l.startsWith(".lock")).toList())
                .isEqualTo(before);
        assertThat(ModelStore.readMetadata(dir).get("epochs")).isEqualTo("463");
    }

    @Test
    void aReportIsNotWrittenOverFilesThatAreNotAReport(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(out.resolve("index.md"), "# My notes\n");
        CliTest.Result r = CliTest.run("report", "--out", out.toString(), "--model",
                "models/ed4", "--limit", "50");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: " + out + ": holds files that are not a "
                + "Latent Lab report (index.md); choose an empty folder, or add --force to "
                + "write into it anyway");
        assertThat(Files.readString(out.resolve("index.md"))).isEqualTo("# My notes\n");
    }
}
