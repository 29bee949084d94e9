package io.latentlab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.data.MnistData;
import io.latentlab.study.GridSearch;
import io.latentlab.study.ParallelGridSearch;
import io.latentlab.study.GridTrials;
import io.latentlab.study.TrialScheduler;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Members in this JVM on loopback: the same numbers as a local search, whoever trains. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterTrialWorkersTest {

    private static MnistData mnist;
    private static GridSearch.Result local;
    private final List<ClusterMember> members = new ArrayList<>();
    private final String name = "test-" + UUID.randomUUID();
    private int port;

    @BeforeAll
    static void load() throws Exception {
        // fits run longer than an operation may take: long fits must not time out
        System.setProperty(CALL_TIMEOUT, "2000");
        mnist = io.latentlab.data.TestMnist.shipped();
        local = ParallelGridSearch.run(mnist, tiny(), 1, 1, null, null, List.of(), null);
    }

    /** 2 settings x 2 folds of 2 epochs on 400 digits. */
    static GridSearch.Options tiny() {
        return GridSearch.Options.builder(4).learningRates(List.of(1e-2, 1e-3))
                .weightDecays(List.of(1e-4)).folds(2).epochs(2).batchSize(100).seed(7)
                .trainLimit(400).build();
    }

    private static final String CALL_TIMEOUT = "hazelcast.operation.call.timeout.millis";

    @org.junit.jupiter.api.AfterAll
    static void restore() {
        System.clearProperty(CALL_TIMEOUT);
    }

    @AfterEach
    void stop() {
        for (ClusterMember m : members) {
            try {
                m.close();
            } catch (RuntimeException e) {
                // a terminated member
            }
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private ClusterMember member(int workers, List<String> log) throws Exception {
        if (port == 0) {
            port = freePort();
        }
        ClusterSettings s = new ClusterSettings(name, ClusterSettings.LOOPBACK, port, true,
                members.isEmpty() ? List.of() : List.of("127.0.0.1:" + port), workers);
        ClusterMember m = ClusterMember.start(s, mnist, log == null ? null : log::add);
        members.add(m);
        return m;
    }

    private static GridSearch.Result search(ClusterMember on, SearchSpec spec, List<String> log)
            throws Exception {
        GridTrials trials = new GridTrials(mnist, spec.options());
        try (ClusterTrialWorkers workers = new ClusterTrialWorkers(on, spec,
                log == null ? null : log::add)) {
            return new TrialScheduler(trials, workers).run(null, List.of());
        }
    }

    @Test
    void twoMembersGiveTheLocalNumbersAndAFinishedFitIsNotTrainedAgain() throws Exception {
        List<String> first = Collections.synchronizedList(new ArrayList<>());
        List<String> second = Collections.synchronizedList(new ArrayList<>());
        ClusterMember a = member(1, first);
        member(1, second);
        assertThat(a.members()).hasSize(2);
        SearchSpec spec = SearchSpec.of(tiny(), mnist.checksum());
        GridSearch.Result r = search(a, spec, null);
        assertSameCurves(r, local);
        assertThat(r.winner()).isEqualTo(local.winner());
        // both members trained: 4 fits between them
        assertThat(first).anyMatch(l -> l.startsWith("training "));
        assertThat(second).anyMatch(l -> l.startsWith("training "));
        assertThat(first.stream().filter(l -> l.startsWith("training ")).count()
                + second.stream().filter(l -> l.startsWith("training ")).count()).isEqualTo(4);
        // the same search again: every curve comes from the cluster, nothing is trained
        first.clear();
        second.clear();
        assertSameCurves(search(a, spec, null), local);
        assertThat(first).isEmpty();
        assertThat(second).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aMemberThatDiesOrLeavesMidFitHasItsFitTrainedElsewhere(boolean dies) throws Exception {
        ClusterMember coordinator = member(0, null);
        CountDownLatch training = new CountDownLatch(1);
        List<String> doomedLog = Collections.synchronizedList(new ArrayList<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean add(String s) {
                if (s.startsWith("training ")) {
                    training.countDown();
                }
                return super.add(s);
            }
        });
        ClusterMember doomed = member(1, doomedLog);
        member(1, null);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        SearchSpec spec = SearchSpec.of(tiny(), mnist.checksum());
        CompletableFuture<GridSearch.Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return search(coordinator, spec, log);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(training.await(90, TimeUnit.SECONDS)).isTrue();
        if (dies) {
            // no goodbye: the connection drops as with kill -9
            doomed.instance().getLifecycleService().terminate();
        } else {
            // Ctrl+C on a worker: its fit stops at the next batch
            doomed.close();
        }
        GridSearch.Result r = run.get(150, TimeUnit.SECONDS);
        assertSameCurves(r, local);
        assertThat(log).anyMatch(l -> l.contains(" left during ")
                && l.contains("training it again elsewhere"));
    }

    @Test
    void aResumedSearchTakesTheFitsSavedOneByOneAndRemovesTheFileAtTheEnd(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        List<String> trained = Collections.synchronizedList(new ArrayList<>());
        ClusterMember m = member(1, trained);
        SearchSpec spec = SearchSpec.of(tiny(), mnist.checksum());
        java.nio.file.Path file = FitLog.pathFor(tmp.resolve("grid.csv"));
        // an interrupted search saved one fit, a fold of a setting it did not finish
        GridSearch.SettingResult first = local.settings().get(0);
        FitLog.open(file, spec, false).add(new io.latentlab.study.GridTrial(first.lr(),
                first.wd(), 1), first.folds().get(1));
        List<String> saved = new ArrayList<>();
        GridSearch.Result r = ClusterSearch.run(m, mnist, tiny(), null, null, List.of(),
                soFar -> saved.add(java.nio.file.Files.readString(file)), null,
                FitLog.open(file, spec, true));
        assertSameCurves(r, local);
        assertThat(trained).filteredOn(l -> l.startsWith("training ")).hasSize(3)
                .noneMatch(l -> l.contains("lr=0.01 wd=0.0001 fold 2"));
        // the file grew fit by fit while the search ran, and is gone once it ended
        assertThat(saved).isNotEmpty();
        assertThat(saved.get(saved.size() - 1).lines().count()).isEqualTo(2 + 4 * 2);
        assertThat(file).doesNotExist();
    }

    @Test
    void aMemberWithOtherDataFailsTheSearchNamingItAndBothChecksums() throws Exception {
        ClusterMember coordinator = member(0, null);
        ClusterMember worker = member(1, null);
        String theirs = "0".repeat(64);
        SearchSpec spec = SearchSpec.of(tiny(), theirs);
        assertThatThrownBy(() -> search(coordinator, spec, null))
                .hasMessageContaining("member " + worker.address() + " has other MNIST data")
                .hasMessageContaining(mnist.checksum())
                .hasMessageContaining(theirs);
    }

    static void assertSameCurves(GridSearch.Result a, GridSearch.Result b) {
        io.latentlab.study.ParallelGridSearchTestSupport.assertSameCurves(a, b);
    }
}
