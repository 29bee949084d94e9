package io.latentlab.cli;

import picocli.CommandLine.Option;

/** The shared {@code --seed} and {@code --clip} of the commands that add noise. */
final class NoiseOptions {

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the noise, and of any random subset (default: "
                    + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clip", description = "Clamp the noisy input to [0, 1].")
    boolean clip;
}
