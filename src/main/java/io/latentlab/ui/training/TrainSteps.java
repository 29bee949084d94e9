package io.latentlab.ui.training;

import io.latentlab.data.MnistData;
import io.latentlab.service.ModelHandle;
import io.latentlab.service.TrainingRun;
import io.latentlab.training.RunFolders;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingEvent;
import io.latentlab.training.TrainingResult;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Queue;

/**
 * A GUI training run as the steps of one engine job: the first step creates the run folder
 * and the {@link TrainingRun}, every later step trains one batch or evaluates one epoch. Between
 * steps the engine is free, and a paused job holds no thread. Events go to a queue the view
 * model drains on the FX thread.
 */
final class TrainSteps implements Job.Steps<TrainSteps.Outcome> {

    /**
     * How a run ended (made on the engine thread).
     *
     * @param result the run's outcome
     * @param dir its folder
     * @param saved the best model it saved, loaded for the user to pick; null if no epoch
     *     finished or loading failed
     * @param loadError why the saved model could not be loaded, or null
     */
    record Outcome(TrainingResult result, Path dir, ModelHandle saved, IOException loadError) {}

    /**
     * Queued once the run folder exists.
     *
     * @param dir the folder
     */
    record Opened(Path dir) {}

    /** Queued when a step first sees the cancel request (it may come from the status bar). */
    static final Object STOPPING = new Object() {
        @Override
        public String toString() {
            return "stopping";
        }
    };

    private final TrainingConfig config;
    private final MnistData data;
    private final Path root;
    private final int[] previewIndices;
    private final Queue<Object> out;
    private TrainingRun run;
    private boolean cancelSent;
    private boolean closed;
    private double done;

    /**
     * @param config settings
     * @param data the dataset
     * @param root where run folders are created
     * @param previewIndices test digits reconstructed after every epoch
     * @param out receives the events (engine thread writes, FX thread reads)
     */
    TrainSteps(TrainingConfig config, MnistData data, Path root, int[] previewIndices,
            Queue<Object> out) {
        this.config = config;
        this.data = data;
        this.root = root;
        this.previewIndices = previewIndices.clone();
        this.out = out;
    }

    @Override
    public boolean step(JobContext ctx) throws Exception {
        try {
            if (run == null) {
                Path dir = RunFolders.create(root, config.encodingDim(), LocalDateTime.now());
                out.add(new Opened(dir));
                run = TrainingRun.start(config, data, dir, previewIndices, this::onEvent);
                return true;
            }
            if (ctx.isCancelled() && !cancelSent) {
                cancelSent = true;
                out.add(STOPPING);
                run.cancel();
            }
            boolean more = run.step();
            ctx.progress(done, config.maxEpochs());
            return more;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void onEvent(TrainingEvent event) {
        out.add(event);
        if (event instanceof TrainingEvent.BatchEnd b) {
            done = b.epoch() - 1 + (double) b.batch() / b.batches();
        } else if (event instanceof TrainingEvent.EpochEnd e) {
            done = e.metrics().epoch();
        }
    }

    @Override
    public Outcome result() throws IOException {
        try {
            TrainingResult r = run.result();
            ModelHandle saved = null;
            IOException loadError = null;
            if (r.history().isEmpty()) {
                close();
                RunFolders.deleteUnstarted(run.dir());
            } else {
                try {
                    saved = run.loadSaved();
                } catch (IOException e) {
                    loadError = e;
                }
            }
            return new Outcome(r, run.dir(), saved, loadError);
        } finally {
            close();
        }
    }

    private void close() throws IOException {
        if (run != null && !closed) {
            closed = true;
            run.close();
        }
    }
}
