package io.latentlab.cli;

import io.latentlab.data.Seeds;

import picocli.CommandLine.Option;

/** The one {@code --seed} of every command that draws anything at random. */
final class SeedOption {

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + Seeds.DEFAULT,
            description = "Seed of every random choice: noise, random subsets (training digits, "
                    + "kNN reference, silhouette sample), split or folds, initial weights, "
                    + "shuffling (default: ${DEFAULT-VALUE}, the seed of the shipped models).")
    long value;
}
