package io.latentlab.cli;

import picocli.CommandLine.Option;

/** The shared {@code --batch N} option of the commands that train. */
final class BatchOption {

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int value;
}
