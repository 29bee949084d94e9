package io.latentlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.data.MnistData;
import io.latentlab.training.TrainingControl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ParallelGridSearchTest {

    private static MnistData mnist;

    @BeforeAll
    static void load() throws Exception {
        mnist = io.latentlab.data.TestMnist.shipped();
    }

    /** 3 settings x 2 folds of 2 epochs on 400 digits: a few seconds. */
    private static GridSearch.Options tiny() {
        return GridSearch.Options.builder(4).learningRates(List.of(1e-2, 1e-3))
                .weightDecays(List.of(1e-4, 1e-5)).folds(2).epochs(2).batchSize(100).seed(7)
                .trainLimit(400).build();
    }

    @Test
    void twoWorkersGiveTheSameNumbersAsOneFitAfterTheOther() throws Exception {
        GridSearch.Options o = tiny();
        GridSearch.Result one = ParallelGridSearch.run(mnist, o, 1, 1, null, null, List.of(),
                null);
        List<String> seenThreads = Collections.synchronizedList(new ArrayList<>());
        List<GridSearch.Result> saved = new ArrayList<>();
        GridSearch.Result two = ParallelGridSearch.run(mnist, o, 2, 1,
                p -> seenThreads.add(Thread.currentThread().getName()), null, List.of(),
                saved::add);
        assertSameCurves(two, one);
        assertThat(two.winner()).isEqualTo(one.winner());
        assertThat(two.ranking()).isEqualTo(one.ranking());
        // the hook saw every setting once, each time the finished ones in grid order
        assertThat(saved).hasSize(4);
        assertThat(saved.get(3).settings()).isEqualTo(two.settings());
        // progress: 8 fits x 2 epochs, all on the calling thread
        assertThat(seenThreads).hasSize(16).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void theParallelSearchEqualsTheSequentialSteppersWithOneIntraOpThread() throws Exception {
        GridSearch.Options o = tiny();
        GridSearch.Result parallel = ParallelGridSearch.run(mnist, o, 2, 1, null, null,
                List.of(), null);
        // the stepper trains on the calling thread: with the workers' one intra-op thread
        int before = io.latentlab.model.DjlThread.intraOpThreads();
        io.latentlab.model.DjlThread.prepareCurrentThread(1);
        GridSearch.Result sequential;
        try {
            sequential = GridSearch.run(mnist, o, null, null);
        } finally {
            io.latentlab.model.DjlThread.prepareCurrentThread(before);
        }
        assertSameCurves(parallel, sequential);
    }

    @Test
    void fitsReallyRunSideBySide() throws Exception {
        GridSearch.Options o = tiny();
        GridTrials trials = new GridTrials(mnist, o);
        Set<String> busy = ConcurrentHashMap.newKeySet();
        int[] maxBusy = new int[1];
        try (LocalTrialWorkers pool = new LocalTrialWorkers(trials, 2, 1, new TrainingControl())) {
            new TrialScheduler(trials, pool).listener(p -> {
                long active = pool.activity().stream().filter(a -> a.trial() != null).count();
                maxBusy[0] = Math.max(maxBusy[0], (int) active);
            }).run(null, List.of());
        }
        assertThat(maxBusy[0]).isEqualTo(2);
    }

    @Test
    void resumesWithTheFinishedSettingsAsTheyAre() throws Exception {
        GridSearch.Options o = tiny();
        GridSearch.Result all = ParallelGridSearch.run(mnist, o, 2, 1, null, null, List.of(),
                null);
        List<GridSearch.SettingResult> first = List.of(all.settings().get(0),
                all.settings().get(3));
        GridSearch.Result rest = ParallelGridSearch.run(mnist, o, 2, 1, null, null, first, null);
        assertSameCurves(rest, all);
    }

    @Test
    void aCancelKeepsTheFinishedSettingsAndStopsTheRest() {
        GridSearch.Options o = tiny();
        TrainingControl control = new TrainingControl();
        List<GridSearch.Result> saved = new ArrayList<>();
        assertThatThrownBy(() -> ParallelGridSearch.run(mnist, o, 2, 1, null, control,
                List.of(), soFar -> {
                    saved.add(soFar);
                    control.cancel();
                }))
                .isInstanceOfSatisfying(GridSearch.Cancelled.class, c -> {
                    assertThat(c.partial().settings()).isNotEmpty();
                    assertThat(c.partial().settings().size()).isLessThan(4);
                    assertThat(c.partial().settings()).isEqualTo(saved.get(saved.size() - 1)
                            .settings());
                });
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void anInterruptCancelsTheSearchAndTheFlagSurvives() {
        // before the fix, an interrupted scheduler spun for ever on a queue it could not wait on
        assertThatThrownBy(() -> ParallelGridSearch.run(mnist, tiny(), 2, 1,
                p -> Thread.currentThread().interrupt(), null, List.of(), null))
                .isInstanceOf(GridSearch.Cancelled.class);
        assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
    }

    @Test
    void aFailingHookEndsTheSearchWithItsError() {
        assertThatThrownBy(() -> ParallelGridSearch.run(mnist, tiny(), 2, 1, null, null,
                List.of(), soFar -> {
                    throw new java.io.IOException("disk full");
                })).isInstanceOf(java.io.IOException.class).hasMessage("disk full");
    }

    private static void assertSameCurves(GridSearch.Result a, GridSearch.Result b) {
        ParallelGridSearchTestSupport.assertSameCurves(a, b);
    }
}
