package io.latentlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KnnTest {

    @Test
    void majorityOfTheKNearest() {
        float[] ref = {0, 0, 0, 1, 1, 0, 5, 5, 5, 6, 6, 5};
        int[] labels = {0, 0, 0, 1, 1, 1};
        float[] query = {0.2f, 0.2f, 5.5f, 5.5f, 2.9f, 2.9f};
        // (2.9,2.9): d²((5,5))=8.82, d²((1,0))=d²((0,1))=12.02, d²((5,6))=d²((6,5))=14.02,
        // d²((0,0))=16.82 -> 3 nearest: (5,5) L1, (0,1) L0, (1,0) L0 -> L0; with k=1 -> L1
        assertThat(Knn.predict(ref, labels, 6, query, 3, 2, 3)).containsExactly(0, 1, 0);
        assertThat(Knn.accuracy(ref, labels, 6, query, new int[] {0, 1, 1}, 3, 2, 3))
                .isEqualTo(2.0 / 3);
        assertThat(Knn.predict(ref, labels, 6, new float[] {2.9f, 2.9f}, 1, 2, 1))
                .containsExactly(1);
    }

    @Test
    void tieGoesToTheNearestNeighboursLabel() {
        float[] ref = {0, 0, 3, 0};
        int[] labels = {0, 1};
        // k=2, one vote each: the nearer neighbour decides
        assertThat(Knn.predict(ref, labels, 2, new float[] {1, 0, 2, 0}, 2, 2, 2))
                .containsExactly(0, 1);
    }

    @Test
    void tieBetweenLabelsNotHeldByTheNearestGoesToTheCloserOne() {
        // distances 1 (L2), 2 (L0), 3 (L1), 4 (L0), 5 (L1): L0 and L1 tie with 2 votes each,
        // the nearest L0 (at 2) is closer than the nearest L1 (at 3)
        float[] ref = {1, 0, 0, 2, -3, 0, 0, -4, 5, 0};
        int[] labels = {2, 0, 1, 0, 1};
        assertThat(Knn.predict(ref, labels, 5, new float[] {0, 0}, 1, 2, 5)).containsExactly(0);
        // move L1's point from 3 to 1.5: now L1 is closer and wins the tie
        ref[4] = -1.5f;
        assertThat(Knn.predict(ref, labels, 5, new float[] {0, 0}, 1, 2, 5)).containsExactly(1);
    }

    @Test
    void leaveOneOutExcludesThePointItself() {
        float[] x = {0, 1, 2, 10, 11, 1.5f};
        int[] labels = {0, 0, 0, 1, 1, 1};
        // k=1: 0->1 ok, 1->1.5 wrong, 2->1.5 wrong, 10->11 ok, 11->10 ok, 1.5->1 (tie with 2,
        // earlier index) wrong
        assertThat(Knn.leaveOneOutAccuracy(x, labels, 6, 1, 1)).isEqualTo(0.5);
        assertThat(Knn.leaveOneOutAccuracy(x, labels, 6, 1, 3)).isEqualTo(
                // 0: {1,1.5,2} L0 2 votes ok; 1: {1.5,0,2}: L0 ok; 2: {1.5,1,0} ok;
                // 10: {11,2,1.5}: L1 2 votes ok; 11: {10,2,1.5}: L1 ok; 1.5: L0 wrong
                5.0 / 6);
    }

    @Test
    void rejectsTooFewReferences() {
        assertThatThrownBy(() -> Knn.predict(new float[] {0, 1}, new int[] {0, 1}, 2,
                new float[] {0}, 1, 1, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k=5");
    }
}
