package io.latentlab.cli;

import io.latentlab.analysis.LatentMetrics;

import picocli.CommandLine.Option;

/** The shared {@code --knn-train N} of the commands that compute latent metrics. */
final class KnnOption {

    @Option(names = "--knn-train", paramLabel = "N",
            defaultValue = "" + LatentMetrics.DEFAULT_REFERENCE,
            description = "Random training digits used as kNN reference, 0 = all "
                    + "(default: ${DEFAULT-VALUE}).")
    int value;
}
