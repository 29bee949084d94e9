package io.latentlab.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {

    private static final String FORMAT = "at most %s left";
    private static final String FINISHING = "finishing\u2026";

    @Test
    void formatsHoursMinutesAndSeconds() {
        assertThat(Durations.format(12.4)).isEqualTo("12 s");
        assertThat(Durations.format(185)).isEqualTo("3 min 05 s");
        assertThat(Durations.format(3720)).isEqualTo("1 h 02 min");
        assertThat(Durations.format(Double.NaN)).isEmpty();
    }

    @Test
    void underASecondLeftSaysFinishingNeverZeroSeconds() {
        assertThat(Durations.left(0.0, FORMAT, FINISHING)).isEqualTo(FINISHING);
        assertThat(Durations.left(0.4, FORMAT, FINISHING)).isEqualTo(FINISHING);
        assertThat(Durations.left(0.99, FORMAT, FINISHING)).isEqualTo(FINISHING);
        assertThat(Durations.left(1.0, FORMAT, FINISHING)).isEqualTo("at most 1 s left");
        assertThat(Durations.left(75, FORMAT, FINISHING)).isEqualTo("at most 1 min 15 s left");
        for (double s = 0; s < 5; s += 0.01) {
            assertThat(Durations.left(s, FORMAT, FINISHING)).doesNotContain(" 0 s");
        }
    }

    @Test
    void anUnknownTimeLeftShowsNothing() {
        assertThat(Durations.left(Double.NaN, FORMAT, FINISHING)).isEmpty();
        assertThat(Durations.left(Double.POSITIVE_INFINITY, FORMAT, FINISHING)).isEmpty();
        assertThat(Durations.left(-1, FORMAT, FINISHING)).isEmpty();
    }
}
