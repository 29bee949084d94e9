package io.latentlab.cluster;

import io.latentlab.data.MnistData;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridTrials;
import io.latentlab.study.TrialScheduler;
import io.latentlab.study.TrialWorkers;
import io.latentlab.training.TrainingControl;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/** A grid search whose fits train on the members of a cluster. */
public final class ClusterSearch {

    private ClusterSearch() {}

    /**
     * Runs the grid, or what is left of it, on the cluster of {@code member} and waits on the
     * calling thread (which needs no DJL). Same listener, hook and outcome as
     * {@link io.latentlab.study.ParallelGridSearch#run}; the numbers equal a local search with one PyTorch thread
     * per worker.
     *
     * @param member this process's member
     * @param data the data; every member training a fit must have the same
     * @param options the settings
     * @param listener progress, or null
     * @param control cancel (pause is not sent to the members), or null
     * @param finished settings already done
     * @param afterSetting receives the ranked result so far after every newly trained setting,
     *     on the calling thread, or null
     * @param log one line per fit sent again after its member left, or null
     * @return the outcome
     * @throws GridSearch.Cancelled if cancelled
     * @throws IOException if {@code afterSetting} fails to save
     */
    public static GridSearch.Result run(ClusterMember member, MnistData data,
            GridSearch.Options options, GridSearch.Listener listener, TrainingControl control,
            List<GridSearch.SettingResult> finished, GridSearch.SettingHook afterSetting,
            Consumer<String> log) throws IOException {
        return run(member, data, options, listener, control, finished, afterSetting, log, null);
    }

    /**
     * {@link #run(ClusterMember, MnistData, GridSearch.Options, GridSearch.Listener,
     * TrainingControl, List, GridSearch.SettingHook, Consumer)} that also saves every fit as it
     * arrives to {@code fitLog}, takes the fits it already holds from it, and removes it when
     * the search ends (the summary then holds everything).
     *
     * @param fitLog the search's fits file ({@link FitLog#open}), or null
     */
    public static GridSearch.Result run(ClusterMember member, MnistData data,
            GridSearch.Options options, GridSearch.Listener listener, TrainingControl control,
            List<GridSearch.SettingResult> finished, GridSearch.SettingHook afterSetting,
            Consumer<String> log, FitLog fitLog) throws IOException {
        GridTrials trials = new GridTrials(data, options);
        TrialWorkers cluster = new ClusterTrialWorkers(member, SearchSpec.of(options,
                data.checksum()), log);
        try (TrialWorkers workers = fitLog == null ? cluster
                : new LoggedWorkers(cluster, fitLog)) {
            GridSearch.Result r = new TrialScheduler(trials, workers).listener(listener)
                    .afterSetting(afterSetting).run(control, finished);
            if (fitLog != null) {
                fitLog.delete();
            }
            return r;
        }
    }
}
