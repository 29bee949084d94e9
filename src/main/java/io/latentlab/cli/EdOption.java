package io.latentlab.cli;

import picocli.CommandLine.Option;

/** The shared {@code --ed N} option: one default for every command that builds a model. */
final class EdOption {

    @Option(names = "--ed", paramLabel = "N", defaultValue = "32",
            description = "Encoding dimension (default: ${DEFAULT-VALUE}).")
    int value;
}
