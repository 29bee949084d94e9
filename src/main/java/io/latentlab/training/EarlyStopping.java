package io.latentlab.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Early stopping as in the study. After each epoch {@code t} (1-based) with monitored losses
 * {@code L1..Lt}: let {@code before} be the best loss up to epoch {@code t-window} and
 * {@code recent} the best loss of the last {@code window} epochs. When
 * {@code before - recent <= tolerance} the loss has not improved by more than the tolerance over
 * the window and the run stops: {@link StopReason#OVERFITTING} if the loss rose over the window,
 * else {@link StopReason#PLATEAU}. "Rose" means that the least-squares line through the window's
 * losses climbs by more than {@code tolerance} from its first epoch to its last, and by more
 * than twice that rise's standard error: a trend that stands out of the epoch-to-epoch noise, so
 * that neither one noisy high epoch nor a noisy plateau counts as overfitting. The run also
 * stops at {@code maxEpochs}. The best epoch is the one with the lowest loss; its weights are
 * restored.
 */
public final class EarlyStopping {

    private final int maxEpochs;
    private final int window;
    private final double tolerance;
    private final List<Double> losses = new ArrayList<>();
    private int bestEpoch;
    private double bestLoss = Double.POSITIVE_INFINITY;

    /**
     * @param maxEpochs hard limit on epochs (>= 1)
     * @param window epochs over which an improvement is required; 0 disables early stopping
     * @param tolerance smallest improvement that counts (>= 0)
     */
    public EarlyStopping(int maxEpochs, int window, double tolerance) {
        if (maxEpochs < 1 || window < 0 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("invalid early stopping: maxEpochs=" + maxEpochs
                    + " window=" + window + " tolerance=" + tolerance);
        }
        this.maxEpochs = maxEpochs;
        this.window = window;
        this.tolerance = tolerance;
    }

    /**
     * Records the monitored loss of the next epoch.
     *
     * @param loss the loss (finite)
     * @return null to go on, or why to stop
     */
    public StopReason update(double loss) {
        losses.add(loss);
        int t = losses.size();
        if (loss < bestLoss) {
            bestLoss = loss;
            bestEpoch = t;
        }
        if (window > 0 && t > window) {
            double before = Double.POSITIVE_INFINITY;
            for (int i = 0; i < t - window; i++) {
                before = Math.min(before, losses.get(i));
            }
            double recent = Double.POSITIVE_INFINITY;
            for (int i = t - window; i < t; i++) {
                recent = Math.min(recent, losses.get(i));
            }
            if (before - recent <= tolerance) {
                double[] rise = trendRise(t - window, t);
                return rise[0] > tolerance && rise[0] > 2 * rise[1] ? StopReason.OVERFITTING
                        : StopReason.PLATEAU;
            }
        }
        return t >= maxEpochs ? StopReason.MAX_EPOCHS : null;
    }

    /**
     * Rise of the least-squares line through losses[from..to) over that span, and its standard
     * error (from the residuals; 0 for fewer than three points).
     */
    private double[] trendRise(int from, int to) {
        int n = to - from;
        if (n < 2) {
            return new double[] {0, 0};
        }
        double xMean = (n - 1) / 2.0;
        double yMean = 0;
        for (int i = from; i < to; i++) {
            yMean += losses.get(i) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = i - xMean;
            sxy += dx * (losses.get(from + i) - yMean);
            sxx += dx * dx;
        }
        double slope = sxy / sxx;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = losses.get(from + i) - yMean - slope * (i - xMean);
            rss += r * r;
        }
        double se = n > 2 ? Math.sqrt(rss / (n - 2) / sxx) : 0;
        return new double[] {slope * (n - 1), se * (n - 1)};
    }

    /** @return epochs recorded so far */
    public int epochs() {
        return losses.size();
    }

    /** @return the 1-based epoch with the lowest loss, 0 before the first */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return the lowest loss, +infinity before the first */
    public double bestLoss() {
        return bestLoss;
    }

    /** @return whether the last recorded epoch is the best so far */
    public boolean lastWasBest() {
        return bestEpoch == losses.size() && bestEpoch > 0;
    }
}
