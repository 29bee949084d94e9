package io.latentlab.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The shared {@code --seed} and {@code --train-limit} of train and grid-search. */
final class TrainingSubsetOptions {

    @Mixin
    SeedOption seed;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0",
            description = "Use a random subset of this many training digits, 0 = all "
                    + "(default: ${DEFAULT-VALUE}).")
    int trainLimit;
}
