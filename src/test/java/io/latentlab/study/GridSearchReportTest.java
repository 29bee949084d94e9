package io.latentlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridSearchReportTest {

    private static final GridSearch.Options OPTIONS = GridSearch.Options.builder(4)
            .learningRates(1e-2, 1e-3, 1.0).weightDecays(1e-5).folds(2).epochs(3).batchSize(500)
            .seed(9).trainLimit(600).build();
    private static final String SHA = "ab".repeat(32);

    private static GridSearch.FoldCurve curve(int fold, double... val) {
        double[] train = new double[val.length];
        for (int i = 0; i < val.length; i++) {
            train[i] = val[i] * 0.9;
        }
        return new GridSearch.FoldCurve(fold, train, val);
    }

    /** lr 1e-2 best (0.03), 1e-3 second (0.05), lr 1 diverged on fold 2 at epoch 2. */
    static GridSearch.Result result() {
        return GridSearch.rank(OPTIONS, settings(), SHA);
    }

    private static List<GridSearch.SettingResult> settings() {
        return List.of(
                GridSearch.evaluate(1e-2, 1e-5, List.of(curve(0, 0.1, 0.05, 0.03),
                        curve(1, 0.1, 0.04, 0.03)), 0.1, 0.25),
                GridSearch.evaluate(1e-3, 1e-5, List.of(curve(0, 0.1, 0.07, 0.05),
                        curve(1, 0.1, 0.06, 0.05)), 0.1, 0.25),
                GridSearch.evaluate(1.0, 1e-5, List.of(curve(0, 0.2, 0.05, 0.04),
                        curve(1, 0.2, Double.NaN, Double.NaN)), 0.1, 0.25));
    }

    @Test
    void readsBackWhatItWrote(@TempDir Path tmp) throws IOException {
        GridSearch.Result written = result();
        Path csv = tmp.resolve("grid.csv");
        GridSearchReport.write(written, csv);
        // the options, the whole grid and the data's checksum, on every row
        // (and the baseline margin; the fold's baseline is unknown here)
        assertThat(Files.readAllLines(csv).get(1)).endsWith(",1,4,3,500,9,600,0.1,0.25,2,"
                + "0.01 0.001 1,0.00001," + SHA + ",0.1,");

        GridSearch.Result read = GridSearchReport.read(csv);

        assertThat(read.options()).isEqualTo(OPTIONS);
        assertThat(read.dataSha256()).isEqualTo(SHA);
        assertThat(read.settings()).extracting(GridSearch.SettingResult::label).containsExactly(
                "lr=0.01 wd=0.00001", "lr=0.001 wd=0.00001", "lr=1 wd=0.00001");
        assertThat(read.ranking()).extracting(GridSearch.SettingResult::label).containsExactly(
                "lr=0.01 wd=0.00001", "lr=0.001 wd=0.00001");
        assertThat(read.winner().label()).isEqualTo("lr=0.01 wd=0.00001");
        assertThat(read.why()).isEqualTo(written.why())
                .startsWith("lr=0.01 wd=0.00001 has the lowest mean validation MSE 0.030000");
        assertThat(read.settings().get(2).reason()).isEqualTo("non-finite loss on fold 2 at epoch 2");
        for (int i = 0; i < 3; i++) {
            for (int f = 0; f < 2; f++) {
                GridSearch.FoldCurve a = written.settings().get(i).folds().get(f);
                GridSearch.FoldCurve b = read.settings().get(i).folds().get(f);
                assertThat(b.fold()).isEqualTo(f);
                assertThat(b.train()).containsExactly(a.train());
                assertThat(b.validation()).containsExactly(a.validation());
            }
        }
        assertThat(read.settings().get(0).meanValMse()).isEqualTo(0.03);
    }

    @Test
    void aMissingCurvesFileIsNamed(@TempDir Path tmp) throws IOException {
        Path csv = tmp.resolve("grid.csv");
        GridSearchReport.write(result(), csv);
        Files.delete(tmp.resolve("grid-curves.csv"));
        assertThatThrownBy(() -> GridSearchReport.read(csv)).isInstanceOf(IOException.class)
                .hasMessage(tmp.resolve("grid-curves.csv") + ": no such file (the per-epoch "
                        + "curves of grid.csv are read from it)");
    }

    @Test
    void anotherCsvIsRejectedByItsHeader(@TempDir Path tmp) throws IOException {
        Path csv = tmp.resolve("noise.csv");
        Files.writeString(csv, "noise,ed4\nnone,0.02\n");
        assertThatThrownBy(() -> GridSearchReport.read(csv)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(csv + ": not a Latent Lab grid-search file (its first "
                        + "line should be \"lr,wd,fold,");
        assertThatThrownBy(() -> GridSearchReport.read(tmp.resolve("none.csv")))
                .hasMessage(tmp.resolve("none.csv") + ": no such file");
    }

    @Test
    void badNumbersAndMissingEpochsAreReportedWithTheirRow(@TempDir Path tmp)
            throws IOException {
        Path csv = tmp.resolve("grid.csv");
        GridSearchReport.write(result(), csv);
        Path curves = tmp.resolve("grid-curves.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(curves));
        // data row 2: lr=0.01, fold 1, epoch 2
        lines.set(2, lines.get(2).replace(",0.05", ",abc"));
        Files.write(curves, lines);
        assertThatThrownBy(() -> GridSearchReport.read(csv))
                .hasMessage(curves + ": data row 2: 'abc' is not a number");

        lines.remove(2);
        Files.write(curves, lines);
        assertThatThrownBy(() -> GridSearchReport.read(csv))
                .hasMessage(curves + ": no row for lr=0.01 wd=0.00001 fold 1 epoch 2");
    }

    @Test
    void aSummaryThatDisagreesWithItsCurvesIsRejected(@TempDir Path tmp) throws IOException {
        Path csv = tmp.resolve("grid.csv");
        GridSearchReport.write(result(), csv);
        Path curves = tmp.resolve("grid-curves.csv");
        // the last epoch of lr=0.001 fold 1 in the curves is not the summary's final MSE
        String text = Files.readString(curves).replace("0.001,0.00001,1,3,0.045000000000000005,0.05",
                "0.001,0.00001,1,3,0.0045,0.005");
        assertThat(text).isNotEqualTo(Files.readString(curves));
        Files.writeString(curves, text);
        assertThatThrownBy(() -> GridSearchReport.read(csv)).isInstanceOf(IOException.class)
                .hasMessage(csv + ": lr=0.001 wd=0.00001 fold 1: final MSE (train "
                        + "0.045000000000000005, validation 0.05) differs from the last epoch "
                        + "of grid-curves.csv (train 0.0045, validation 0.005); was one of the "
                        + "files edited?");

        // a rank edited in the summary
        GridSearchReport.write(result(), csv);
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",", -1);
            if (f[0].equals("0.01")) {
                f[10] = "2";
            }
            rows.add(String.join(",", f));
        }
        Files.write(csv, rows);
        assertThatThrownBy(() -> GridSearchReport.read(csv)).isInstanceOf(IOException.class)
                .hasMessage(csv + ": lr=0.01 wd=0.00001 is stored as discarded=false rank 2 but "
                        + "its curves give discarded=false rank 1 (was one of the files edited?)");
    }

    @Test
    void readsTheShippedSearchesOfTheOlderFormat() throws IOException {
        // written before the grid and the data's checksum were recorded
        Path csv = Path.of("docs/grid-search/ed2.csv");
        assertThat(Files.readAllLines(csv).get(0))
                .isEqualTo(GridSearchReport.LEGACY_SUMMARY_HEADER);
        for (int ed : new int[] {4, 8, 16, 32}) {
            assertThat(GridSearchReport.read(Path.of("docs/grid-search/ed" + ed + ".csv"))
                    .options()).isEqualTo(GridSearch.Options.defaults(ed));
        }
        GridSearch.Result r = GridSearchReport.read(csv);
        assertThat(r.options()).isEqualTo(GridSearch.Options.defaults(2));
        assertThat(r.dataSha256()).isNull();
        assertThat(r.settings()).hasSize(9);
        assertThat(r.winner().label()).isEqualTo("lr=0.01 wd=0.00001");
        assertThat(GridSearchReport.isSummaryHeader(GridSearchReport.LEGACY_SUMMARY_HEADER))
                .isTrue();
    }

    /** Two 28x28 digits, blank and with 40 white pixels: every fold's baseline is 40/784. */
    private static MnistData twoDigits(Path dir, String sha) {
        float[] px = new float[2 * 784];
        for (int p = 0; p < 40; p++) {
            px[784 + p] = 1;
        }
        Dataset ds = new Dataset("train", px, new byte[2], 28, 28);
        return new MnistData(ds, ds, dir, sha);
    }

    @Test
    void aSummaryWithoutBaselinesLoadsAndIsJudgedOnItsData(@TempDir Path tmp)
            throws IOException {
        GridSearch.Options two = OPTIONS.toBuilder().trainLimit(0).build();
        Path csv = tmp.resolve("grid.csv");
        GridSearchReport.write(GridSearch.rank(two, settings(), SHA), csv);
        // the format before the baseline rule: without its two last columns
        List<String> v2 = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            v2.add(line.substring(0, line.lastIndexOf(',', line.lastIndexOf(',') - 1)));
        }
        assertThat(v2.get(0)).isEqualTo(GridSearchReport.V2_SUMMARY_HEADER);
        Files.write(csv, v2);
        byte[] before = Files.readAllBytes(csv);

        GridSearch.Result stored = GridSearchReport.read(csv);
        assertThat(stored.baselines()).isNull();
        assertThat(stored.options().baselineMargin()).isEqualTo(0.1);
        assertThat(stored.ranking()).hasSize(2);

        // 40/784 = 0.0510 and 10% below it 0.0459: lr 1e-3 (0.05 on both folds) never learned
        GridSearch.Result judged = GridSearchReport.read(csv, twoDigits(tmp, SHA));
        assertThat(judged.baselines()).containsExactly(40 / 784.0, 40 / 784.0);
        assertThat(judged.ranking()).extracting(GridSearch.SettingResult::label)
                .containsExactly("lr=0.01 wd=0.00001");
        assertThat(judged.settings().get(1).reason()).isEqualTo("fold 1: validation MSE 0.0500 "
                + "is not 10% below the mean-image baseline 0.0510 (never learned)");
        assertThat(Files.readAllBytes(csv)).isEqualTo(before);
        // without data it reads as stored; on other data it is refused
        assertThat(GridSearchReport.read(csv, null).baselines()).isNull();
        assertThatThrownBy(() -> GridSearchReport.read(csv, twoDigits(tmp, "cd".repeat(32))))
                .isInstanceOf(IOException.class).hasMessage(csv + ": was computed on data with "
                        + "SHA-256 " + SHA + ", not on " + tmp + " (SHA-256 " + "cd".repeat(32)
                        + "), so its mean-image baselines cannot be computed");

        // written again, the baselines are stored and read back as they are
        GridSearchReport.write(judged, csv);
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo(GridSearchReport.SUMMARY_HEADER)
                .endsWith(",data_sha256,baseline_margin,baseline_mse");
        assertThat(Files.readAllLines(csv).get(1)).endsWith("," + SHA + ",0.1,"
                + 40 / 784.0);
        GridSearch.Result again = GridSearchReport.read(csv);
        assertThat(again.baselines()).isEqualTo(judged.baselines());
        assertThat(GridSearchReport.summaryCsv(again)).isEqualTo(
                GridSearchReport.summaryCsv(judged));
    }

    @Test
    void aBaselineThatDiffersBetweenRowsOfOneFoldIsRejected(@TempDir Path tmp)
            throws IOException {
        Path csv = tmp.resolve("grid.csv");
        GridSearchReport.write(GridSearch.rank(OPTIONS, settings(), SHA, List.of(0.06, 0.07)),
                csv);
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        // data row 3: lr=0.001, fold 1
        assertThat(lines.get(3)).startsWith("0.001,0.00001,1,").endsWith(",0.06");
        lines.set(3, lines.get(3).substring(0, lines.get(3).length() - 4) + "0.05");
        Files.write(csv, lines);
        assertThatThrownBy(() -> GridSearchReport.read(csv)).hasMessage(csv + ": data row 3: "
                + "baseline_mse '0.05' of fold 1 differs from data row 1's '0.06'");
    }

    /**
     * The shipped searches, written before the mean-image rule (0 of 9 discarded), judged on
     * the shipped data: the settings that sit on the mean image are discarded, the winners
     * stay.
     */
    @Test
    void theShippedSearchesLoseExactlyTheSettingsThatNeverLearned() throws IOException {
        MnistData mnist = io.latentlab.data.TestMnist.shipped();
        GridSearch.Result ed4 = GridSearchReport.read(Path.of("docs/grid-search/ed4.csv"),
                mnist);
        assertThat(ed4.baselines()).hasSize(3).allSatisfy(b -> assertThat(b)
                .isBetween(0.0671, 0.0674));
        assertThat(ed4.settings().stream().filter(GridSearch.SettingResult::discarded)
                .map(GridSearch.SettingResult::label)).containsExactly("lr=0.01 wd=0.001",
                "lr=0.001 wd=0.001", "lr=0.0001 wd=0.001", "lr=0.0001 wd=0.0001",
                "lr=0.0001 wd=0.00001");
        assertThat(ed4.settings().get(0).reason()).isEqualTo("fold 1: validation MSE 0.0638 "
                + "is not 10% below the mean-image baseline 0.0673 (never learned)");
        assertThat(ed4.ranking()).extracting(GridSearch.SettingResult::label).containsExactly(
                "lr=0.01 wd=0.0001", "lr=0.01 wd=0.00001", "lr=0.001 wd=0.00001",
                "lr=0.001 wd=0.0001");
        // every ED: discarded are the settings ending at 0.062 or more, kept those at 0.055
        // or less; the winners are the files' own
        for (int ed : new int[] {2, 4, 8, 16, 32}) {
            Path csv = Path.of("docs/grid-search/ed" + ed + ".csv");
            GridSearch.Result r = GridSearchReport.read(csv, mnist);
            for (GridSearch.SettingResult s : r.settings()) {
                if (s.discarded()) {
                    assertThat(s.meanValMse()).as("ED=%d %s", ed, s.label())
                            .isGreaterThanOrEqualTo(0.062);
                    assertThat(s.reason()).endsWith("(never learned)");
                } else {
                    assertThat(s.meanValMse()).as("ED=%d %s", ed, s.label())
                            .isLessThanOrEqualTo(0.055);
                }
            }
            assertThat(r.winner().label()).isEqualTo(GridSearchReport.read(csv).winner()
                    .label());
        }
    }

    /**
     * A save of three settings over a committed one of two, stopped at each of its file
     * operations (a kill, which leaves its temporary file, or a full disk): the files read back
     * as exactly the earlier search or exactly the new one, and the stale temporary files of
     * the two files (only theirs) are removed.
     */
    @Test
    void aSaveStoppedAtAnyOperationLeavesTheEarlierSearchOrTheNewOne(@TempDir Path tmp)
            throws IOException {
        GridSearch.Result before = GridSearch.rank(OPTIONS, settings().subList(0, 2), SHA);
        GridSearch.Result after = result();
        for (GridSearchFailingOps.Mode mode : GridSearchFailingOps.Mode.values()) {
            int failures = 0;
            for (int n = 1; ; n++) {
                Path dir = tmp.resolve(mode + "-" + n);
                Path csv = dir.resolve("grid.csv");
                GridSearchReport.write(before, csv);
                Path foreign = Files.writeString(dir.resolve(".notes.txt.1.tmp"), "not ours");
                try {
                    GridSearchReport.write(new GridSearchFailingOps(n, mode), after, csv);
                    break;
                } catch (IOException | GridSearchFailingOps.Killed e) {
                    failures++;
                }
                GridSearch.Result read = GridSearchReport.read(csv);
                GridSearch.Result expected = read.settings().size() == 2 ? before : after;
                assertThat(GridSearchReport.summaryCsv(read)).as("%s at op %d", mode, n)
                        .isEqualTo(GridSearchReport.summaryCsv(expected));
                for (int i = 0; i < expected.settings().size(); i++) {
                    for (int f = 0; f < 2; f++) {
                        GridSearch.FoldCurve a = expected.settings().get(i).folds().get(f);
                        GridSearch.FoldCurve b = read.settings().get(i).folds().get(f);
                        assertThat(b.train()).containsExactly(a.train());
                        assertThat(b.validation()).containsExactly(a.validation());
                    }
                }
                // the summary's rename (op 5) commits: a failure after it finds the new search
                assertThat(read.settings()).as("%s at op %d", mode, n)
                        .hasSize(n >= 6 ? 3 : 2);
                GridSearchReport.removeStaleTemps(csv);
                try (var files = Files.list(dir)) {
                    assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                            .as("%s at op %d", mode, n)
                            .containsExactly(".notes.txt.1.tmp", "grid-curves.csv", "grid.csv");
                }
                assertThat(foreign).exists();
            }
            // two files of three operations each (write, rename, folder sync)
            assertThat(failures).as(mode.name()).isEqualTo(6);
        }
    }
}
