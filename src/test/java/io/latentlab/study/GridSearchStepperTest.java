package io.latentlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.latentlab.data.MnistData;
import io.latentlab.model.DjlThread;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stepped grid search against the one-call {@link GridSearch#run}. */
class GridSearchStepperTest {

    private static MnistData mnist;
    /** Two epochs on 150 digits do not beat the mean image: that rule off, for a winner. */
    private static final GridSearch.Options OPTIONS = new GridSearch.Options(2,
            List.of(1e-2, 1e-3), List.of(1e-4), 2, 2, 100, 3, 300, 1.0, 0.25, -10);

    @BeforeAll
    static void load() throws Exception {
        DjlThread.prepareCurrentThread();
        mnist = io.latentlab.data.TestMnist.shipped();
    }

    @Test
    void stepByStepItTrainsExactlyWhatTheOneCallSearchTrains() throws Exception {
        GridSearch.Result whole = GridSearch.run(mnist, OPTIONS, null, null);
        GridSearchStepper run = GridSearch.open(mnist, OPTIONS);
        List<GridSearch.Progress> seen = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        int steps = 0;
        while (run.step()) {
            steps++;
            seen.add(run.progress());
            fractions.add(run.fraction());
        }
        // 4 fits, each: open, 2 epochs of 2 batches (200 digits / 100) plus their evaluations
        assertThat(steps).isEqualTo(4 * (1 + 2 * 3) - 1);
        assertThat(run.isDone()).isTrue();
        assertThat(run.wasStopped()).isFalse();
        assertThat(seen).extracting(GridSearch.Progress::fit).contains(1, 2, 3, 4);
        double last = 0;
        for (double f : fractions) {
            assertThat(f).isBetween(last, 1.0);
            last = f;
        }
        assertThat(run.fraction()).isEqualTo(1.0);

        GridSearch.Result stepped = run.result();
        assertThat(stepped.winner().label()).isEqualTo(whole.winner().label());
        assertThat(stepped.why()).isEqualTo(whole.why());
        assertThat(stepped.baselines()).hasSize(2).isEqualTo(whole.baselines());
        assertThat(stepped.dataSha256()).isEqualTo(mnist.checksum())
                .isEqualTo(whole.dataSha256());
        for (int s = 0; s < 2; s++) {
            for (int f = 0; f < 2; f++) {
                GridSearch.FoldCurve a = stepped.settings().get(s).folds().get(f);
                GridSearch.FoldCurve b = whole.settings().get(s).folds().get(f);
                for (int e = 0; e < 2; e++) {
                    assertThat(a.validation()[e]).isCloseTo(b.validation()[e], within(1e-7));
                    assertThat(a.train()[e]).isCloseTo(b.train()[e], within(1e-7));
                }
            }
        }
    }

    @Test
    void aCancelKeepsTheSettingsFinishedBeforeIt() throws Exception {
        GridSearchStepper run = GridSearch.open(mnist, OPTIONS);
        // through the first setting (fits 1 and 2) and into the third fit
        while (run.progress().fit() < 3 || run.progress().epoch() < 1) {
            assertThat(run.step()).isTrue();
        }
        assertThat(run.partial().settings()).extracting(GridSearch.SettingResult::label)
                .containsExactly("lr=0.01 wd=0.0001");
        run.cancel();
        assertThat(run.step()).isFalse();
        assertThat(run.wasStopped()).isTrue();
        assertThat(run.step()).isFalse();
        assertThat(run.partial().winner().label()).isEqualTo("lr=0.01 wd=0.0001");
        assertThat(run.partial().settings()).hasSize(1);
    }

    @Test
    void aCancelBeforeTheFirstStepTrainsNothing() throws Exception {
        GridSearchStepper run = GridSearch.open(mnist, OPTIONS);
        run.cancel();
        assertThat(run.step()).isFalse();
        assertThat(run.wasStopped()).isTrue();
        assertThat(run.partial().settings()).isEmpty();
        assertThat(run.progress().fit()).isZero();
    }
}
