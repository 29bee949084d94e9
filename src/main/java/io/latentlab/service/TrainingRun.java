package io.latentlab.service;

import io.latentlab.analysis.LatentTrail;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelStore;
import io.latentlab.training.RunCheckpoint;
import io.latentlab.training.RunLock;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingEvent;
import io.latentlab.training.TrainingListener;
import io.latentlab.training.TrainingLoop;
import io.latentlab.training.TrainingResult;
import io.latentlab.training.TrainingSession;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A training run as the app drives it, one {@link #step()} per engine job: a new model, a run
 * folder that is checkpointed every epoch, and after every epoch the reconstructions of a few
 * test digits ({@link TrainingEvent.Preview}) and the latent trail
 * ({@link TrainingEvent.LatentSnapshot}, also kept in the run folder). Every method but
 * {@link #cancel()} runs on the engine thread; events carry plain values only.
 */
public final class TrainingRun implements AutoCloseable {

    private final Autoencoder model;
    private final TrainingSession session;
    private final Path dir;
    private final RunLock lock;

    private TrainingRun(Autoencoder model, TrainingSession session, Path dir, RunLock lock) {
        this.model = model;
        this.session = session;
        this.dir = dir;
        this.lock = lock;
    }

    /**
     * Creates the model and opens the run (engine thread). Emits
     * {@link TrainingEvent.Started}.
     *
     * @param config settings
     * @param data the dataset
     * @param dir the run folder
     * @param previewIndices test digits reconstructed after every epoch
     * @param listener gets the events (engine thread; must not block)
     * @return the run, ready for its first step
     * @throws IOException if the run folder cannot be used, e.g. another training owns it
     */
    public static TrainingRun start(TrainingConfig config, MnistData data, Path dir,
            int[] previewIndices, TrainingListener listener) throws IOException {
        DjlThread.prepareCurrentThread();
        int n = Math.min(previewIndices.length, data.test().size());
        int ppi = data.test().pixelsPerImage();
        float[] previewPixels = new float[n * ppi];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.test().copyImage(previewIndices[i]), 0, previewPixels, i * ppi, ppi);
        }
        Autoencoder model = Autoencoder.create(config.encodingDim(), config.seed());
        ModelHandle view = new ModelHandle(model, null);
        TrainingListener withPreview = event -> {
            listener.onEvent(event);
            if (event instanceof TrainingEvent.EpochEnd end && n > 0) {
                float[] all = view.reconstruct(previewPixels);
                float[][] images = new float[n][];
                for (int i = 0; i < n; i++) {
                    images[i] = Arrays.copyOfRange(all, i * ppi, (i + 1) * ppi);
                }
                listener.onEvent(new TrainingEvent.Preview(end.metrics().epoch(), images));
            }
        };
        RunLock lock = null;
        try {
            lock = RunLock.acquire(dir);
            TrainingSession session = new TrainingLoop(config, data, withPreview, null)
                    .latentTrail(new LatentTrail(data.test(), LatentTrail.POINTS))
                    .open(model, new RunCheckpoint(dir), null);
            return new TrainingRun(model, session, dir, lock);
        } catch (IOException | RuntimeException e) {
            model.close();
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    /**
     * Trains one batch or evaluates one epoch.
     *
     * @return true while more steps follow
     * @throws IOException if a checkpoint cannot be written
     */
    public boolean step() throws IOException {
        return session.step();
    }

    /** Ends the run at its next batch (any thread). */
    public void cancel() {
        session.cancel();
    }

    /** @return the outcome once the last step returned false, else null */
    public TrainingResult result() {
        return session.result();
    }

    /** @return the run folder */
    public Path dir() {
        return dir;
    }

    /**
     * Loads the best model the run saved (engine thread), for the user to pick.
     *
     * @return the saved model, or null if no epoch finished
     * @throws IOException if the saved model cannot be read
     */
    public ModelHandle loadSaved() throws IOException {
        return ModelStore.hasModel(dir) ? ModelHandle.load(dir) : null;
    }

    /**
     * Frees the run's memory and the model being trained and gives up the folder (engine
     * thread).
     *
     * @throws IOException if the folder's lock cannot be released
     */
    @Override
    public void close() throws IOException {
        session.close();
        model.close();
        lock.close();
    }
}
