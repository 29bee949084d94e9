package io.latentlab.cluster;

import io.latentlab.data.MnistData;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * This process's member of a Hazelcast cluster: it joins (or starts) the cluster named in its
 * settings over TCP/IP (no multicast, no discovery), listens only on the address it is told
 * (loopback by default) and trains fits sent to it on its own worker threads.
 *
 * <p>Open-source Hazelcast has no authentication: anyone who reaches the port and knows the
 * cluster name can join. Only classes of this application and plain Java types are accepted
 * from the wire (a Java serialization filter), but a cluster belongs on a trusted network.
 */
public final class ClusterMember implements AutoCloseable {

    static final String FITS = "latentlab.fits";
    static final String ACTIVITY = "latentlab.activity";
    static final String EXECUTOR = "latentlab.fits";
    static final String TRAINER = "latentlab.trainer";
    static final String WORKERS_ATTRIBUTE = "latentlab.workers";
    private static final String LOGGING_PROPERTY = "hazelcast.logging.type";

    private final HazelcastInstance hz;
    private final MemberTrainer trainer;

    private ClusterMember(HazelcastInstance hz, MemberTrainer trainer) {
        this.hz = hz;
        this.trainer = trainer;
    }

    /**
     * Starts a member and joins its cluster (or starts one when nobody answers).
     *
     * @param settings where and how
     * @param data this member's data (its fits are checked against each search's checksum);
     *     may be null when {@code settings.workers()} is 0
     * @param log one line per fit started and ended on this member, or null
     * @return the member
     * @throws IllegalStateException if Hazelcast cannot start (port taken, bad address)
     */
    public static ClusterMember start(ClusterSettings settings, MnistData data,
            Consumer<String> log) {
        // read before the config is: without it the first lines go to java.util.logging
        if (System.getProperty(LOGGING_PROPERTY) == null) {
            System.setProperty(LOGGING_PROPERTY, "slf4j");
        }
        MemberTrainer trainer = settings.workers() > 0
                ? new MemberTrainer(data, settings.workers(), log) : null;
        try {
            HazelcastInstance hz = Hazelcast.newHazelcastInstance(config(settings, trainer));
            if (trainer != null) {
                trainer.attach(hz);
            }
            return new ClusterMember(hz, trainer);
        } catch (RuntimeException e) {
            if (trainer != null) {
                trainer.close();
            }
            throw new IllegalStateException("cannot start a cluster member on " + settings.bind()
                    + ":" + settings.port() + ": " + e.getMessage(), e);
        }
    }

    /** The Hazelcast configuration of a member. */
    static Config config(ClusterSettings settings, MemberTrainer trainer) {
        Config c = new Config();
        c.setClusterName(settings.clusterName());
        c.setInstanceName("latent-lab-" + java.util.UUID.randomUUID());
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        // we stop the member ourselves, after the fits in progress are cancelled
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "2");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", "20");
        c.setProperty("hazelcast.prefer.ipv4.stack", "true");
        // a grid-search cluster is a handful of machines: no need to gather joiners for 5 s
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(settings.port()).setPortAutoIncrement(settings.portAutoIncrement())
                .setPortCount(20);
        if ("0.0.0.0".equals(settings.bind())) {
            c.setProperty("hazelcast.socket.bind.any", "true");
        } else {
            c.setProperty("hazelcast.socket.bind.any", "false");
            net.getInterfaces().setEnabled(true).addInterface(settings.bind());
        }
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(settings.join()));
        c.getJetConfig().setEnabled(false);
        c.getMemberAttributeConfig().setAttribute(WORKERS_ATTRIBUTE,
                Integer.toString(settings.workers()));
        // a task blocks its executor thread while its fit trains on the trainer's threads
        c.getExecutorConfig(EXECUTOR).setPoolSize(Math.max(1, settings.workers()) + 1);
        c.getMapConfig(ACTIVITY).setBackupCount(0);
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
        // failures come back as Java-serialized exceptions, Hazelcast's among them; Hazelcast's
        // blacklist of known gadget classes stays on
        filter.getWhitelist().addPrefixes("io.latentlab.", "java.", "com.hazelcast.", "[D",
                "[Ljava.");
        c.getSerializationConfig().setJavaSerializationFilterConfig(filter);
        Map<String, Object> context = new ConcurrentHashMap<>();
        if (trainer != null) {
            context.put(TRAINER, trainer);
        }
        c.setUserContext(new ConcurrentHashMap<>(context));
        return c;
    }

    /** @return the Hazelcast instance */
    HazelcastInstance instance() {
        return hz;
    }

    /** @return this member's address, e.g. {@code 127.0.0.1:5701} */
    public String address() {
        return address(hz.getCluster().getLocalMember());
    }

    /** @return the cluster's name */
    public String clusterName() {
        return hz.getConfig().getClusterName();
    }

    /** @return fits this member trains at the same time */
    public int workers() {
        return trainer == null ? 0 : trainer.workers();
    }

    static String address(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    static int workers(Member m) {
        String w = m.getAttribute(WORKERS_ATTRIBUTE);
        try {
            return w == null ? 0 : Integer.parseInt(w);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * What one member is doing.
     *
     * @param address its address
     * @param workers fits it trains at the same time
     * @param local whether it is this process
     * @param running one line per fit it trains now, e.g. {@code lr=0.01 wd=0.001 fold 2,
     *     epoch 3}
     */
    public record MemberStatus(String address, int workers, boolean local, List<String> running) {
        /** Copies the list. */
        public MemberStatus {
            running = List.copyOf(running);
        }
    }

    /** @return every member of the cluster, by address, with the fits each trains (any thread) */
    public List<MemberStatus> members() {
        IMap<String, FitActivity> activity = hz.getMap(ACTIVITY);
        List<FitActivity> all = new ArrayList<>(activity.values());
        all.sort(Comparator.comparingInt(FitActivity::slot));
        List<MemberStatus> out = new ArrayList<>();
        for (Member m : hz.getCluster().getMembers()) {
            String a = address(m);
            List<String> running = all.stream().filter(f -> f.member().equals(a))
                    .map(f -> f.trial().label() + ", epoch " + f.epoch()).toList();
            out.add(new MemberStatus(a, workers(m), m.localMember(), running));
        }
        out.sort(Comparator.comparing(MemberStatus::address));
        return out;
    }

    /**
     * Reports members joining and leaving.
     *
     * @param log receives e.g. {@code member 127.0.0.1:5702 joined (2 workers)} (any thread)
     */
    public void reportMembership(Consumer<String> log) {
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                log.accept("member " + address(e.getMember()) + " joined ("
                        + workers(e.getMember()) + " workers)");
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                log.accept("member " + address(e.getMember()) + " left");
            }
        });
    }

    /** @return members in the cluster, this one included */
    public int size() {
        return hz.getCluster().getMembers().size();
    }

    /** Leaves the cluster: fits in progress here stop and are trained again elsewhere. */
    @Override
    public void close() {
        try {
            hz.shutdown();
        } finally {
            if (trainer != null) {
                trainer.close();
            }
        }
    }
}
