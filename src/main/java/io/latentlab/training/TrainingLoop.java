package io.latentlab.training;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.Backprop;
import io.latentlab.model.CheckpointException;

import java.io.IOException;

/**
 * The one training loop, used by the CLI, the GUI and the study: Adam (PyTorch semantics), MSE,
 * per-epoch shuffling, early stopping with best-weight restore, validation and test MSE every
 * epoch, events to a listener, cancel and pause between batches, and optional checkpoints to
 * resume from.
 *
 * <p>{@link #run} drives a {@link TrainingSession} to its end on the calling thread, which must
 * be the thread that owns DJL. The app drives the session itself, one step per engine job, so a
 * paused run holds no thread at all.
 */
public final class TrainingLoop {

    private final TrainingConfig config;
    private final MnistData data;
    private final TrainingListener listener;
    private final TrainingControl control;
    private boolean autograd;
    private LatentProbe trail;

    /**
     * @param config settings
     * @param data training and test sets
     * @param listener receives events on this thread
     * @param control cancel/pause, checked between batches
     */
    public TrainingLoop(TrainingConfig config, MnistData data, TrainingListener listener,
            TrainingControl control) {
        this.config = config;
        this.data = data;
        this.listener = listener == null ? e -> { } : listener;
        this.control = control == null ? new TrainingControl() : control;
    }

    /**
     * Chooses how gradients are computed: by {@link Backprop} (the default, faster) or by
     * DJL's autograd over the whole model (the reference; {@code bench --autograd} times it).
     * Both give the same gradients up to float rounding.
     *
     * @param on true for whole-graph autograd
     * @return this loop
     */
    public TrainingLoop autograd(boolean on) {
        this.autograd = on;
        return this;
    }

    /**
     * Keeps the run's latent trail: after every epoch the probe's picture is aligned to the
     * one before, written into the run folder with the epoch's commit (see
     * {@link LatentTrailFiles}) and published as a {@link TrainingEvent.LatentSnapshot} after
     * the {@link TrainingEvent.EpochEnd}. A resumed run aligns its first picture to the last
     * stored one.
     *
     * @param probe takes the pictures, or null for none (the default)
     * @return this loop
     */
    public TrainingLoop latentTrail(LatentProbe probe) {
        this.trail = probe;
        return this;
    }

    /**
     * Trains a new model from scratch, optionally checkpointing into {@code checkpoint}.
     *
     * @param model a freshly created model with ED matching the config
     * @param checkpoint where to save the run, or null
     * @return the outcome; the model holds the best weights (unless nothing finished)
     * @throws IOException if a checkpoint cannot be written
     */
    public TrainingResult run(Autoencoder model, RunCheckpoint checkpoint) throws IOException {
        return drive(open(model, checkpoint, null));
    }

    /**
     * Continues a run from saved state.
     *
     * @param model a model with ED matching the config
     * @param checkpoint the run folder (keeps being updated)
     * @param state state loaded from the folder
     * @return the outcome
     * @throws IOException if the state does not fit or a checkpoint cannot be written
     */
    public TrainingResult resume(Autoencoder model, RunCheckpoint checkpoint,
            RunCheckpoint.State state) throws IOException {
        return drive(open(model, checkpoint, state));
    }

    private TrainingResult drive(TrainingSession session) throws IOException {
        try (session) {
            while (true) {
                if (!control.awaitRunnable()) {
                    session.cancel();
                }
                if (!session.step()) {
                    return session.result();
                }
            }
        }
    }

    /**
     * Opens a run that advances one step (a batch, or an epoch's evaluation) per
     * {@link TrainingSession#step()} call, so whoever owns the thread decides what runs in
     * between. Call every method of the session on this (the DJL) thread.
     *
     * @param model a freshly created model with ED matching the config, or the one to resume
     * @param checkpoint where to save the run, or null
     * @param resume state loaded from {@code checkpoint}, or null for a new run
     * @return the session, ready for its first step
     * @throws IOException if the resume state does not fit
     */
    public TrainingSession open(Autoencoder model, RunCheckpoint checkpoint,
            RunCheckpoint.State resume) throws IOException {
        if (model.encodingDim() != config.encodingDim()) {
            throw new IllegalArgumentException("model has ED=" + model.encodingDim()
                    + " but the settings say ED=" + config.encodingDim());
        }
        if (resume != null && resume.datasetChecksum() != null
                && !resume.datasetChecksum().equals(data.checksum())) {
            throw new CheckpointException(checkpoint.dir(), "was trained on another dataset "
                    + "(checksum " + resume.datasetChecksum() + ", loaded data has "
                    + data.checksum() + ")");
        }
        return new TrainingSession(config, data, listener, autograd, trail, model, checkpoint,
                resume);
    }
}
