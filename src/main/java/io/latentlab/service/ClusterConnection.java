package io.latentlab.service;

import io.latentlab.cluster.ClusterMember;
import io.latentlab.cluster.ClusterSearch;
import io.latentlab.cluster.ClusterSettings;
import io.latentlab.cluster.ClusterTrialWorkers;
import io.latentlab.cluster.SearchSpec;
import io.latentlab.data.MnistData;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridTrials;
import io.latentlab.study.TrialWorkers;
import io.latentlab.training.TrainingControl;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The app's member of a grid-search cluster: started when the user connects, left when they
 * disconnect or close the app. While connected, grid searches can send their fits to the
 * cluster ({@link #workers}, {@link #run}) and the Study view lists the members and what each
 * trains ({@link #members}). Plain Java types only; any thread unless said otherwise.
 */
public final class ClusterConnection implements AutoCloseable {

    /**
     * One member of the cluster.
     *
     * @param address e.g. {@code 192.168.1.20:5701}
     * @param workers fits it trains at the same time (0: it only sends fits)
     * @param local whether it is this app
     * @param running one line per fit it trains now, e.g. {@code lr=0.01 wd=0.001 fold 2,
     *     epoch 3}
     */
    public record Member(String address, int workers, boolean local, List<String> running) {
        /** Copies the list. */
        public Member {
            running = List.copyOf(running);
        }
    }

    private final ClusterMember member;
    private final Consumer<String> log;

    private ClusterConnection(ClusterMember member, Consumer<String> log) {
        this.member = member;
        this.log = log;
    }

    /**
     * Joins a cluster (or starts one that workers join) with a member of this process; blocks
     * for a few seconds while it looks for the others (call it from a worker job).
     *
     * @param clusterName the cluster's name ({@code latent-lab} by default)
     * @param bind this machine's address to listen on; {@code 127.0.0.1} keeps the cluster on
     *     this machine
     * @param join {@code HOST:PORT} of members to join, comma-separated, or blank to start one
     * @param workers fits this app trains for the cluster at the same time (0: none)
     * @param data the app's data; every member must have the same
     * @param log receives members joining and leaving, and fits sent again after their
     *     member left (any thread), or null
     * @return the connection
     * @throws IllegalArgumentException naming a bad setting
     * @throws IllegalStateException if the member cannot start (e.g. no such address here)
     */
    public static ClusterConnection connect(String clusterName, String bind, String join,
            int workers, MnistData data, Consumer<String> log) {
        List<String> members = join == null || join.isBlank() ? List.of()
                : ClusterSettings.parseMembers(join);
        ClusterSettings settings = new ClusterSettings(clusterName, bind,
                ClusterSettings.DEFAULT_PORT, true, members, workers);
        Consumer<String> sink = log == null ? s -> { } : log;
        ClusterMember m = ClusterMember.start(settings, data, null);
        m.reportMembership(sink);
        return new ClusterConnection(m, sink);
    }

    /** @return this app's member address, e.g. {@code 127.0.0.1:5701} */
    public String address() {
        return member.address();
    }

    /** @return the cluster's name */
    public String clusterName() {
        return member.clusterName();
    }

    /** @return every member, by address, with the fits each trains now */
    public List<Member> members() {
        return member.members().stream().map(s -> new Member(s.address(), s.workers(),
                s.local(), s.running())).toList();
    }

    /**
     * Workers for a {@link io.latentlab.study.TrialScheduler} (what {@code GridSearchRun} gives
     * its local threads): the fits go to the cluster's members. Close them when the search ends.
     *
     * @param trials the search
     * @return the cluster's workers; {@link TrialWorkers#activity()} has one entry per worker of
     *     every member
     */
    public TrialWorkers workers(GridTrials trials) {
        return new ClusterTrialWorkers(member, SearchSpec.of(trials.options(),
                trials.data().checksum()), log);
    }

    /**
     * Runs a grid search on the cluster and waits for it, on the calling thread (a worker job,
     * never the FX thread). Same listener, hook, outcome and numbers as
     * {@link io.latentlab.study.ParallelGridSearch#run} with one PyTorch thread per worker.
     *
     * @param data the data
     * @param options the settings
     * @param listener progress, or null
     * @param control cancel, or null
     * @param finished settings already done
     * @param afterSetting receives the result so far after every setting, or null
     * @return the outcome
     * @throws GridSearch.Cancelled if cancelled
     * @throws IOException if {@code afterSetting} fails
     */
    public GridSearch.Result run(MnistData data, GridSearch.Options options,
            GridSearch.Listener listener, TrainingControl control,
            List<GridSearch.SettingResult> finished, GridSearch.SettingHook afterSetting)
            throws IOException {
        return ClusterSearch.run(member, data, options, listener, control, finished,
                afterSetting, log);
    }

    /** Leaves the cluster; fits this app was training are trained again by the others. */
    @Override
    public void close() {
        member.close();
    }
}
