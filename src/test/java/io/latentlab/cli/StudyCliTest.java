package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCliTest {

    private static Path tinyModel(Path tmp) throws Exception {
        Path dir = tmp.resolve("ed2");
        try (Autoencoder fresh = Autoencoder.create(2, 3)) {
            ModelStore.save(dir, fresh, ModelMetadata.of(2));
        }
        return dir;
    }

    @Test
    void gridSearchPrintsProgressAndTableAndWritesCsv(@TempDir Path tmp) {
        Path out = tmp.resolve("grid.csv");
        CliTest.Result r = CliTest.run("grid-search", "--ed", "2", "--lr", "1e-2,1e-3",
                "--wd", "1e-4", "--folds", "2", "--epochs", "1", "--batch", "100",
                "--train-limit", "400", "--max-loss", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("fit 1/4 lr=0.01 wd=0.0001 fold=1 epoch=1/1 "
                + "elapsed=\\d+s eta=\\d+s")
                .contains("fit 4/4 ").containsPattern("(?m)^lr +wd +mean_val")
                .containsPattern("(?m)^0\\.001 +0\\.0001 +0\\.\\d{6} ")
                .contains("winner: lr=0.0")
                .contains("saved=" + out.toAbsolutePath());
        assertThat(Files.exists(out)).isTrue();
        assertThat(Files.exists(tmp.resolve("grid-curves.csv"))).isTrue();
    }

    @Test
    void gridSearchResumesASavedSearchAndWillNotOverwriteOne(@TempDir Path tmp)
            throws Exception {
        Path out = tmp.resolve("grid.csv");
        String[] common = {"grid-search", "--ed", "2", "--wd", "1e-4", "--folds", "2",
            "--epochs", "1", "--batch", "100", "--train-limit", "300", "--max-loss", "1",
            "--out", out.toString()};
        // a search of lr=0.01 alone stands for one interrupted after its first setting
        CliTest.Result first = CliTest.run(concat(common, "--lr", "1e-2"));
        assertThat(first.code()).as(first.err()).isZero();
        String firstRows = Files.readAllLines(out).get(1);

        CliTest.Result again = CliTest.run(concat(common, "--lr", "1e-2,1e-3"));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err().strip()).isEqualTo("error: " + out + ": already exists (use "
                + "--resume to continue that search, or another --out)");

        CliTest.Result other = CliTest.run(concat(common, "--lr", "1e-2,1e-3", "--resume",
                "--seed", "5"));
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("was written with other options (ed=2 folds=2 "
                + "epochs=1 batch=100 seed=1 ");

        CliTest.Result resumed = CliTest.run(concat(common, "--lr", "1e-2,1e-3", "--resume"));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming " + out + ": 1 of 2 settings already "
                + "finished").contains("fit 2/2 lr=0.001 wd=0.0001 fold=2")
                .doesNotContain("lr=0.01 wd=0.0001 fold=");
        List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(5);
        // the finished setting's numbers are kept as they were (its rank may change)
        assertThat(List.of(rows.get(1).split(",")).subList(0, 8))
                .isEqualTo(List.of(firstRows.split(",")).subList(0, 8));
        assertThat(rows.get(3)).startsWith("0.001,0.0001,1,");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void badLearningRatesGiveOneLineAndExitCode2(@TempDir Path tmp) {
        String out = tmp.resolve("g.csv").toString();
        CliTest.Result bad = CliTest.run("grid-search", "--lr", "1e-2,abc", "--out", out);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("error: ").contains("abc").doesNotContain("\n");
        CliTest.Result negative = CliTest.run("grid-search", "--lr", "1e-2,-1", "--out", out);
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err().strip())
                .isEqualTo("error: learning rates must be in (0, 10], got -1.0");
        assertThat(Files.exists(tmp.resolve("g.csv"))).isFalse();
    }

    @Test
    void noiseTablePrintsEightRows(@TempDir Path tmp) throws Exception {
        Path model = tinyModel(tmp);
        Path out = tmp.resolve("noise.csv");
        CliTest.Result r = CliTest.run("noise-table", "--model", model.toString(), "--limit",
                "200", "--sigma-step", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("n=200 seed=0 clip=false")
                .contains("| noise | ed2 (ED=2) |")
                .containsPattern("\\| none \\| 0\\.\\d{6} \\|")
                .containsPattern("\\| uniform \\| \\d+\\.\\d{6} \\|")
                .contains("saved=" + out.toAbsolutePath());
        assertThat(r.out().lines().filter(l -> l.startsWith("| ")).count()).isEqualTo(9);
        assertThat(Files.readAllLines(tmp.resolve("noise-sigma.csv"))).hasSize(4);

        CliTest.Result missing = CliTest.run("noise-table", "--model",
                tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).contains("no such checkpoint folder")
                .doesNotContain("\n");
    }

    @Test
    void latentMetricsPrintsOneLinePerModel(@TempDir Path tmp) throws Exception {
        Path model = tinyModel(tmp);
        CliTest.Result r = CliTest.run("latent-metrics", "--model", model.toString(),
                "--model", model.toString(), "--limit", "300", "--knn-train", "300",
                "--sample", "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(2).allSatisfy(line -> assertThat(line)
                .matches("model=.*ed2 ed=2 pc1=0\\.\\d{4} pc2=0\\.\\d{4} "
                        + "silhouette_2d=-?\\d\\.\\d{4} silhouette_full=-?\\d\\.\\d{4} "
                        + "knn_accuracy=[01]\\.\\d{4} n=300 reference=300"));
    }
}
