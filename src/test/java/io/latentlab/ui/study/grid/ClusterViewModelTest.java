package io.latentlab.ui.study.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.study.GridSearch;
import io.latentlab.study.ParallelGridSearch;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobState;
import io.latentlab.ui.study.StudyViewModel;
import io.latentlab.ui.study.grid.GridForm.Field;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The grid tab on a one-member cluster of its own (loopback), with same-thread jobs. */
class ClusterViewModelTest {

    private static MnistData data;
    private AppContext ctx;
    private GridSearchViewModel grid;

    @BeforeAll
    static void loadData() throws Exception {
        MnistData full = io.latentlab.data.TestMnist.shipped();
        data = new MnistData(full.train().slice(0, 300), full.test().slice(0, 100), full.dir(),
                full.checksum());
    }

    @BeforeEach
    void setUp() {
        ctx = AppContext.sameThread(Preferences.userRoot().node("latent-lab-tests"));
        ctx.dataProperty().set(data);
        grid = new StudyViewModel(ctx).grid();
        GridForm f = grid.form();
        f.valueProperty(Field.ED).set("2");
        f.valueProperty(Field.LRS).set("1e-2, 1e-3");
        f.valueProperty(Field.WDS).set("1e-4");
        f.valueProperty(Field.FOLDS).set("2");
        f.valueProperty(Field.EPOCHS).set("2");
        f.valueProperty(Field.BATCH).set("100");
        f.valueProperty(Field.TRAIN_LIMIT).set("0");
        f.valueProperty(Field.MAX_LOSS).set("10");
        f.valueProperty(Field.BASELINE_MARGIN).set("-10");
        f.valueProperty(Field.WORKERS).set("1");
    }

    @AfterEach
    void tearDown() {
        // leaves the cluster, as closing the app does
        ctx.close();
    }

    @Test
    void runSendsTheFitsToTheClusterAndGivesTheLocalNumbers() throws Exception {
        ClusterViewModel cluster = grid.cluster();
        assertThat(cluster.messageProperty().get())
                .isEqualTo("Not connected: the fits train on this machine.");
        Job<?> join = cluster.connect(1);
        assertThat(join.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(cluster.errorProperty().get()).isEmpty();
        assertThat(cluster.connectionProperty().get()).isNotNull();
        assertThat(cluster.messageProperty().get()).startsWith("Connected as 127.0.0.1:")
                .contains("to cluster 'latent-lab'");
        assertThat(cluster.members()).singleElement().asString()
                .matches("127\\.0\\.0\\.1:\\d+ \\(this app\\), 1 worker: idle");

        List<String> seen = new ArrayList<>();
        cluster.members().addListener((javafx.collections.ListChangeListener<String>) c ->
                seen.addAll(cluster.members()));
        grid.status().progressProperty().addListener((o, a, p) -> cluster.refresh());
        Job<GridSearch.Result> job = grid.run();
        assertThat(job.stateProperty().get()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.isPausable()).isFalse();
        GridSearch.Result onCluster = grid.resultProperty().get();
        GridSearch.Result local = ParallelGridSearch.run(data, grid.form().optionsProperty()
                .get(), 1, 1, null, null, List.of(), null);
        io.latentlab.study.ParallelGridSearchTestSupport.assertSameCurves(onCluster, local);
        // while it ran, the members list said what this app's member trained
        assertThat(seen).anyMatch(l -> l.contains("(this app), 1 worker: lr=0.0"));

        cluster.leave();
        assertThat(cluster.connectionProperty().get()).isNull();
        assertThat(cluster.members()).isEmpty();
        assertThat(cluster.messageProperty().get())
                .isEqualTo("Not connected: the fits train on this machine.");
    }

    @Test
    void aBadAddressIsNamedAndNothingIsConnected() {
        ClusterViewModel cluster = grid.cluster();
        cluster.joinProperty().set("nohost:notaport");
        cluster.connect(1);
        assertThat(cluster.connectionProperty().get()).isNull();
        assertThat(cluster.errorProperty().get()).contains("nohost:notaport");
        assertThat(cluster.busyProperty().get()).isFalse();
    }
}
