package io.latentlab.cli;

import io.latentlab.cluster.ClusterSettings;

import picocli.CommandLine.Option;

/** {@code --cluster-name} and {@code --bind}, shared by {@code worker} and {@code grid-search}. */
final class ClusterOptions {

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = ClusterSettings.DEFAULT_NAME,
            description = "Name of the cluster; a member joins only a cluster of this name "
                    + "(default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = ClusterSettings.LOOPBACK,
            description = "IP address of this machine the cluster member listens on: "
                    + "${DEFAULT-VALUE} (default) keeps it on this machine; give the address "
                    + "of the network the other machines reach (e.g. 192.168.1.20), or 0.0.0.0 "
                    + "for all. The cluster has no authentication: use a trusted network only.")
    String bind;
}
