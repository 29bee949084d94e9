package io.latentlab.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The shared {@code --seed} and {@code --clip} of the commands that add noise. */
final class NoiseOptions {

    @Mixin
    SeedOption seed;

    @Option(names = "--clip", description = "Clamp the noisy input to [0, 1].")
    boolean clip;
}
