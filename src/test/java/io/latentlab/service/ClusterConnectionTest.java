package io.latentlab.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.data.MnistData;
import io.latentlab.study.GridSearch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The app's connection: members listed with what each trains, a search run on them. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterConnectionTest {

    @Test
    void listsTheMembersAndWhatEachTrainsWhileASearchRuns() throws Exception {
        MnistData mnist = io.latentlab.data.TestMnist.shipped();
        String name = "test-" + UUID.randomUUID();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        // the app only sends fits; one worker member trains them
        try (ClusterConnection worker = ClusterConnection.connect(name, "127.0.0.1", "",
                1, mnist, null);
                ClusterConnection app = ClusterConnection.connect(name, "127.0.0.1",
                        worker.address(), 0, mnist, log::add)) {
            assertThat(app.clusterName()).isEqualTo(name);
            assertThat(app.members()).extracting(ClusterConnection.Member::address)
                    .containsExactlyInAnyOrder(worker.address(), app.address());
            assertThat(app.members()).filteredOn(ClusterConnection.Member::local)
                    .singleElement().satisfies(m -> assertThat(m.workers()).isZero());
            GridSearch.Options o = GridSearch.Options.builder(4).learningRates(List.of(1e-2))
                    .weightDecays(List.of(1e-4)).folds(2).epochs(2).batchSize(100).seed(3)
                    .trainLimit(400).build();
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            GridSearch.Result r = app.run(mnist, o, p -> app.members().stream()
                    .filter(m -> m.address().equals(worker.address()))
                    .forEach(m -> seen.addAll(m.running())), null, List.of(), null);
            assertThat(r.settings()).hasSize(1);
            assertThat(seen).isNotEmpty().allMatch(l -> l.matches(
                    "lr=0\\.01 wd=0\\.0001 fold [12], epoch [0-2]"));
            assertThat(app.members()).allMatch(m -> m.running().isEmpty());
        }
    }

    @Test
    void aBadJoinAddressIsNamed() {
        assertThatThrownBy(() -> ClusterConnection.connect("x", "127.0.0.1", "host:port", 1,
                null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'host:port' is no HOST:PORT");
    }
}
