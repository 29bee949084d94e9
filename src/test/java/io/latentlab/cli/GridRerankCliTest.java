package io.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchReport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, item 2: {@code grid-search --rerank} and {@code --baseline-margin}. */
class GridRerankCliTest {

    /** A copy of the shipped ED=4 search (older format: no data checksum, no baselines). */
    private static Path shippedEd4(Path tmp) throws Exception {
        Path csv = tmp.resolve("ed4.csv");
        Files.copy(Path.of("docs/grid-search/ed4.csv"), csv);
        Files.copy(Path.of("docs/grid-search/ed4-curves.csv"), tmp.resolve("ed4-curves.csv"));
        return csv;
    }

    @Test
    void rerankJudgesASavedSearchAgainWithoutTraining(@TempDir Path tmp) throws Exception {
        Path csv = shippedEd4(tmp);
        byte[] curves = Files.readAllBytes(GridSearchReport.curvesPath(csv));
        CliTest.Result r = CliTest.run("grid-search", "--out", csv.toString(), "--rerank");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("note: " + csv + " does not record its data; the "
                + "mean-image baselines are computed on ")
                .contains("re-ranked " + csv + ": 5 of 9 settings discarded (the file had 0)")
                .contains("0.01       0.001      0.063785     0.000111     -    discarded: fold "
                        + "1: validation MSE 0.0638 is not 10% below the mean-image baseline "
                        + "0.0673 (never learned)")
                .contains("winner: lr=0.01 wd=0.0001").doesNotContain("fit 1/")
                .contains("saved=" + csv.toAbsolutePath());
        // rewritten in the current format with the baselines; the curves are the same
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo(GridSearchReport.SUMMARY_HEADER);
        assertThat(Files.readAllBytes(GridSearchReport.curvesPath(csv))).isEqualTo(curves);
        GridSearch.Result saved = GridSearchReport.read(csv);
        assertThat(saved.baselines()).hasSize(3);
        assertThat(saved.ranking()).hasSize(4);
        assertThat(saved.dataSha256()).isNull();

        // a threshold given replaces the file's: lr=0.001 wd=0.0001 is 33.7% below on its
        // worst fold, so a 40% margin discards it too
        CliTest.Result stricter = CliTest.run("grid-search", "--out", csv.toString(),
                "--rerank", "--baseline-margin", "0.4");
        assertThat(stricter.code()).as(stricter.err()).isZero();
        assertThat(stricter.out()).contains("re-ranked " + csv + ": 6 of 9 settings discarded "
                + "(the file had 5)").contains("is not 40% below");
        assertThat(GridSearchReport.read(csv).options().baselineMargin()).isEqualTo(0.4);
        // a grid option given must be the file's own
        CliTest.Result ed = CliTest.run("grid-search", "--out", csv.toString(), "--rerank",
                "--ed", "2");
        assertThat(ed.code()).isEqualTo(2);
        assertThat(ed.err().strip()).isEqualTo("error: " + csv + ": was written with --ed 4, "
                + "this run has --ed 2 (--rerank judges the file's own grid: leave the option "
                + "out)");
    }

    @Test
    void rerankNeverWritesOverAFileThatIsNotASavedSearch(@TempDir Path tmp) throws Exception {
        Path other = Files.writeString(tmp.resolve("notes.csv"), "a,b\n1,2\n");
        CliTest.Result r = CliTest.run("grid-search", "--out", other.toString(), "--rerank");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: " + other + ": not a Latent Lab "
                + "grid-search file");
        assertThat(Files.readString(other)).isEqualTo("a,b\n1,2\n");

        Path none = tmp.resolve("none.csv");
        CliTest.Result missing = CliTest.run("grid-search", "--out", none.toString(),
                "--rerank");
        assertThat(missing.err().strip()).isEqualTo("error: " + none + ": no such file "
                + "(--rerank judges a saved search again)");
        assertThat(none).doesNotExist();

        Path csv = shippedEd4(tmp);
        CliTest.Result both = CliTest.run("grid-search", "--out", csv.toString(), "--rerank",
                "--resume");
        assertThat(both.err().strip()).isEqualTo("error: --rerank and --resume do not go "
                + "together: --rerank trains nothing");
        assertThat(Files.readAllLines(csv).get(0)).isNotEqualTo(
                GridSearchReport.SUMMARY_HEADER);
    }

    @Test
    void theMarginIsValidatedAndItsDefaultShown(@TempDir Path tmp) {
        CliTest.Result help = CliTest.run("grid-search", "--help");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("--baseline-margin=FRACTION")
                .contains("mean-image baseline").contains("(default: 0.1)")
                .contains("--rerank");
        for (String bad : new String[] {"1", "2.5"}) {
            CliTest.Result r = CliTest.run("grid-search", "--baseline-margin", bad, "--out",
                    tmp.resolve("g.csv").toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("error: baseline margin must be a number "
                    + "below 1 (a fraction of the mean-image baseline), got "
                    + Double.parseDouble(bad));
        }
        assertThat(tmp.resolve("g.csv")).doesNotExist();
    }
}
