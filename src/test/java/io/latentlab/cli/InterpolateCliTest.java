package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.cli.CliTest.Result;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code interpolate} on the shipped models/ed4. */
class InterpolateCliTest {

    @Test
    void writesAFigureOfTwoRowsWithOneColumnPerStep(@TempDir Path tmp) throws Exception {
        Path ten = tmp.resolve("ten.png");
        Result r = CliTest.run("interpolate", "--model", "models/ed4", "--from", "3", "--to",
                "7", "--out", ten.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        // test digit 3 is a 0, test digit 7 a 9
        assertThat(r.out().strip()).isEqualTo("wrote=" + ten.toAbsolutePath().normalize()
                + " steps=10 from=3 (label 0) to=7 (label 9)");
        Path four = tmp.resolve("four.png");
        assertThat(CliTest.run("interpolate", "--model", "models/ed4", "--from", "3", "--to",
                "7", "--steps", "4", "--out", four.toString()).code()).isZero();
        BufferedImage a = ImageIO.read(ten.toFile());
        BufferedImage b = ImageIO.read(four.toFile());
        // two rows of 84-pixel digits (scale 3) with 4-pixel gaps, under a title and labels
        int cell = 28 * InterpolateCommand.SCALE + 4;
        assertThat(a.getHeight()).isEqualTo(34 + 20 + 2 * cell + 8);
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        assertThat(a.getWidth() - b.getWidth()).isEqualTo(6 * cell);
        assertThat(b.getWidth()).isGreaterThan(4 * cell);
    }

    @Test
    void badValuesAreNamedAndAnExistingFileIsKept(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("x.png");
        Result index = CliTest.run("interpolate", "--model", "models/ed4", "--from", "10000",
                "--to", "7", "--out", out.toString());
        assertThat(index.code()).isEqualTo(2);
        assertThat(index.err().strip()).isEqualTo(
                "error: --from 10000 is not a test index: they run from 0 to 9999");
        Result steps = CliTest.run("interpolate", "--model", "models/ed4", "--from", "1",
                "--to", "-1", "--steps", "1", "--out", out.toString());
        assertThat(steps.err().strip()).isEqualTo("error: --steps must be between 2 and 50, got 1");
        Files.writeString(out, "not ours");
        Result exists = CliTest.run("interpolate", "--model", "models/ed4", "--from", "1",
                "--to", "2", "--out", out.toString());
        assertThat(exists.code()).isEqualTo(2);
        assertThat(exists.err().strip()).isEqualTo("error: " + out
                + ": already exists (use --force to replace it)");
        assertThat(Files.readString(out)).isEqualTo("not ours");
        assertThat(CliTest.run("interpolate", "--model", "models/ed4", "--from", "1", "--to",
                "2", "--out", out.toString(), "--force").code()).isZero();
        assertThat(ImageIO.read(out.toFile()).getWidth()).isGreaterThan(0);
    }
}
