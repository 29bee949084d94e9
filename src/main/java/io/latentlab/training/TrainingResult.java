package io.latentlab.training;

import java.util.List;

/**
 * Outcome of a training run.
 *
 * @param reason why it ended
 * @param history metrics of every epoch (including epochs of earlier sessions when resumed)
 * @param bestEpoch epoch whose weights the model holds now (0 if none finished)
 * @param message a one-line summary for the user
 * @param seconds wall time of this session
 */
public record TrainingResult(StopReason reason, List<EpochMetrics> history, int bestEpoch,
        String message, double seconds) {

    /** Copies the history. */
    public TrainingResult {
        history = List.copyOf(history);
    }

    /** @return the metrics of the best epoch, or null */
    public EpochMetrics best() {
        return bestEpoch < 1 ? null : history.get(bestEpoch - 1);
    }

    /** @return epochs run in total */
    public int epochs() {
        return history.size();
    }
}
