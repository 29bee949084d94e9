package io.latentlab.training;

/** Which loss early stopping watches and best weights are chosen by. */
public enum Monitor {
    /** A held-out part of the training set (default). */
    VALIDATION,
    /** The 10,000 test digits, as the original study did. */
    TEST,
    /** The training loss itself (used when there is no validation split). */
    TRAIN
}
