package io.latentlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.latentlab.data.MnistData;
import io.latentlab.training.TrainingControl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridSearchTest {

    private static MnistData mnist;

    @BeforeAll
    static void load() throws Exception {
        mnist = io.latentlab.data.TestMnist.shipped();
    }

    private static GridSearch.FoldCurve curve(int fold, double... val) {
        double[] train = new double[val.length];
        for (int i = 0; i < val.length; i++) {
            train[i] = val[i] * 0.9;
        }
        return new GridSearch.FoldCurve(fold, train, val);
    }

    private static GridSearch.SettingResult setting(double lr, GridSearch.FoldCurve... folds) {
        return GridSearch.evaluate(lr, 1e-4, List.of(folds), 0.1, 0.25);
    }

    @Test
    void discardsAFinalValidationLossAboveTheThreshold() {
        GridSearch.SettingResult s = setting(1e-2, curve(0, 0.2, 0.05, 0.04),
                curve(1, 0.2, 0.15, 0.12));
        assertThat(s.discarded()).isTrue();
        assertThat(s.reason()).isEqualTo("final validation MSE 0.1200 > 0.1 on fold 2");
        assertThat(s.meanValMse()).isCloseTo(0.08, within(1e-12));
        // gaps: 0.04 * 0.1 and 0.12 * 0.1
        assertThat(s.meanGap()).isCloseTo(0.008, within(1e-12));
    }

    @Test
    void discardsAStronglyOscillatingValidationCurve() {
        // last half starts at epoch 6 (0.040); rises 0.010 + 0.006 = 0.016 > 25% of 0.040
        GridSearch.SettingResult bad = setting(1e-2, curve(0, 0.09, 0.08, 0.07, 0.06, 0.05,
                0.040, 0.050, 0.040, 0.046, 0.040));
        assertThat(bad.discarded()).isTrue();
        assertThat(bad.reason()).startsWith("oscillates on fold 1: validation MSE rose by 0.0160")
                .contains("epochs 6-10").contains("> 25% of 0.0400");
        // rises 0.002 + 0.003 = 0.005 <= 0.010: kept
        GridSearch.SettingResult ok = setting(1e-2, curve(0, 0.09, 0.08, 0.07, 0.06, 0.05,
                0.040, 0.042, 0.040, 0.043, 0.039));
        assertThat(ok.discarded()).isFalse();
        assertThat(ok.reason()).isNull();
        // the same curve with a stricter threshold (10%: 0.004) is discarded
        assertThat(GridSearch.evaluate(1e-2, 0, List.of(ok.folds().get(0)), 0.1, 0.1)
                .discarded()).isTrue();
    }

    @Test
    void discardsNonFiniteLosses() {
        GridSearch.SettingResult s = setting(1, curve(0, 0.05, Double.NaN, Double.NaN));
        assertThat(s.discarded()).isTrue();
        assertThat(s.reason()).isEqualTo("non-finite loss on fold 1 at epoch 2");
    }

    @Test
    void keptSettingsAreRankedByMeanValidationMse() {
        GridSearch.SettingResult a = setting(1e-2, curve(0, 0.05, 0.03), curve(1, 0.05, 0.03));
        GridSearch.SettingResult b = setting(1e-3, curve(0, 0.05, 0.01), curve(1, 0.05, 0.03));
        GridSearch.SettingResult c = setting(1e-4, curve(0, 0.05, 0.025), curve(1, 0.05, 0.025));
        GridSearch.SettingResult d = setting(1e-5, curve(0, 0.5, 0.5), curve(1, 0.05, 0.01));
        GridSearch.Result r = GridSearch.rank(GridSearch.Options.defaults(2), List.of(a, b, c, d));
        assertThat(r.ranking()).containsExactly(b, c, a);
        assertThat(r.winner()).isSameAs(b);
        assertThat(r.rank(d)).isZero();
        assertThat(r.why()).isEqualTo("lr=0.001 wd=0.0001 has the lowest mean validation MSE "
                + "0.020000 over 2 folds; 3 kept, 1 discarded");
        String table = GridSearchReport.table(r);
        assertThat(table.lines().count()).isEqualTo(6);
        assertThat(table).contains("winner: lr=0.001 wd=0.0001");
    }

    @Test
    void nearTiesAreBrokenByTheSmallerGap() {
        GridSearch.FoldCurve wide = new GridSearch.FoldCurve(0, new double[] {0.015},
                new double[] {0.0200});
        GridSearch.FoldCurve narrow = new GridSearch.FoldCurve(0, new double[] {0.0200},
                new double[] {0.0201});
        GridSearch.SettingResult a = GridSearch.evaluate(1e-2, 0, List.of(wide), 0.1, 0.25);
        GridSearch.SettingResult b = GridSearch.evaluate(1e-3, 0, List.of(narrow), 0.1, 0.25);
        GridSearch.SettingResult c = GridSearch.evaluate(1e-4, 0, List.of(
                new GridSearch.FoldCurve(0, new double[] {0.03}, new double[] {0.03})), 0.1, 0.25);
        GridSearch.Result r = GridSearch.rank(GridSearch.Options.defaults(2), List.of(a, c, b));
        // 0.0201 is within 1% of 0.0200; gaps 0.005 vs 0.0001
        assertThat(r.ranking()).containsExactly(b, a, c);
        assertThat(r.why()).startsWith("lr=0.001 wd=0 is within 1% of the lowest mean "
                + "validation MSE (0.020100 vs 0.020000, lr=0.01 wd=0) and has the smaller "
                + "train/validation gap (0.000100 vs 0.005000)");
    }

    @Test
    void allDiscardedMeansNoWinner() {
        GridSearch.Result r = GridSearch.rank(GridSearch.Options.defaults(2),
                List.of(setting(1, curve(0, 0.5))));
        assertThat(r.winner()).isNull();
        assertThat(r.why()).isEqualTo("no setting kept: all 1 were discarded");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> GridSearch.Options.builder(2).learningRates(-1.0)
                .weightDecays(0.0).folds(2).epochs(1).batchSize(100).build()).hasMessageContaining("learning rates must be in (0, 10]");
        assertThatThrownBy(() -> GridSearch.Options.builder(2).learningRates(1e-2)
                .weightDecays(0.0).folds(1).epochs(1).batchSize(100).build()).hasMessageContaining("folds");
        assertThat(GridSearch.Options.defaults(32).fits()).isEqualTo(27);
    }

    @Test
    void repeatedGridValuesAreRefused() {
        // 1e-2 and 0.01 are the same value: the setting would be trained and listed twice
        assertThatThrownBy(() -> GridSearch.Options.builder(2).learningRates(1e-2, 1e-3, 0.01)
                .build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--lr lists 0.01 twice");
        assertThatThrownBy(() -> GridSearch.Options.builder(2).weightDecays(0.0, 1e-5, 0.0)
                .build()).hasMessage("--wd lists 0 twice");
    }

    @Test
    void theOptionsBuilderStartsFromTheStudyGridAndSetsEveryOptionByName() {
        assertThat(GridSearch.Options.builder(8).build()).isEqualTo(new GridSearch.Options(8,
                List.of(1e-2, 1e-3, 1e-4), List.of(1e-3, 1e-4, 1e-5), 3, 20, 1000, 1, 0, 0.1,
                0.25));
        GridSearch.Options o = GridSearch.Options.builder(4).learningRates(0.5)
                .weightDecays(0.0, 1e-2).folds(4).epochs(6).batchSize(50).seed(7)
                .trainLimit(900).maxLoss(0.2).oscillation(0.5).build();
        assertThat(o).isEqualTo(new GridSearch.Options(4, List.of(0.5), List.of(0.0, 1e-2), 4,
                6, 50, 7, 900, 0.2, 0.5));
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThatThrownBy(() -> o.toBuilder().epochs(0).build())
                .hasMessage("epochs must be at least 1, got 0");
    }

    /** Two LRs, one WD, 2 folds of 1 epoch on a subset: a grid that trains in seconds. */
    private static GridSearch.Options tiny(int trainLimit) {
        return GridSearch.Options.builder(2).learningRates(1e-2, 1e-3).weightDecays(1e-4)
                .folds(2).epochs(1).batchSize(100).seed(3).trainLimit(trainLimit).maxLoss(1.0)
                .build();
    }

    @Test
    void tinyRealGridRunsEndToEnd(@TempDir Path tmp) throws Exception {
        GridSearch.Options o = tiny(400);
        List<GridSearch.Progress> events = new ArrayList<>();
        GridSearch.Result r = GridSearch.run(mnist, o, events::add, null);
        assertThat(events).extracting(GridSearch.Progress::fit).containsExactly(1, 2, 3, 4);
        assertThat(events.get(3).fits()).isEqualTo(4);
        assertThat(events.get(3).etaSeconds()).isZero();
        assertThat(r.settings()).hasSize(2);
        for (GridSearch.SettingResult s : r.settings()) {
            assertThat(s.folds()).hasSize(2);
            for (GridSearch.FoldCurve c : s.folds()) {
                assertThat(c.finalTrain()).isFinite().isPositive().isLessThan(1);
                assertThat(c.finalValidation()).isFinite().isPositive().isLessThan(1);
            }
            // the two folds validate on different digits
            assertThat(s.folds().get(0).finalValidation())
                    .isNotEqualTo(s.folds().get(1).finalValidation());
            // one epoch on 200 digits learns nothing: the mean image does better
            assertThat(s.reason()).matches("fold [12]: validation MSE 0\\.\\d{4} is not 10% "
                    + "below the mean-image baseline 0\\.0\\d{3} \\(never learned\\)");
        }
        assertThat(r.winner()).isNull();
        assertThat(r.baselines()).isEqualTo(MeanImageBaseline.perFold(mnist.train(), o));

        Path csv = tmp.resolve("grid.csv");
        GridSearchReport.write(r, csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo(GridSearchReport.SUMMARY_HEADER);
        assertThat(lines.get(1)).startsWith("0.01,0.0001,1,");
        List<String> curves = Files.readAllLines(tmp.resolve("grid-curves.csv"));
        assertThat(curves).hasSize(5);
        assertThat(curves.get(4)).startsWith("0.001,0.0001,2,1,");
        assertThat(Double.parseDouble(curves.get(4).split(",")[5]))
                .isEqualTo(r.settings().get(1).folds().get(1).finalValidation());
    }

    @Test
    void aResumedSearchTrainsOnlyWhatIsLeftAndEndsAsAnUninterruptedOne() throws Exception {
        GridSearch.Options o = tiny(300);
        List<GridSearch.Result> saved = new ArrayList<>();
        GridSearch.Result whole = GridSearch.run(mnist, o, null, null, List.of(),
                saved::add);
        // saved after each setting: first one setting, then both
        assertThat(saved).extracting(r -> r.settings().size()).containsExactly(1, 2);

        List<GridSearch.Progress> events = new ArrayList<>();
        GridSearch.Result resumed = GridSearch.run(mnist, o, events::add, null,
                saved.get(0).settings(), null);
        // only lr=0.001's two fits were trained
        assertThat(events).extracting(e -> e.fit() + "/" + e.fits() + " " + e.label())
                .containsExactly("1/2 lr=0.001 wd=0.0001", "2/2 lr=0.001 wd=0.0001");
        assertThat(resumed.settings().get(0)).isEqualTo(saved.get(0).settings().get(0));
        for (int f = 0; f < 2; f++) {
            assertThat(resumed.settings().get(1).folds().get(f).finalValidation()).isCloseTo(
                    whole.settings().get(1).folds().get(f).finalValidation(), within(1e-7));
        }
        assertThat(resumed.why()).isEqualTo(whole.why());
        assertThat(resumed.baselines()).isEqualTo(whole.baselines());

        GridSearch.Options moreEpochs = tiny(300).toBuilder().epochs(2).build();
        assertThatThrownBy(() -> GridSearch.run(mnist, moreEpochs, null, null,
                saved.get(0).settings(), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lr=0.01 wd=0.0001 (2 folds of 1 epochs) is not part of this grid "
                        + "(2 folds of 2 epochs)");
    }

    @Test
    void aCancelKeepsTheSettingsFinishedBeforeIt() {
        GridSearch.Options o = tiny(300);
        TrainingControl control = new TrainingControl();
        assertThatThrownBy(() -> GridSearch.run(mnist, o, null, control, List.of(),
                soFar -> control.cancel()))
                .isInstanceOfSatisfying(GridSearch.Cancelled.class, c -> {
                    assertThat(c.getMessage()).isEqualTo("grid search cancelled at fit 3 of 4");
                    assertThat(c.partial().settings()).extracting(GridSearch.SettingResult::label)
                            .containsExactly("lr=0.01 wd=0.0001");
                    assertThat(c.partial().baselines()).hasSize(2);
                });
    }

    @Test
    void cancelStopsTheSearch() {
        TrainingControl control = new TrainingControl();
        control.cancel();
        GridSearch.Options o = tiny(100).toBuilder().learningRates(1e-2)
                .maxLoss(0.1).build();
        assertThatThrownBy(() -> GridSearch.run(mnist, o, null, control))
                .isInstanceOf(CancellationException.class).hasMessageContaining("fit 1 of 2")
                .isInstanceOfSatisfying(GridSearch.Cancelled.class,
                        c -> assertThat(c.partial().settings()).isEmpty());
    }

    /**
     * The search killed at each file operation of its saves (after setting 1, after setting
     * 2), as a kill would stop it (the temporary file stays): what {@code grid-search
     * --resume} does then ends with exactly the files of an uninterrupted search.
     */
    @Test
    void aSearchKilledAtAnyOperationOfItsSavesResumesToTheUninterruptedFiles(@TempDir Path tmp)
            throws Exception {
        GridSearch.Options o = tiny(300);
        Path reference = tmp.resolve("reference").resolve("grid.csv");
        GridSearch.run(mnist, o, null, null, List.of(),
                r -> GridSearchReport.write(r, reference));
        String summary = Files.readString(reference);
        String curves = Files.readString(GridSearchReport.curvesPath(reference));
        int kills = 0;
        for (int n = 1; ; n++) {
            Path dir = tmp.resolve("kill-" + n);
            Path csv = dir.resolve("grid.csv");
            GridSearchFailingOps ops = new GridSearchFailingOps(n,
                    GridSearchFailingOps.Mode.KILL);
            try {
                GridSearch.run(mnist, o, null, null, List.of(),
                        r -> GridSearchReport.write(ops, r, csv));
                break; // n is past the last operation: every point has been tried
            } catch (GridSearchFailingOps.Killed e) {
                kills++;
            }
            List<GridSearch.SettingResult> finished = List.of();
            if (Files.exists(csv)) {
                GridSearch.Result earlier = GridSearchReport.read(csv);
                GridSearchResume.checkOptions(csv, earlier, o);
                GridSearchResume.checkData(csv, earlier, mnist.checksum(), mnist.dir());
                finished = earlier.settings();
            }
            GridSearchReport.removeStaleTemps(csv);
            GridSearch.run(mnist, o, null, null, finished,
                    r -> GridSearchReport.write(r, csv));
            assertThat(Files.readString(csv)).as("summary after a kill at op %d", n)
                    .isEqualTo(summary);
            assertThat(Files.readString(GridSearchReport.curvesPath(csv)))
                    .as("curves after a kill at op %d", n).isEqualTo(curves);
            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                        .containsExactly("grid-curves.csv", "grid.csv");
            }
        }
        // two saves of two files, each written, renamed and its folder synced
        assertThat(kills).isEqualTo(12);
    }
}
