package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchFailingOps;
import io.latentlab.study.GridSearchReport;

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
                // one epoch on 200 digits does not beat the mean image by 10%
                .containsPattern("discarded: fold [12]: validation MSE 0\\.\\d{4} is not 10% "
                        + "below the mean-image baseline 0\\.0\\d{3} \\(never learned\\)")
                .contains("winner: none").containsPattern("(?m)^seed=1$")
                .contains("saved=" + out.toAbsolutePath());
        assertThat(Files.exists(out)).isTrue();
        assertThat(Files.exists(tmp.resolve("grid-curves.csv"))).isTrue();
    }

    /** The common arguments of the resumed searches: 2 LRs x 1 WD, 2 folds of 1 epoch. */
    private static String[] tinyGrid(Path out, String... more) {
        return concat(new String[] {"grid-search", "--ed", "2", "--lr", "1e-2,1e-3", "--wd",
            "1e-4", "--folds", "2", "--epochs", "1", "--batch", "100", "--train-limit", "300",
            "--max-loss", "1", "--out", out.toString()}, more);
    }

    @Test
    void gridSearchKilledBetweenItsTwoWritesResumesToTheUninterruptedNumbers(@TempDir Path tmp)
            throws Exception {
        Path reference = tmp.resolve("reference.csv");
        CliTest.Result whole = CliTest.run(tinyGrid(reference));
        assertThat(whole.code()).as(whole.err()).isZero();
        GridSearch.Result done = GridSearchReport.read(reference);

        // the search saved its first setting, then was killed while saving the second: after
        // the curves were committed, with the summary's temporary file half written
        Path out = tmp.resolve("killed").resolve("grid.csv");
        GridSearchReport.write(GridSearch.rank(done.options(), done.settings().subList(0, 1),
                done.dataSha256(), done.baselines()), out);
        assertThatThrownBy(() -> GridSearchReport.write(new GridSearchFailingOps(4,
                GridSearchFailingOps.Mode.KILL), done, out))
                .isInstanceOf(GridSearchFailingOps.Killed.class);
        try (var files = Files.list(out.getParent())) {
            assertThat(files.count()).as("both files and the summary's temporary file")
                    .isEqualTo(3);
        }

        CliTest.Result again = CliTest.run(tinyGrid(out));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err().strip()).isEqualTo("error: " + out + ": already exists (use "
                + "--resume to continue that search, or another --out)");

        CliTest.Result resumed = CliTest.run(tinyGrid(out, "--resume"));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming " + out + ": 1 of 2 settings already "
                + "finished").contains("fit 2/2 lr=0.001 wd=0.0001 fold=2")
                .doesNotContain("lr=0.01 wd=0.0001 fold=");
        // the same numbers, ranks and curves as the uninterrupted search; no temporary file
        assertThat(Files.readString(out)).isEqualTo(Files.readString(reference));
        assertThat(Files.readString(GridSearchReport.curvesPath(out)))
                .isEqualTo(Files.readString(GridSearchReport.curvesPath(reference)));
        try (var files = Files.list(out.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly("grid-curves.csv", "grid.csv");
        }
    }

    /** A saved search of {@link #tinyGrid}'s options on the shipped data, without training. */
    private static Path savedSearch(Path tmp) throws Exception {
        GridSearch.Options o = GridSearch.Options.builder(2).learningRates(1e-2, 1e-3)
                .weightDecays(1e-4).folds(2).epochs(1).batchSize(100).seed(1).trainLimit(300)
                .maxLoss(1).build();
        List<GridSearch.SettingResult> settings = List.of(GridSearch.evaluate(1e-2, 1e-4,
                List.of(new GridSearch.FoldCurve(0, new double[] {0.06}, new double[] {0.05}),
                        new GridSearch.FoldCurve(1, new double[] {0.07}, new double[] {0.06})),
                1, 0.25));
        Path out = tmp.resolve("grid.csv");
        GridSearchReport.write(GridSearch.rank(o, settings, shippedChecksum()), out);
        return out;
    }

    private static String shippedChecksum() throws Exception {
        return io.latentlab.data.TestMnist.shipped().checksum();
    }

    @Test
    void gridSearchResumeRefusesOtherOptionsNamingTheOptionAndBothValues(@TempDir Path tmp)
            throws Exception {
        Path out = savedSearch(tmp);
        byte[] summary = Files.readAllBytes(out);
        byte[] curves = Files.readAllBytes(GridSearchReport.curvesPath(out));
        String[][] cases = {
            {"--lr", "1e-2", "--lr 0.01,0.001, this run has --lr 0.01"},
            {"--wd", "1e-4,1e-5", "--wd 0.0001, this run has --wd 0.0001,0.00001"},
            {"--ed", "4", "--ed 2, this run has --ed 4"},
            {"--folds", "3", "--folds 2, this run has --folds 3"},
            {"--epochs", "2", "--epochs 1, this run has --epochs 2"},
            {"--seed", "5", "--seed 1, this run has --seed 5"},
            {"--train-limit", "400", "--train-limit 300, this run has --train-limit 400"},
        };
        for (String[] c : cases) {
            CliTest.Result r = CliTest.run(replace(tinyGrid(out, "--resume"), c[0], c[1]));
            assertThat(r.code()).as(c[0]).isEqualTo(2);
            assertThat(r.err().strip()).as(c[0]).isEqualTo("error: " + out + ": was written "
                    + "with " + c[2] + " (resume with the same options, or use another --out)");
        }
        // nothing was touched
        assertThat(Files.readAllBytes(out)).isEqualTo(summary);
        assertThat(Files.readAllBytes(GridSearchReport.curvesPath(out))).isEqualTo(curves);
    }

    private static String[] replace(String[] args, String option, String value) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(option)) {
                i++;
                continue;
            }
            out.add(args[i]);
        }
        out.add(option);
        out.add(value);
        return out.toArray(String[]::new);
    }

    @Test
    void gridSearchResumeRefusesOtherDataAndFilesThatDoNotNameTheirData(@TempDir Path tmp)
            throws Exception {
        Path out = savedSearch(tmp);
        byte[] summary = Files.readAllBytes(out);
        // the shipped data with one test label changed
        Path other = tmp.resolve("other-data");
        Files.createDirectories(other);
        for (String f : new String[] {"train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"}) {
            Files.copy(Path.of("assets/mnist", f), other.resolve(f));
        }
        byte[] labels;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(
                Path.of("assets/mnist/t10k-labels-idx1-ubyte.gz")))) {
            labels = in.readAllBytes();
        }
        labels[8] = (byte) ((labels[8] + 1) % 10);
        Files.write(other.resolve("t10k-labels-idx1-ubyte"), labels);
        String otherSha = MnistData.load(other).checksum();

        CliTest.Result r = CliTest.run(tinyGrid(out, "--resume", "--data", other.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: " + out + ": was computed on --data with "
                + "SHA-256 " + shippedChecksum() + ", this run's --data " + other + " has SHA-256 "
                + otherSha + " (resume with the same data, or use another --out)");
        assertThat(Files.readAllBytes(out)).isEqualTo(summary);

        // a summary of the older format does not say which data it was computed on
        Path old = tmp.resolve("old").resolve("ed2.csv");
        Files.createDirectories(old.getParent());
        Files.copy(Path.of("docs/grid-search/ed2.csv"), old);
        Files.copy(Path.of("docs/grid-search/ed2-curves.csv"), old.resolveSibling(
                "ed2-curves.csv"));
        CliTest.Result legacy = CliTest.run("grid-search", "--ed", "2", "--out", old.toString(),
                "--resume");
        assertThat(legacy.code()).isEqualTo(2);
        assertThat(legacy.err().strip()).isEqualTo("error: " + old + ": does not record the "
                + "SHA-256 of its --data (written by an older version), so it cannot be resumed "
                + "safely; start a new search with another --out");
    }

    @Test
    void repeatedGridValuesAreRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("g.csv");
        CliTest.Result lr = CliTest.run("grid-search", "--lr", "1e-2,1e-2", "--out",
                out.toString());
        assertThat(lr.code()).isEqualTo(2);
        assertThat(lr.err().strip()).isEqualTo("error: --lr lists 0.01 twice");
        CliTest.Result wd = CliTest.run("grid-search", "--wd", "1e-4,0.0001", "--out",
                out.toString());
        assertThat(wd.err().strip()).isEqualTo("error: --wd lists 0.0001 twice");
        assertThat(Files.exists(out)).isFalse();
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
    void noiseTablePrintsNineRowsWithTheStudysValues(@TempDir Path tmp) throws Exception {
        Path model = tinyModel(tmp);
        Path out = tmp.resolve("noise.csv");
        CliTest.Result r = CliTest.run("noise-table", "--model", model.toString(), "--limit",
                "200", "--sigma-step", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("n=200 seed=1 clip=false")
                .contains("| noise | ed2 (ED=2) | study ED=4 | study ED=32 |")
                .containsPattern("\\| none \\| 0\\.\\d{6} \\|  \\|  \\|")
                .containsPattern("\\| occlusion 14x14 \\(anywhere inside\\) \\| 0\\.\\d{6} \\| "
                        + "0\\.0502 \\| 0\\.0329 \\|")
                .containsPattern("\\| occlusion 14x14 \\(one quadrant\\) \\| 0\\.\\d{6} \\| "
                        + "0\\.0502 \\| 0\\.0329 \\|")
                .containsPattern("\\| uniform \\| \\d+\\.\\d{6} \\|")
                // an ED=2 model has no study value to be compared with
                .doesNotContain("measured vs study")
                .contains("saved=" + out.toAbsolutePath());
        assertThat(r.out().lines().filter(l -> l.startsWith("| ")).count()).isEqualTo(10);
        assertThat(Files.readAllLines(out).get(8)).startsWith("occlusion:14:quadrant,");
        assertThat(Files.readAllLines(tmp.resolve("noise-sigma.csv"))).hasSize(4);

        CliTest.Result missing = CliTest.run("noise-table", "--model",
                tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).contains("no such checkpoint folder")
                .doesNotContain("\n");
    }

    @Test
    void noiseTableComparesAnEd4ModelWithTheStudysOcclusionRow(@TempDir Path tmp)
            throws Exception {
        Path dir = tmp.resolve("ed4");
        try (Autoencoder fresh = Autoencoder.create(4, 3)) {
            ModelStore.save(dir, fresh, ModelMetadata.of(4));
        }
        CliTest.Result r = CliTest.run("noise-table", "--model", dir.toString(), "--limit",
                "50", "--sigma-step", "0");
        assertThat(r.code()).as(r.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "\\| occlusion 14x14 \\(one quadrant\\) \\| (0\\.\\d{6}) \\| 0\\.0502 \\| "
                        + "0\\.0329 \\|").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        double quadrant = Double.parseDouble(m.group(1));
        // after the table: the measured value beside the study's, with the relative error
        assertThat(r.out()).contains("| noise | model | measured | study | measured vs study |")
                .contains(String.format(java.util.Locale.ROOT,
                        "| occlusion 14x14 (one quadrant) | ed4 (ED=4) | %.6f | 0.0502 | %+.1f%% |",
                        quadrant, 100 * (quadrant / 0.0502 - 1)))
                .containsPattern("\\| occlusion 14x14 \\(anywhere inside\\) \\| ed4 \\(ED=4\\) "
                        + "\\| 0\\.\\d{6} \\| 0\\.0502 \\| [+-]\\d+\\.\\d% \\|");
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
                        + "knn_accuracy=[01]\\.\\d{4} tsne_silhouette=-?\\d\\.\\d{4} "
                        + "tsne_knn_accuracy=[01]\\.\\d{4} tsne_n=300 tsne_method=bh n=300 "
                        + "reference=300 seed=1"));
    }

    @Test
    void latentMetricsTakesTheExactTsneUpToItsLimit(@TempDir Path tmp) throws Exception {
        Path model = tinyModel(tmp);
        CliTest.Result r = CliTest.run("latent-metrics", "--model", model.toString(),
                "--limit", "200", "--knn-train", "200", "--tsne", "100", "--tsne-exact");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("tsne_n=100 tsne_method=exact n=200");

        CliTest.Result tooMany = CliTest.run("latent-metrics", "--model", model.toString(),
                "--tsne", "3001", "--tsne-exact");
        assertThat(tooMany.code()).isNotZero();
        assertThat(tooMany.err()).contains("--tsne must be between 0 and 3000 with --tsne-exact, "
                + "got 3001");
        CliTest.Result negative = CliTest.run("latent-metrics", "--model", model.toString(),
                "--tsne", "-1");
        assertThat(negative.err()).contains("--tsne must be between 0 and 70000, got -1");
    }
}
