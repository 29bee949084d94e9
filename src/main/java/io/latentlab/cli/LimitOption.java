package io.latentlab.cli;

import picocli.CommandLine.Option;

/** The shared {@code --limit N} of the commands that score test digits. */
final class LimitOption {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Only the first N test digits, 0 = all (default: ${DEFAULT-VALUE}).")
    int n;

    /**
     * @return the limit
     * @throws IllegalArgumentException if it is negative
     */
    int value() {
        if (n < 0) {
            throw new IllegalArgumentException("--limit must be >= 0, got " + n);
        }
        return n;
    }
}
