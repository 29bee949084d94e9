package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    /** Feeds losses until a stop; returns the epoch (1-based) and reason. */
    private static Object[] run(EarlyStopping es, java.util.function.IntToDoubleFunction loss) {
        for (int t = 1; ; t++) {
            StopReason r = es.update(loss.applyAsDouble(t));
            if (r != null) {
                return new Object[] {t, r};
            }
        }
    }

    @Test
    void steadyImprovementRunsToTheEpochLimit() {
        EarlyStopping es = new EarlyStopping(50, 10, 1e-4);
        Object[] stop = run(es, t -> 1.0 - 0.01 * t);
        assertThat(stop).containsExactly(50, StopReason.MAX_EPOCHS);
        assertThat(es.bestEpoch()).isEqualTo(50);
    }

    @Test
    void flatAfterEpochFiveStopsOneWindowLaterAsPlateau() {
        EarlyStopping es = new EarlyStopping(1000, 10, 1e-4);
        Object[] stop = run(es, t -> t <= 5 ? 1.0 / t : 0.2);
        // best before the window must beat the window's best by more than 1e-4: fails at t=15
        assertThat(stop).containsExactly(15, StopReason.PLATEAU);
        assertThat(es.bestEpoch()).isEqualTo(5);
        assertThat(es.bestLoss()).isEqualTo(0.2);
    }

    @Test
    void risingLossStopsAsOverfittingAndKeepsTheMinimum() {
        EarlyStopping es = new EarlyStopping(1000, 10, 1e-4);
        Object[] stop = run(es, t -> t <= 5 ? 1.0 / t : 0.2 + 0.01 * (t - 5));
        assertThat(stop).containsExactly(15, StopReason.OVERFITTING);
        assertThat(es.bestEpoch()).isEqualTo(5);
    }

    @Test
    void aNoisyPlateauEndingOnAHighEpochIsAPlateauNotOverfitting() {
        EarlyStopping es = new EarlyStopping(1000, 50, 1e-4);
        // best 0.2 at epoch 5, then noise of +-2e-4 around 0.2003, and a last epoch at 0.2008:
        // above the best by 8e-4, but the window's trend is flat
        Object[] stop = run(es, t -> t <= 5 ? 1.0 / t
                : t == 55 ? 0.2008 : 0.2003 + (t % 2 == 0 ? 2e-4 : -2e-4));
        assertThat(stop).containsExactly(55, StopReason.PLATEAU);
        assertThat(es.bestEpoch()).isEqualTo(5);
    }

    @Test
    void aSlowSteadyRiseOverTheWindowIsOverfitting() {
        EarlyStopping es = new EarlyStopping(1000, 50, 1e-4);
        // after the best (epoch 5) the loss climbs 5e-6 per epoch: 2.45e-4 over epochs 6..55
        Object[] stop = run(es, t -> t <= 5 ? 1.0 / t : 0.2 + 5e-6 * (t - 5));
        assertThat(stop).containsExactly(55, StopReason.OVERFITTING);
        // 2e-6 per epoch is a rise of 9.8e-5 over the window: below the tolerance, a plateau
        es = new EarlyStopping(1000, 50, 1e-4);
        assertThat(run(es, t -> t <= 5 ? 1.0 / t : 0.2 + 2e-6 * (t - 5)))
                .containsExactly(55, StopReason.PLATEAU);
    }

    /** After the best (0.2 at epoch 5): 0.202 + 3e-6 per epoch + noise of +-1e-3. */
    private static Object[] noisyRise(EarlyStopping es, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        double[] noise = new double[56];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (rnd.nextBoolean() ? 1 : -1) * 1e-3;
        }
        return run(es, t -> t <= 5 ? 1.0 / t : 0.202 + 3e-6 * (t - 5) + noise[t]);
    }

    @Test
    void aRiseWithinTheNoiseIsAPlateauOneAboveItIsOverfitting() {
        // seed 10: the fitted line over epochs 6..55 rises 2.79e-4 (above the 1e-4 tolerance)
        // with a standard error of 4.86e-4: within the noise, a plateau
        assertThat(noisyRise(new EarlyStopping(1000, 50, 1e-4), 10))
                .containsExactly(55, StopReason.PLATEAU);
        // seed 38: it rises 1.38e-3, more than twice its standard error of 4.55e-4
        assertThat(noisyRise(new EarlyStopping(1000, 50, 1e-4), 38))
                .containsExactly(55, StopReason.OVERFITTING);
        // no noise: the 1.47e-4 rise of the line itself counts
        assertThat(run(new EarlyStopping(1000, 50, 1e-4), t -> t <= 5 ? 1.0 / t
                : 0.2 + 3e-6 * (t - 5))).containsExactly(55, StopReason.OVERFITTING);
    }

    @Test
    void improvementsSmallerThanTheToleranceCountAsPlateau() {
        EarlyStopping es = new EarlyStopping(1000, 4, 1e-3);
        // improves by 1e-4 per epoch: 4e-4 over a window, below the 1e-3 tolerance
        Object[] stop = run(es, t -> 1.0 - 1e-4 * t);
        assertThat(stop).containsExactly(5, StopReason.PLATEAU);
        // the best epoch is still the latest, lowest one
        assertThat(es.bestEpoch()).isEqualTo(5);
    }

    @Test
    void improvementsLargerThanTheToleranceKeepGoing() {
        EarlyStopping es = new EarlyStopping(30, 4, 1e-3);
        Object[] stop = run(es, t -> 1.0 - 3e-4 * t); // 1.2e-3 per window
        assertThat(stop).containsExactly(30, StopReason.MAX_EPOCHS);
    }

    @Test
    void windowZeroDisablesEarlyStopping() {
        EarlyStopping es = new EarlyStopping(7, 0, 1e-4);
        assertThat(run(es, t -> 0.5)).containsExactly(7, StopReason.MAX_EPOCHS);
        assertThat(es.bestEpoch()).isEqualTo(1);
    }

    @Test
    void lastWasBestTracksNewMinima() {
        EarlyStopping es = new EarlyStopping(10, 5, 0);
        es.update(0.5);
        assertThat(es.lastWasBest()).isTrue();
        es.update(0.6);
        assertThat(es.lastWasBest()).isFalse();
        es.update(0.4);
        assertThat(es.lastWasBest()).isTrue();
        assertThat(es.bestEpoch()).isEqualTo(3);
    }

    @Test
    void rejectsInvalidSettings() {
        assertThatThrownBy(() -> new EarlyStopping(0, 10, 1e-4))
                .hasMessageContaining("maxEpochs=0");
        assertThatThrownBy(() -> new EarlyStopping(10, -1, 1e-4))
                .hasMessageContaining("window=-1");
    }
}
