package io.latentlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class InterpolationTest {

    @Test
    void theLineStartsAtAEndsAtBAndStepsEvenly() {
        float[] a = {0.1f, -2f, 3.3f};
        float[] b = {0.7f, 4f, -1.3f};
        float[] line = Interpolation.line(a, b, 4);
        assertThat(line).hasSize(12);
        assertThat(Arrays.copyOfRange(line, 0, 3)).containsExactly(a);
        assertThat(Arrays.copyOfRange(line, 9, 12)).containsExactly(b);
        // t = 1/3: a + (b - a) / 3
        assertThat(line[3]).isCloseTo(0.3f, within(1e-6f));
        assertThat(line[4]).isCloseTo(0f, within(1e-6f));
        assertThat(line[5]).isCloseTo(3.3f - 4.6f / 3, within(1e-6f));
        assertThat(Interpolation.t(0, 4)).isZero();
        assertThat(Interpolation.t(3, 4)).isEqualTo(1.0);
    }

    @Test
    void theCrossFadeMidpointIsTheAverage() {
        float[] a = new float[784];
        float[] b = new float[784];
        for (int i = 0; i < 784; i++) {
            a[i] = (i % 7) / 7f;
            b[i] = (i % 11) / 11f;
        }
        float[] fade = Interpolation.line(a, b, 3);
        for (int i = 0; i < 784; i++) {
            assertThat(fade[784 + i]).isCloseTo((a[i] + b[i]) / 2, within(1e-7f));
        }
    }

    @Test
    void refusesOnePointAndEndsOfDifferentLength() {
        assertThatThrownBy(() -> Interpolation.line(new float[2], new float[2], 1))
                .hasMessage("steps must be at least 2, got 1");
        assertThatThrownBy(() -> Interpolation.line(new float[2], new float[3], 5))
                .hasMessage("ends differ in length: 2 and 3");
    }
}
