package io.latentlab.cli;

import io.latentlab.cluster.ClusterMember;
import io.latentlab.cluster.ClusterSearch;
import io.latentlab.cluster.ClusterSettings;
import io.latentlab.cluster.FitLog;
import io.latentlab.cluster.SearchSpec;
import io.latentlab.data.MnistData;
import io.latentlab.study.GridSearch;
import io.latentlab.study.LocalTrialWorkers;
import io.latentlab.training.TrainingControl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** {@code grid-search --cluster}: the fits train on the members of a cluster. */
final class ClusterSearchOptions {

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Train the fits on the cluster these members belong to (started with "
                    + "'latent-lab worker'); this process joins it as a member with --workers "
                    + "workers of its own (0: it only sends fits). The numbers equal a local "
                    + "search with one PyTorch thread per worker.")
    String members;

    @Mixin
    ClusterOptions cluster;

    boolean given() {
        return members != null;
    }

    /**
     * Joins the cluster, runs the search on it, leaves.
     *
     * @param parsed the command line (for {@code --workers}, which may be 0 here)
     * @param out the summary; each fit is saved as it arrives next to it ({@link FitLog})
     * @param resume whether fits saved by an interrupted search may be used
     */
    GridSearch.Result run(MnistData data, GridSearch.Options options,
            GridSearch.Listener listener, TrainingControl control,
            List<GridSearch.SettingResult> finished, GridSearch.SettingHook save, PrintWriter pw,
            ParseResult parsed, Path out, boolean resume) throws IOException {
        FitLog fits = FitLog.open(FitLog.pathFor(out), SearchSpec.of(options, data.checksum()),
                resume);
        if (!fits.fits().isEmpty()) {
            pw.println("resuming: " + fits.fits().size() + " finished fits from " + fits.path());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = parsed.hasMatchedOption("--workers")
                ? parsed.<Integer>matchedOptionValue("--workers", 1)
                : LocalTrialWorkers.defaultWorkers(cores);
        ClusterSettings settings = new ClusterSettings(cluster.name, cluster.bind,
                ClusterSettings.DEFAULT_PORT, true, ClusterSettings.parseMembers(members),
                workers);
        Object lock = new Object();
        try (ClusterMember member = ClusterMember.start(settings, data, null)) {
            if (member.size() == 1) {
                String why = "no member of cluster '" + member.clusterName() + "' answered at "
                        + members + " (is 'latent-lab worker' running there, with this "
                        + "--cluster-name and a --bind the network reaches?)";
                if (workers == 0) {
                    throw new IllegalStateException(why + "; with --workers 0 nothing would "
                            + "train");
                }
                say(pw, lock, "note: " + why + "; training here until members join");
            }
            member.reportMembership(line -> say(pw, lock, line));
            say(pw, lock, "cluster '" + member.clusterName() + "': " + member.size()
                    + " members, this one " + member.address() + " with " + workers
                    + " worker" + (workers == 1 ? "" : "s"));
            return ClusterSearch.run(member, data, options, p -> {
                synchronized (lock) {
                    listener.onProgress(p);
                }
            }, control, finished, save, line -> say(pw, lock, line), fits);
        }
    }

    private static void say(PrintWriter pw, Object lock, String line) {
        synchronized (lock) {
            pw.println(line);
            pw.flush();
        }
    }
}
