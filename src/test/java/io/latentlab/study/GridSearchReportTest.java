package io.latentlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static GridSearch.FoldCurve curve(int fold, double... val) {
        double[] train = new double[val.length];
        for (int i = 0; i < val.length; i++) {
            train[i] = val[i] * 0.9;
        }
        return new GridSearch.FoldCurve(fold, train, val);
    }

    /** lr 1e-2 best (0.03), 1e-3 second (0.05), lr 1 diverged on fold 2 at epoch 2. */
    static GridSearch.Result result() {
        List<GridSearch.SettingResult> settings = List.of(
                GridSearch.evaluate(1e-2, 1e-5, List.of(curve(0, 0.1, 0.05, 0.03),
                        curve(1, 0.1, 0.04, 0.03)), 0.1, 0.25),
                GridSearch.evaluate(1e-3, 1e-5, List.of(curve(0, 0.1, 0.07, 0.05),
                        curve(1, 0.1, 0.06, 0.05)), 0.1, 0.25),
                GridSearch.evaluate(1.0, 1e-5, List.of(curve(0, 0.2, 0.05, 0.04),
                        curve(1, 0.2, Double.NaN, Double.NaN)), 0.1, 0.25));
        return GridSearch.rank(OPTIONS, settings);
    }

    @Test
    void readsBackWhatItWrote(@TempDir Path tmp) throws IOException {
        GridSearch.Result written = result();
        Path csv = tmp.resolve("grid.csv");
        GridSearchReport.write(written, csv);
        assertThat(Files.readAllLines(csv).get(1)).endsWith(",1,4,3,500,9,600,0.1,0.25");

        GridSearch.Result read = GridSearchReport.read(csv);

        assertThat(read.options()).isEqualTo(OPTIONS);
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
        // make lr=0.001 the better setting in the curves: it now ranks 1, the summary says 2
        String text = Files.readString(curves).replace("0.001,0.00001,1,3,0.045000000000000005,0.05",
                "0.001,0.00001,1,3,0.0045,0.005");
        assertThat(text).isNotEqualTo(Files.readString(curves));
        Files.writeString(curves, text);
        assertThatThrownBy(() -> GridSearchReport.read(csv)).isInstanceOf(IOException.class)
                .hasMessage(csv + ": lr=0.01 wd=0.00001 is stored as discarded=false rank 1 but "
                        + "its curves give discarded=false rank 2 (was one of the files edited?)");
    }
}
