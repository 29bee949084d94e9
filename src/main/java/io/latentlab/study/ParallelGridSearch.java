package io.latentlab.study;

import io.latentlab.data.MnistData;
import io.latentlab.training.TrainingControl;

import java.io.IOException;
import java.util.List;

/** A grid search whose fits train side by side on threads of this process. */
public final class ParallelGridSearch {

    private ParallelGridSearch() {}

    /**
     * Runs the grid, or what is left of it, with {@code workers} fits training side by side
     * on threads of this process ({@link LocalTrialWorkers}), each with
     * {@code intraOpThreads} PyTorch threads, and waits on the calling thread (which needs no
     * DJL). Same listener, hook and outcome as {@link GridSearch#run(MnistData,
     * GridSearch.Options, GridSearch.Listener, TrainingControl, List, GridSearch.SettingHook)};
     * progress arrives per fit, as each epoch ends.
     *
     * @param data the data; only its training set is used
     * @param options the settings
     * @param workers fits at the same time, at least 1
     * @param intraOpThreads PyTorch threads per fit, at least 1
     * @param listener progress, or null
     * @param control cancel and pause, or null
     * @param finished settings already done
     * @param afterSetting receives the ranked result so far after every newly trained setting,
     *     on the calling thread, or null
     * @return the outcome
     * @throws GridSearch.Cancelled if cancelled; it carries the settings finished so far
     * @throws IOException if {@code afterSetting} fails to save
     */
    public static GridSearch.Result run(MnistData data, GridSearch.Options options, int workers,
            int intraOpThreads, GridSearch.Listener listener, TrainingControl control,
            List<GridSearch.SettingResult> finished, GridSearch.SettingHook afterSetting)
            throws IOException {
        TrainingControl ctl = control == null ? new TrainingControl() : control;
        GridTrials trials = new GridTrials(data, options);
        try (LocalTrialWorkers pool = new LocalTrialWorkers(trials, workers, intraOpThreads,
                ctl)) {
            return new TrialScheduler(trials, pool).listener(listener).afterSetting(afterSetting)
                    .run(ctl, finished);
        }
    }
}
