package io.latentlab.cluster;

import java.util.List;

/**
 * How a member starts: which cluster, on which address and port, whom it joins, how many fits it
 * trains at the same time.
 *
 * @param clusterName the cluster's name; a member joins only a cluster of the same name
 * @param bind the IP address of this machine the member listens on; {@value #LOOPBACK} keeps
 *     the cluster on this machine, {@code 0.0.0.0} listens on every interface
 * @param port the member's port
 * @param portAutoIncrement whether to try the next ports when {@code port} is taken
 * @param join {@code HOST:PORT} (or {@code HOST}) of members to join; empty to start a cluster
 * @param workers fits this member trains at the same time (0: it only sends fits)
 */
public record ClusterSettings(String clusterName, String bind, int port,
        boolean portAutoIncrement, List<String> join, int workers) {

    /** The default cluster name. */
    public static final String DEFAULT_NAME = "latent-lab";
    /** The default port (Hazelcast's). */
    public static final int DEFAULT_PORT = 5701;
    /** The default bind address: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";

    /** Validates; messages name the option. */
    public ClusterSettings {
        join = List.copyOf(join);
        if (clusterName == null || clusterName.isBlank()) {
            throw new IllegalArgumentException("--cluster-name must not be empty");
        }
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("--bind needs an IP address of this machine");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 1 and 65535, got " + port);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("--workers must be >= 0, got " + workers);
        }
        for (String m : join) {
            parsePort(m);
        }
    }

    /**
     * @param workers fits at the same time
     * @return a member that starts a cluster on loopback, default name and port (auto-increment)
     */
    public static ClusterSettings local(int workers) {
        return new ClusterSettings(DEFAULT_NAME, LOOPBACK, DEFAULT_PORT, true, List.of(), workers);
    }

    /**
     * @param members {@code HOST:PORT} of members to join
     * @return these settings joining them
     */
    public ClusterSettings joining(List<String> members) {
        return new ClusterSettings(clusterName, bind, port, portAutoIncrement, members, workers);
    }

    /**
     * @param text comma-separated {@code HOST:PORT} list, e.g. {@code 10.0.0.5:5701,10.0.0.6}
     * @return the entries, trimmed, checked
     * @throws IllegalArgumentException naming a bad entry
     */
    public static List<String> parseMembers(String text) {
        List<String> out = java.util.Arrays.stream(text.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--cluster/--join needs HOST:PORT, got '" + text
                    + "'");
        }
        out.forEach(ClusterSettings::parsePort);
        return out;
    }

    private static void parsePort(String member) {
        int colon = member.lastIndexOf(':');
        if (member.isBlank() || colon == 0) {
            throw new IllegalArgumentException("'" + member + "' is no HOST:PORT");
        }
        if (colon > 0) {
            try {
                int p = Integer.parseInt(member.substring(colon + 1));
                if (p < 1 || p > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + member + "' is no HOST:PORT (the port "
                        + "must be a number between 1 and 65535)");
            }
        }
    }
}
