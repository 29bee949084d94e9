package io.latentlab.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Notices a run whose output has collapsed to one constant image (a layer's ReLUs dead, at too
 * high a learning rate or with an unlucky seed): every digit is reconstructed as the same image
 * and the loss makes no progress. Early stopping would wait out its whole window on such a run;
 * this stops it with a reason.
 *
 * <p>The rule: in the last {@link #EPOCHS} epochs the monitored loss never improved on the best
 * loss before them by more than a relative {@link #FLAT}, and in at least
 * {@link #CONSTANT_EPOCHS} of them the reconstructions of a fixed batch varied across its images
 * by less than {@link #CONSTANT} (mean per-pixel variance; a working model has 0.02 to 0.05).
 * Measured on 1000 to 3000 digits: at LR 1 without weight decay the output is the same image to
 * the last bit and the loss the same to nine digits every epoch; at LR 1 with weight decay the
 * constant image keeps changing (the loss wanders between 0.11 and 0.45) and a pixel or two
 * differ in a rare epoch. The window is long because a blank output is not always final: with
 * weight decay Adam moves even dead units by about the learning rate per step, and at the
 * default LR 1e-2 (seed 1, batch 100, 2700 training digits) a run sat on a constant output for
 * 11 epochs, its loss the same to nine digits, before it learned (validation MSE 0.036 at epoch
 * 25). Pure: no engine, so it is tested on measured sequences.
 */
public final class CollapseDetector {

    /** Epochs the rule looks back over. */
    public static final int EPOCHS = 20;

    /** Epochs of those in which the output must have been constant. */
    public static final int CONSTANT_EPOCHS = 18;

    /** Smallest relative improvement of the loss that counts as progress. */
    public static final double FLAT = 1e-6;

    /** Largest variance across images of the fixed batch's reconstructions that is constant. */
    public static final double CONSTANT = 1e-6;

    private final List<Double> losses = new ArrayList<>();
    private final List<Double> spreads = new ArrayList<>();

    /**
     * Records an epoch.
     *
     * @param loss the monitored loss
     * @param spread mean per-pixel variance across images of the fixed batch's reconstructions,
     *     NaN if unknown (an epoch replayed from a resumed run's history)
     * @return true if the output has collapsed
     */
    public boolean update(double loss, double spread) {
        losses.add(loss);
        spreads.add(spread);
        return collapsed(toArray(losses), toArray(spreads));
    }

    /** @return in how many of the last {@link #EPOCHS} epochs the output was constant */
    public int constantEpochs() {
        int count = 0;
        for (int i = Math.max(0, spreads.size() - EPOCHS); i < spreads.size(); i++) {
            count += isConstant(spreads.get(i)) ? 1 : 0;
        }
        return count;
    }

    /**
     * The rule on a run's epochs so far.
     *
     * @param losses monitored loss of every epoch, oldest first
     * @param spreads output variance across images of the same epochs
     * @return true if the last {@link #EPOCHS} epochs made no progress and at least
     *     {@link #CONSTANT_EPOCHS} of them had a constant output; false for fewer epochs,
     *     mismatched arrays or a non-finite loss in the window
     */
    public static boolean collapsed(double[] losses, double[] spreads) {
        int t = losses.length;
        if (t < EPOCHS || spreads.length != t) {
            return false;
        }
        int from = t - EPOCHS;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= from; i++) {
            best = Math.min(best, losses[i]);
        }
        int constant = isConstant(spreads[from]) ? 1 : 0;
        for (int i = from + 1; i < t; i++) {
            if (!(losses[i] >= best * (1 - FLAT))) {
                return false; // progress, or NaN
            }
            constant += isConstant(spreads[i]) ? 1 : 0;
        }
        return Double.isFinite(best) && constant >= CONSTANT_EPOCHS;
    }

    private static boolean isConstant(double spread) {
        return spread >= 0 && spread < CONSTANT;
    }

    private static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
