package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCliTest {

    @Test
    void reportRunsEndToEndAndPrintsTheIndexPath(@TempDir Path tmp) throws Exception {
        Path models = tmp.resolve("models");
        try (Autoencoder a = Autoencoder.create(2, 3); Autoencoder b = Autoencoder.create(4, 5)) {
            ModelStore.save(models.resolve("ed2"), a, ModelMetadata.of(2));
            ModelStore.save(models.resolve("ed4"), b, ModelMetadata.of(4));
        }
        Files.createDirectories(models.resolve("not-a-model"));
        Path out = tmp.resolve("report");
        // no --model: every checkpoint folder in --models-dir
        CliTest.Result r = CliTest.run("report", "--out", out.toString(), "--models-dir",
                models.toString(), "--limit", "200", "--knn-train", "200", "--digits", "3");
        assertThat(r.code()).as(r.err()).isZero();
        Path index = out.resolve("index.md").toAbsolutePath().normalize();
        assertThat(r.out()).contains("noise table: model 1/2 (ed2)")
                .contains("latent metrics: model 2/2 (ed4)")
                .endsWith("seed=1" + System.lineSeparator() + "saved=" + index
                        + System.lineSeparator());
        assertThat(Files.readString(index)).contains("- seed: 1 ");
        assertThat(index).exists();
        assertThat(out.resolve("recon-ed4.png")).exists();
        assertThat(out.resolve("latent-metrics.csv")).exists();

        // --grid may be repeated (one search per ED)
        Files.writeString(tmp.resolve("a.csv"), "x,y\n1,2\n");
        Files.writeString(tmp.resolve("b.csv"), "x,y\n3,4\n");
        CliTest.Result one = CliTest.run("report", "--out", tmp.resolve("one").toString(),
                "--model", models.resolve("ed2").toString(), "--limit", "100", "--knn-train",
                "100", "--digits", "2", "--clip", "--seed", "3", "--grid",
                tmp.resolve("a.csv").toString(), "--grid", tmp.resolve("b.csv").toString());
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).containsPattern("(?m)^seed=3$");
        assertThat(Files.readString(tmp.resolve("one/index.md"))).contains("- seed: 3 ");
        assertThat(Files.readString(tmp.resolve("one/grid-search-a.md"))).contains("| 1 | 2 |");
        assertThat(Files.readString(tmp.resolve("one/grid-search-b.md"))).contains("| 3 | 4 |");
        assertThat(Files.readString(tmp.resolve("one/index.md")))
                .contains("(grid-search-b.csv) |  |  | (not a grid-search summary) |");
        assertThat(Files.readAllLines(tmp.resolve("one/noise-table.csv")).get(0))
                .isEqualTo("noise,ed2 (ED=2)");
    }

    @Test
    void noModelsIsAOneLineErrorWithExitCode2(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        CliTest.Result r = CliTest.run("report", "--out", tmp.resolve("r").toString(),
                "--models-dir", tmp.resolve("empty").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: no models").doesNotContain("\n");
        assertThat(tmp.resolve("r")).doesNotExist();

        CliTest.Result missing = CliTest.run("report", "--out", tmp.resolve("r").toString(),
                "--model", tmp.resolve("nope").toString(), "--limit", "10");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).contains("no such checkpoint folder")
                .doesNotContain("\n");
    }
}
