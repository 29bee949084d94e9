package io.latentlab.training;

/** Why a training run ended. */
public enum StopReason {
    /** The maximum number of epochs was reached. */
    MAX_EPOCHS,
    /** The monitored loss improved by no more than the tolerance over the window. */
    PLATEAU,
    /** The monitored loss rose over the window. */
    OVERFITTING,
    /** The user cancelled. */
    CANCELLED,
    /** Loss or gradients became NaN or infinite. */
    DIVERGED;

    /** @return true for the two early-stopping reasons */
    public boolean isEarlyStop() {
        return this == PLATEAU || this == OVERFITTING;
    }
}
