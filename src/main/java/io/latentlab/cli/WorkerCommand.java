package io.latentlab.cli;

import io.latentlab.cluster.ClusterMember;
import io.latentlab.cluster.ClusterSettings;
import io.latentlab.data.MnistData;
import io.latentlab.study.LocalTrialWorkers;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** A cluster member that trains grid-search fits until stopped. */
@Command(name = "worker",
        description = "Starts a cluster member that trains the fits of grid searches sent to "
                + "the cluster (grid-search --cluster), one line per fit, until stopped with "
                + "Ctrl+C. Its fits use its own --data, which must be the searches' data.")
final class WorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--join", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Members of the cluster to join (default: start a cluster that "
                    + "others join).")
    String join;

    @Option(names = "--port", paramLabel = "P",
            description = "Port to listen on (default: " + ClusterSettings.DEFAULT_PORT
                    + ", or the next free one).")
    Integer port;

    @Option(names = "--workers", paramLabel = "N",
            description = "Fits trained at the same time, each with one PyTorch thread "
                    + "(default: one per core, ${DEFAULT-VALUE} here).",
            defaultValue = "${sys:latentlab.defaultWorkers}")
    Integer workers;

    static {
        if (System.getProperty("latentlab.defaultWorkers") == null) {
            System.setProperty("latentlab.defaultWorkers", Integer.toString(
                    LocalTrialWorkers.defaultWorkers(Runtime.getRuntime().availableProcessors())));
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        if (workers == null || workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
        List<String> members = join == null ? List.of() : ClusterSettings.parseMembers(join);
        ClusterSettings settings = new ClusterSettings(cluster.name, cluster.bind,
                port == null ? ClusterSettings.DEFAULT_PORT : port, port == null, members,
                workers);
        MnistData mnist = data.load();
        Object lock = new Object();
        CountDownLatch stopped = new CountDownLatch(1);
        ClusterMember member = ClusterMember.start(settings, mnist, line -> say(pw, lock, line));
        Thread hook = new Thread(() -> {
            say(pw, lock, "stopping: fits in progress here are trained again elsewhere");
            member.close();
            stopped.countDown();
        }, "worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        say(pw, lock, "worker " + member.address() + " in cluster '" + member.clusterName()
                + "' with " + workers + " worker" + (workers == 1 ? "" : "s") + ", data "
                + data.resolve() + " (sha256 " + mnist.checksum().substring(0, 12) + "...)");
        if (!members.isEmpty() && member.size() == 1) {
            say(pw, lock, "note: no member of cluster '" + member.clusterName() + "' answered at "
                    + String.join(",", members) + " (check the address and --cluster-name); "
                    + "waiting as a cluster of one that others can join");
        } else {
            say(pw, lock, "members: " + member.size());
        }
        member.reportMembership(line -> say(pw, lock, line));
        say(pw, lock, "waiting for fits; Ctrl+C stops");
        stopped.await();
        return 0;
    }

    private static void say(PrintWriter pw, Object lock, String line) {
        synchronized (lock) {
            pw.println(line);
            pw.flush();
        }
    }
}
