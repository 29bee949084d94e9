package io.latentlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class FoldsTest {

    @Test
    void foldsAreDisjointCoverEverythingAndDifferByAtMostOne() {
        Folds f = Folds.of(10, 3, 7);
        assertThat(f.count()).isEqualTo(3);
        int[] all = IntStream.range(0, 3).flatMap(i -> Arrays.stream(f.validation(i))).sorted()
                .toArray();
        assertThat(all).containsExactly(IntStream.range(0, 10).toArray());
        int[] sizes = IntStream.range(0, 3).map(i -> f.validation(i).length).sorted().toArray();
        assertThat(sizes).containsExactly(3, 3, 4);
        for (int i = 0; i < 3; i++) {
            int[] train = f.training(i);
            int[] val = f.validation(i);
            assertThat(train.length + val.length).isEqualTo(10);
            assertThat(train).doesNotContain(val);
            assertThat(train).isSorted();
        }
    }

    @Test
    void sameSeedSameFoldsOtherSeedOtherFolds() {
        Folds a = Folds.of(100, 5, 1);
        Folds b = Folds.of(100, 5, 1);
        Folds c = Folds.of(100, 5, 2);
        boolean differs = false;
        for (int i = 0; i < 5; i++) {
            assertThat(b.validation(i)).containsExactly(a.validation(i));
            assertThat(a.validation(i)).hasSize(20);
            differs |= !Arrays.equals(a.validation(i), c.validation(i));
        }
        assertThat(differs).isTrue();
    }

    @Test
    void rejectsBadFoldCounts() {
        assertThatThrownBy(() -> Folds.of(10, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Folds.of(3, 4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Folds.of(3, 3, 0).validation(2)).hasSize(1);
    }
}
