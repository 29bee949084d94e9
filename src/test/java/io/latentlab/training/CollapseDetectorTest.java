package io.latentlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The collapse rule on loss and output-variance sequences measured on real runs (ED 8, seed 1). */
class CollapseDetectorTest {

    /** The loss of the constant mean image on the validation split of 3000 digits. */
    private static final double BLANK = 0.111861265;

    /** Feeds the epochs in turn; returns the 1-based epoch at which the rule fired, or 0. */
    private static int firstCollapse(double[] val, double[] spread) {
        CollapseDetector d = new CollapseDetector();
        for (int i = 0; i < val.length; i++) {
            if (d.update(val[i], spread[i])) {
                return i + 1;
            }
        }
        return 0;
    }

    private static double[] repeat(double v, int n) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }

    @Test
    void deadUnitsWithoutWeightDecayCollapseAtEpochTwenty() {
        // LR 1, WD 0, batch 100, 900 training digits: the same image to the last bit
        double[] val = repeat(0.118110028, 30);
        assertThat(firstCollapse(val, repeat(0, 30))).isEqualTo(CollapseDetector.EPOCHS);
        assertThat(CollapseDetector.EPOCHS).isEqualTo(20);
    }

    @Test
    void aConstantImageThatKeepsChangingCollapsesToo() {
        // LR 1, WD 1e-5, batch 1000, 2700 training digits: the constant image wanders, and in
        // epoch 15 a few pixels differ
        double[] val = {BLANK, BLANK, BLANK, BLANK, BLANK, BLANK, 0.111861323, 0.232352885,
            0.447119739, 0.448019737, 0.411536193, 0.357139403, 0.361612790, 0.341211336,
            0.219181714, BLANK, BLANK, 0.160875668, 0.160910478, 0.114372542, 0.126600931};
        double[] spread = new double[val.length];
        spread[6] = 1.11e-21;
        spread[13] = 6.22e-22;
        spread[14] = 2.71e-4;
        assertThat(firstCollapse(val, spread)).isEqualTo(20);
    }

    @Test
    void aRunThatSatOnTheBlankOutputForElevenEpochsAndThenLearnedIsLeftAlone() {
        // LR 1e-2 (the default), WD 1e-5, batch 100, 2700 training digits
        double[] val = {BLANK, BLANK, BLANK, BLANK, BLANK, BLANK, BLANK, BLANK, BLANK, BLANK,
            0.111861215, 0.112178382, 0.109722394, 0.108527118, 0.0971163837, 0.0653309766,
            0.0584242051, 0.0553487972, 0.0524026676, 0.0482889271, 0.0440736690, 0.0414043027,
            0.0395354519, 0.0380767282, 0.0360891246};
        double[] spread = {2.39e-18, 0, 0, 0, 1.25e-39, 6.85e-32, 1.10e-25, 8.98e-21, 6.85e-17,
            1.42e-13, 1.27e-10, 5.75e-06, 4.96e-06, 5.03e-06, 2.17e-06, 0.00480, 0.00779,
            0.00983, 0.0121, 0.0173, 0.0215, 0.0232, 0.0258, 0.0244, 0.0294};
        assertThat(firstCollapse(val, spread)).isZero();
        // even had it stayed blank a few epochs longer, it was improving
        double[] longer = Arrays.copyOf(val, 40);
        double[] longerSpread = Arrays.copyOf(spread, 40);
        for (int i = 0; i < 40; i++) {
            longer[i] = i < 11 ? BLANK : BLANK * (1 - 1e-5 * (i - 10));
            longerSpread[i] = i < 19 ? 0 : 0.02;
        }
        assertThat(firstCollapse(longer, longerSpread)).isZero();
    }

    @Test
    void aSlowStartOnTheBlankPlateauIsLeftAlone() {
        // grid search ED=4, LR 1e-2, WD 1e-5, fold 1: five epochs near 0.11, then it learned
        double[] val = {0.11070835857780613, 0.11067835768096301, 0.1106847880460778,
            0.11013698830117985, 0.10964473951690051, 0.06767701017418687, 0.0609, 0.0549,
            0.0494, 0.0448, 0.0413, 0.0390, 0.0376, 0.0368, 0.0356, 0.0348, 0.0342, 0.0334,
            0.0330, 0.0330, 0.0329};
        assertThat(firstCollapse(val, repeat(0, val.length))).isZero();
    }

    @Test
    void aFlatLossWithVariedReconstructionsIsNotACollapse() {
        // a converged model (or a tiny learning rate): no progress, but a real output
        assertThat(firstCollapse(repeat(0.0312, 40), repeat(0.05, 40))).isZero();
    }

    @Test
    void anOutputThatIsOnlySometimesConstantIsLeftToEarlyStopping() {
        // LR 1, WD 1e-5, batch 100, 900 training digits: flailing, varied in 5 of 20 epochs
        double[] val = {0.119341219, 0.118110028, 0.128661997, 0.120628961, 0.118110028,
            0.252120062, 0.275183355, 0.127000683, 0.130115232, 0.119385538, 0.170285296,
            0.288406210, 0.279741211, 0.260824398, 0.263109430, 0.197681960, 0.192897700,
            0.279335514, 0.274742432, 0.262560686, 0.256304060};
        double[] spread = {0, 0, 0, 5.53e-22, 0, 1.96e-05, 0, 0, 0, 0, 2.77e-22, 0, 9.32e-05,
            0.000116, 2.75e-17, 0, 0.00104, 0, 3.86e-05, 9.03e-12, 3.86e-05};
        assertThat(firstCollapse(val, spread)).isZero();
    }

    @Test
    void progressInsideTheWindowPutsItOff() {
        double[] val = repeat(BLANK, 45);
        double[] spread = repeat(0, 45);
        Arrays.fill(spread, 0, 10, 0.03); // varied output in the first ten epochs
        Arrays.fill(val, 25, 45, BLANK * 0.99); // progress in epoch 26
        // epochs 9..28 would have been the first window; epochs 26..45 the first without progress
        assertThat(firstCollapse(val, spread)).isEqualTo(45);
        assertThat(firstCollapse(repeat(BLANK, 45), spread)).isEqualTo(28);
    }

    @Test
    void aCollapseAfterAHealthyStartIsCaughtToo() {
        double[] val = new double[35];
        double[] spread = new double[35];
        for (int i = 0; i < 35; i++) {
            val[i] = i < 10 ? 0.05 - 0.001 * i : BLANK;
            spread[i] = i < 10 ? 0.03 : 0;
        }
        assertThat(firstCollapse(val, spread)).isEqualTo(29); // epochs 10..29: 18 constant
    }

    @Test
    void unknownOrNonFiniteInputsNeverCountAsACollapse() {
        assertThat(CollapseDetector.collapsed(new double[0], new double[0])).isFalse();
        assertThat(CollapseDetector.collapsed(repeat(1, 20), repeat(0, 19))).isFalse();
        assertThat(CollapseDetector.collapsed(repeat(Double.NaN, 20), repeat(0, 20))).isFalse();
        assertThat(CollapseDetector.collapsed(repeat(1, 20), repeat(Double.NaN, 20))).isFalse();
        assertThat(CollapseDetector.collapsed(repeat(1, 20), repeat(0, 20))).isTrue();
        // a resumed run's replayed epochs have no output variance: fresh evidence is needed
        double[] spread = repeat(0, 30);
        Arrays.fill(spread, 0, 12, Double.NaN);
        assertThat(CollapseDetector.collapsed(repeat(1, 30), spread)).isTrue();
        Arrays.fill(spread, 0, 13, Double.NaN);
        assertThat(CollapseDetector.collapsed(repeat(1, 30), spread)).isFalse();
    }
}
