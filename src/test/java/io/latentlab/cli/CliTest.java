package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    /** Output, error and exit code of one CLI call. */
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LatentLabCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void infoPrintsTheParameterCount() {
        Result r = run("info", "--ed", "4");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("params=49541").contains("engine=PyTorch 2.7.1")
                .contains("djl=0.36.0");
        assertThat(run("info").out()).contains("params=53153");
    }

    @Test
    void badArgumentsGiveOneLineAndExitCode2() {
        Result r = run("info", "--ed", "abc");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: ").contains("'abc'").doesNotContain("\n");
        Result unknown = run("train", "--bogus");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).contains("--bogus").doesNotContain("\n");
    }

    @Test
    void invalidValuesAreNamedWithoutStackTrace(@TempDir Path tmp) {
        Result r = run("train", "--batch", "0", "--out", tmp.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: batch size must be between 1 and 60000, got 0");
        Result noise = run("evaluate", "--model", tmp.toString(), "--noise", "pink");
        assertThat(noise.code()).isEqualTo(2);
        assertThat(noise.err()).contains("pink").doesNotContain("at io.latentlab");
        // a placement that does not exist: one line naming it and listing the forms
        Result placement = run("evaluate", "--model", tmp.toString(), "--noise",
                "occlusion:14:corner");
        assertThat(placement.code()).isEqualTo(2);
        assertThat(placement.err().strip()).isEqualTo("error: bad noise spec "
                + "'occlusion:14:corner' (placement must be anywhere, quadrant or partial, got "
                + "'corner'); accepted forms: none, gaussian:SIGMA, uniform, occlusion:SIZE "
                + "(anywhere inside), occlusion:SIZE:quadrant, occlusion:SIZE:partial (partly "
                + "outside), occlusion:SIZE@X,Y");
        Result fixed = run("evaluate", "--model", tmp.toString(), "--noise",
                "occlusion:14:quadrant@0,14");
        assertThat(fixed.code()).isEqualTo(2);
        assertThat(fixed.err().strip()).startsWith("error: bad noise spec "
                + "'occlusion:14:quadrant@0,14' (a fixed position @X,Y takes no placement)")
                .doesNotContain("\n");
    }

    @Test
    void missingModelAndCorruptDataNameTheFile(@TempDir Path tmp) throws Exception {
        Result r = run("evaluate", "--model", tmp.resolve("none").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).contains("none").contains("no such checkpoint folder")
                .doesNotContain("\n");

        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            Files.copy(Path.of("assets/mnist", f), data.resolve(f));
        }
        byte[] labels = Files.readAllBytes(data.resolve("t10k-labels-idx1-ubyte.gz"));
        Files.write(data.resolve("t10k-labels-idx1-ubyte.gz"),
                java.util.Arrays.copyOf(labels, labels.length / 2));
        Result bad = run("info", "--data", data.toString());
        assertThat(bad.code()).isZero(); // info does not read the data
        Result train = run("train", "--data", data.toString(), "--out", tmp.resolve("r").toString());
        assertThat(train.code()).isEqualTo(2);
        assertThat(train.err().strip()).contains("t10k-labels-idx1-ubyte.gz").doesNotContain("\n");
    }

    @Test
    void denoisingTrainingKeepsItsCorruptionAcrossAResume(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("dn");
        Result t = run("train", "--ed", "2", "--train-limit", "500", "--max-epochs", "1",
                "--batch", "250", "--corrupt", "gaussian:0.5,occlusion:14", "--out",
                out.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).containsPattern("(?m)^corrupt=gaussian:0\\.5,occlusion:14$");
        assertThat(io.latentlab.model.ModelStore.readMetadata(out).values())
                .containsEntry("config.corrupt", "gaussian:0.5,occlusion:14");

        Result more = run("train", "--resume", out.toString(), "--max-epochs", "2");
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).containsPattern("(?m)^corrupt=gaussian:0\\.5,occlusion:14$")
                .contains("epoch=2 ");
        // the command line keeps the latent trail too, continued by the resume
        assertThat(io.latentlab.training.LatentTrailFiles.read(out).frames())
                .extracting(io.latentlab.training.LatentTrailFiles.Frame::epoch)
                .containsExactly(1, 2);

        Result bad = run("train", "--corrupt", "gaussian:0.5,speckle", "--out",
                tmp.resolve("x").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("error: --corrupt: corruption "
                + "'gaussian:0.5,speckle': unknown noise spec 'speckle'; accepted forms: none, ");
    }

    @Test
    void trainThenEvaluate(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        Result t = run("train", "--ed", "4", "--train-limit", "1000", "--max-epochs", "2",
                "--batch", "250", "--out", out.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).containsPattern(
                "epoch=1 train_mse=0\\.\\d{6} val_mse=0\\.\\d{6} test_mse=0\\.\\d{6} seconds=\\d+\\.\\d{2}");
        assertThat(t.out()).contains("epoch=2 ").contains("saved=" + out.toAbsolutePath())
                .containsPattern("(?m)^seed=1$");
        assertThat(io.latentlab.model.ModelStore.hasModel(out)).isTrue();

        Result again = run("train", "--out", out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a run");

        // a resumed run keeps (and prints) its own seed
        Result more = run("train", "--resume", out.toString(), "--max-epochs", "3", "--seed",
                "9");
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).contains("resuming").contains("epoch=3 ").doesNotContain("epoch=2 ")
                .containsPattern("(?m)^seed=1$").doesNotContain("seed=9");

        Result e = run("evaluate", "--model", out.toString(), "--limit", "200");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out().strip()).matches("test_mse=0\\.\\d{6} n=200 seed=1");
        Result noisy = run("evaluate", "--model", out.toString(), "--limit", "200",
                "--noise", "gaussian:1", "--seed", "3");
        assertThat(noisy.out().strip()).endsWith(" n=200 seed=3");
        double clean = Double.parseDouble(e.out().strip().split("[= ]")[1]);
        double withNoise = Double.parseDouble(noisy.out().strip().split("[= ]")[1]);
        assertThat(withNoise).isGreaterThan(clean);
    }

    @Test
    void benchPrintsTheSeedOfItsModel(@TempDir Path tmp) throws Exception {
        // a tiny data set in MNIST's layout: 100 training and 20 test digits
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        java.util.Random r = new java.util.Random(5);
        for (String[] f : new String[][] {{"train", "100"}, {"t10k", "20"}}) {
            int n = Integer.parseInt(f[1]);
            byte[] pixels = new byte[n * 28 * 28];
            r.nextBytes(pixels);
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) (i % 10);
            }
            Files.write(data.resolve(f[0] + "-images-idx3-ubyte"), java.nio.ByteBuffer
                    .allocate(16 + pixels.length).putInt(0x803).putInt(n).putInt(28)
                    .putInt(28).put(pixels).array());
            Files.write(data.resolve(f[0] + "-labels-idx1-ubyte"), java.nio.ByteBuffer
                    .allocate(8 + n).putInt(0x801).putInt(n).put(labels).array());
        }
        Result b = run("bench", "--data", data.toString(), "--ed", "2", "--batch", "10",
                "--repeats", "1");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).containsPattern("(?m)^seed=1$").contains("train_samples_per_s=");
    }
}
