package io.latentlab.cli;

import picocli.CommandLine.Option;

/** The shared {@code --seed} and {@code --train-limit} of train and grid-search. */
final class TrainingSubsetOptions {

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of the subset, the split or folds, the initial weights and the "
                    + "shuffling (default: ${DEFAULT-VALUE}; at LR 1e-2 some seeds, 42 among "
                    + "them, collapse to a blank output).")
    long seed;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0",
            description = "Use a random subset of this many training digits, 0 = all "
                    + "(default: ${DEFAULT-VALUE}).")
    int trainLimit;
}
