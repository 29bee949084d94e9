package io.latentlab.training;

/**
 * Metrics of one finished epoch. A metric that was not computed is NaN.
 *
 * @param epoch 1-based epoch number
 * @param trainMse mean batch loss over the epoch
 * @param valMse MSE on the validation split
 * @param testMse MSE on the test set
 * @param seconds wall time of this epoch, evaluation included
 * @param best whether this epoch has the best monitored loss so far
 */
public record EpochMetrics(int epoch, double trainMse, double valMse, double testMse,
        double seconds, boolean best) {

    /**
     * @param monitor which loss to return
     * @return the monitored loss
     */
    public double monitored(Monitor monitor) {
        return switch (monitor) {
            case VALIDATION -> valMse;
            case TEST -> testMse;
            case TRAIN -> trainMse;
        };
    }
}
