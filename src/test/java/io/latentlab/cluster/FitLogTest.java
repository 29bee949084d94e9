package io.latentlab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.study.GridSearch;
import io.latentlab.study.GridTrial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitLogTest {

    @TempDir
    Path tmp;

    private static GridSearch.Options options(int epochs) {
        return GridSearch.Options.builder(4).learningRates(List.of(1e-2, 1e-3))
                .weightDecays(List.of(1e-4)).folds(2).epochs(epochs).batchSize(100).build();
    }

    @Test
    void savesEachFitAndReadsItBackExactly() throws Exception {
        SearchSpec spec = SearchSpec.of(options(2), "abc");
        Path file = FitLog.pathFor(tmp.resolve("grid.csv"));
        assertThat(file.getFileName().toString()).isEqualTo("grid-fits.csv");
        FitLog log = FitLog.open(file, spec, false);
        GridTrial a = new GridTrial(1e-2, 1e-4, 1);
        GridTrial b = new GridTrial(1e-3, 1e-4, 0);
        log.add(a, new GridSearch.FoldCurve(1, new double[] {0.1 / 3, 0.2},
                new double[] {Math.PI / 100, Double.NaN}));
        log.add(b, new GridSearch.FoldCurve(0, new double[] {1e-7, 2.5e-3},
                new double[] {0.05, 0.04}));
        FitLog again = FitLog.open(file, spec, true);
        assertThat(again.fits()).containsOnlyKeys(a, b);
        assertThat(again.fits().get(a).train()).containsExactly(0.1 / 3, 0.2);
        assertThat(again.fits().get(a).validation()).containsExactly(Math.PI / 100, Double.NaN);
        assertThat(again.fits().get(b).fold()).isZero();
        again.delete();
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesAnEarlierSearchsFileWithoutResumeAnotherSearchsAndForeignFiles()
            throws Exception {
        SearchSpec spec = SearchSpec.of(options(2), "abc");
        Path file = tmp.resolve("grid-fits.csv");
        FitLog.open(file, spec, false).add(new GridTrial(1e-2, 1e-4, 0),
                new GridSearch.FoldCurve(0, new double[] {1, 2}, new double[] {1, 2}));
        assertThatThrownBy(() -> FitLog.open(file, spec, false))
                .hasMessage(file + ": holds fits of an interrupted search (use --resume to "
                        + "continue it, or another --out)");
        assertThatThrownBy(() -> FitLog.open(file, SearchSpec.of(options(3), "abc"), true))
                .hasMessage(file + ": holds fits of another search (other options or data); "
                        + "delete it to start again");
        assertThatThrownBy(() -> FitLog.open(file, SearchSpec.of(options(2), "abd"), true))
                .hasMessageContaining("holds fits of another search");
        Files.writeString(file, "lr,wd\n");
        assertThatThrownBy(() -> FitLog.open(file, spec, true))
                .hasMessage(file + ": not a grid-search fits file, left as it is (use another "
                        + "--out)");
        assertThat(Files.readString(file)).isEqualTo("lr,wd\n");
    }

    @Test
    void aFitWithMissingEpochsIsNamed() throws Exception {
        SearchSpec spec = SearchSpec.of(options(2), "abc");
        Path file = tmp.resolve("grid-fits.csv");
        Files.writeString(file, "# latent-lab grid-search fits, search " + spec.id() + "\n"
                + "lr,wd,fold,epoch,train,validation\n0.01,1.0E-4,0,1,0.5,0.5\n");
        assertThatThrownBy(() -> FitLog.open(file, spec, true))
                .hasMessage(file + ": lr=0.01 wd=0.0001 fold 1 has 1 epochs, expected 2");
        Files.writeString(file, "# latent-lab grid-search fits, search " + spec.id() + "\n"
                + "lr,wd,fold,epoch,train,validation\n0.01,1.0E-4,0,x,0.5,0.5\n");
        assertThatThrownBy(() -> FitLog.open(file, spec, true))
                .hasMessageStartingWith(file + ": line 3: ");
    }
}
