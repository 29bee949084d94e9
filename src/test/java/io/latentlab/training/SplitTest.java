package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void validationAndTrainingAreDisjointAndCoverTheKeptSet() {
        Split s = Split.of(1000, 0, 0.1, 7);
        assertThat(s.validation()).hasSize(100);
        assertThat(s.train()).hasSize(900);
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation()))
                .sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 1000).toArray());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertThat(Split.of(500, 0, 0.2, 3).validation())
                .isEqualTo(Split.of(500, 0, 0.2, 3).validation());
        assertThat(Split.of(500, 0, 0.2, 3).validation())
                .isNotEqualTo(Split.of(500, 0, 0.2, 4).validation());
    }

    @Test
    void limitKeepsARandomSubset() {
        Split s = Split.of(60_000, 3000, 0.1, 1);
        assertThat(s.train().length + s.validation().length).isEqualTo(3000);
        assertThat(s.validation()).hasSize(300);
        // a random subset, not the first 3000 digits
        assertThat(s.train()[s.train().length - 1]).isGreaterThan(3000);
    }

    @Test
    void aValidationFractionThatRoundsToNoDigitIsRefused() {
        assertThatThrownBy(() -> Split.of(60_000, 1, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the validation split is empty: a fraction of 0.1 of 1 training digit "
                        + "rounds to 0 digits; use at least 5 training digits or a larger "
                        + "validation fraction");
        assertThatThrownBy(() -> Split.of(60_000, 4, 0.1, 1))
                .hasMessageContaining("of 4 training digits rounds to 0 digits");
        assertThat(Split.of(60_000, 5, 0.1, 1).validation()).hasSize(1);
        assertThat(Split.of(60_000, 1, 0, 1).validation()).isEmpty();
    }

    @Test
    void aValidationSplitTakingEveryDigitIsRefused() {
        assertThatThrownBy(() -> Split.of(60_000, 1, 0.9, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the validation split leaves no training data: a fraction of 0.9 of "
                        + "1 training digit is 1; use more training digits or a smaller "
                        + "validation fraction");
    }
}
