package io.latentlab.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.latentlab.data.Errors;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.Backprop;
import io.latentlab.model.CheckpointException;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelStore;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One training run as a sequence of steps: each {@link #step()} trains one batch or, after an
 * epoch's last batch, evaluates the epoch (validation and test MSE, early stopping,
 * checkpoint). Made by {@link TrainingLoop#open}; every method but {@link #cancel()} runs on the
 * thread that owns DJL. Each batch lives in its own sub-manager closed right after the optimizer
 * step, so native memory stays flat over arbitrarily long runs.
 */
public final class TrainingSession implements AutoCloseable {

    private static final int EVAL_BATCH = 1000;
    /** Images whose reconstructions the collapse detector compares. */
    private static final int PROBE_IMAGES = 100;

    private final TrainingConfig config;
    private final MnistData data;
    private final TrainingListener listener;
    private final Autoencoder model;
    private final RunCheckpoint checkpoint;
    private final LatentProbe trail;
    /** The last picture of the trail as stored, which the next one is aligned to. */
    private float[] lastPicture;
    // time spent inside step() only: a run paused between steps does not count the pause
    private long activeNanos;
    private final EarlyStopping stopping;
    private final CollapseDetector collapse = new CollapseDetector();
    private final List<EpochMetrics> history = new ArrayList<>();
    private final Split split;
    private final NDManager run;
    private final AdamOptimizer adam;
    private final Engine engine;
    private final Backprop backprop;
    private NDArray trainAll;
    private NDArray val;
    /** Validation inputs: {@link #val} itself, or its corrupted copy in a denoising run. */
    private NDArray valInput;
    private final DenoisingInputs inputs;
    private NDArray test;
    private NDArray probe;
    private int[] order;
    private int batches;
    private double priorSeconds;
    private byte[] bestParams;
    private volatile boolean cancelRequested;
    private boolean closed;
    private boolean alreadyFinished;

    private int epoch;
    private int batch;
    private long epochNanos;
    private long stepStart = System.nanoTime();
    private double lossSum;
    private int seen;
    private TrainingResult result;

    TrainingSession(TrainingConfig config, MnistData data, TrainingListener listener,
            boolean autograd, LatentProbe trail, Autoencoder model, RunCheckpoint checkpoint,
            RunCheckpoint.State resume) throws IOException {
        this.config = config;
        this.trail = trail;
        this.data = data;
        this.listener = listener;
        this.model = model;
        this.checkpoint = checkpoint;
        this.inputs = new DenoisingInputs(config.corruption(), config.seed());
        DjlThread.prepareCurrentThread();
        if (resume != null) {
            // before collecting parameters: loading replaces the parameter arrays
            ModelStore.loadParameters(model, resume.lastParams(), checkpoint.dir());
        }
        List<Parameter> params = new ArrayList<>();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            params.add(p.getValue());
            p.getValue().getArray().setRequiresGradient(true);
        }
        split = Split.of(data.train().size(), config.trainLimit(), config.valFraction(),
                config.seed());
        stopping = new EarlyStopping(config.maxEpochs(), config.patience(), config.tolerance());
        run = model.manager().newSubManager();
        adam = new AdamOptimizer(params, config.learningRate(), config.weightDecay());
        engine = model.manager().getEngine();
        backprop = autograd ? null : new Backprop(model);
        try {
            start(resume);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void start(RunCheckpoint.State resume) throws IOException {
        StopReason replayed = null;
        if (resume != null) {
            try {
                adam.load(new DataInputStream(new ByteArrayInputStream(resume.optimizer())));
            } catch (IOException e) {
                throw new CheckpointException(checkpoint.dir(), "optimizer state: "
                        + Errors.describe(e), e);
            }
            for (EpochMetrics m : resume.history()) {
                history.add(m);
                replayed = stopping.update(m.monitored(config.monitor()));
                collapse.update(m.monitored(config.monitor()), Double.NaN);
                priorSeconds += m.seconds();
            }
            bestParams = resume.bestParams();
            if (trail != null && checkpoint != null) {
                TrainingEvent.LatentSnapshot last = checkpoint.lastPicture(history.size());
                lastPicture = last == null ? null : last.xy();
            }
        }
        // the whole training set once; batches gather rows from it
        trainAll = Evaluator.toNDArray(run, data.train(), null);
        val = split.validation().length == 0 ? null
                : Evaluator.toNDArray(run, data.train(), split.validation());
        // a denoising run is judged on the task it learns: the same corrupted validation
        // inputs every epoch (fixed seed), clean targets; the test MSE stays on clean digits
        valInput = val == null ? null : inputs.validation(run, val);
        test = config.evaluateTest() ? Evaluator.toNDArray(run, data.test(), null) : null;
        int[] pool = split.validation().length > 0 ? split.validation() : split.train();
        probe = Evaluator.toNDArray(run, data.train(),
                Arrays.copyOf(pool, Math.min(PROBE_IMAGES, pool.length)));
        order = split.train().clone();
        batches = (order.length + config.batchSize() - 1) / config.batchSize();
        epoch = history.size() + 1;
        if (checkpoint != null && resume == null) {
            // commit 0: a run killed before its first epoch ends can still be resumed
            checkpoint.save(state(), false, "running", 0);
        }
        listener.onEvent(new TrainingEvent.Started(config, epoch, batches, order.length));
        if (replayed != null) {
            // nothing was trained: the folder stays exactly as it is
            alreadyFinished = true;
            finish(replayed, "already finished: " + describe(replayed), false);
        }
    }

    /**
     * Asks the run to end at its next batch step (any thread). The epoch being evaluated, if
     * any, still completes.
     */
    public void cancel() {
        cancelRequested = true;
    }

    /** @return whether the run has ended; {@link #result()} then holds the outcome */
    public boolean isDone() {
        return result != null;
    }

    /** @return the outcome once {@link #isDone()}, else null */
    public TrainingResult result() {
        return result;
    }

    /** @return the model being trained (holds the best weights once done) */
    public Autoencoder model() {
        return model;
    }

    /**
     * Runs one step: a batch, or the evaluation that ends an epoch.
     *
     * @return true if there is more to do, false once the run has ended
     * @throws IOException if a checkpoint cannot be written
     */
    public boolean step() throws IOException {
        if (result != null) {
            return false;
        }
        long t0 = System.nanoTime();
        stepStart = t0;
        try {
            if (batch < batches) {
                if (cancelRequested) {
                    finish(StopReason.CANCELLED, "cancelled during epoch " + epoch, false);
                    return false;
                }
                trainBatch();
            } else {
                endEpoch();
            }
            return result == null;
        } finally {
            long dt = System.nanoTime() - t0;
            activeNanos += dt;
            epochNanos += dt;
        }
    }

    private void trainBatch() throws IOException {
        if (batch == 0) {
            epochNanos = 0;
            // shuffling depends only on (seed, epoch): resumed runs see the same order
            System.arraycopy(split.train(), 0, order, 0, order.length);
            Split.shuffle(order, new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + epoch));
            lossSum = 0;
            seen = 0;
        }
        int from = batch * config.batchSize();
        int to = Math.min(order.length, from + config.batchSize());
        long[] idx = new long[to - from];
        for (int i = from; i < to; i++) {
            idx[i - from] = order[i];
        }
        float loss;
        try (NDManager m = run.newSubManager()) {
            NDArray indices = m.create(idx);
            NDArray x = trainAll.get(m, new NDIndex("{}", indices));
            NDArray input = inputs.input(m, x, epoch, batch);
            if (backprop != null) {
                loss = backprop.lossAndGradients(input, x);
            } else {
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray y = model.reconstruct(input, true);
                    NDArray l = y.sub(x).square().mean();
                    gc.backward(l);
                    loss = l.getFloat();
                }
            }
            String badGradient = Float.isFinite(loss) ? adam.firstNonFiniteGradient() : null;
            if (!Float.isFinite(loss) || badGradient != null) {
                String what = Float.isFinite(loss)
                        ? "the gradient of " + badGradient + " is not finite"
                        : "the loss is " + loss;
                finish(StopReason.DIVERGED, String.format(Locale.ROOT,
                        "training diverged at epoch %d, batch %d: %s (lr=%g); %s", epoch,
                        batch + 1, what, config.learningRate(), keptWeights()), true);
                return;
            }
            adam.step();
        }
        lossSum += (double) loss * (to - from);
        seen += to - from;
        batch++;
        listener.onEvent(new TrainingEvent.BatchEnd(epoch, batch, batches, loss));
    }

    private void endEpoch() throws IOException {
        Monitor monitor = config.monitor();
        double trainMse = lossSum / seen;
        double valMse = val == null ? Double.NaN
                : Evaluator.mse(model, valInput, val, EVAL_BATCH);
        double testMse = test == null ? Double.NaN : Evaluator.mse(model, test, EVAL_BATCH);
        double monitored = switch (monitor) {
            case VALIDATION -> valMse;
            case TEST -> testMse;
            case TRAIN -> trainMse;
        };
        if (!Double.isFinite(monitored)) {
            finish(StopReason.DIVERGED, String.format(Locale.ROOT,
                    "training diverged at epoch %d: the %s loss is %s", epoch,
                    monitor.name().toLowerCase(Locale.ROOT), monitored), true);
            return;
        }
        StopReason stop = stopping.update(monitored);
        boolean collapsed = collapse.update(monitored, outputSpread());
        boolean best = stopping.lastWasBest();
        if (best) {
            bestParams = ModelStore.parameterBytes(model);
        }
        EpochMetrics metrics = new EpochMetrics(epoch, trainMse, valMse, testMse,
                (epochNanos + (System.nanoTime() - stepStart)) / 1e9, best);
        history.add(metrics);
        TrainingEvent.LatentSnapshot picture = trail == null ? null
                : trail.take(model, epoch, lastPicture);
        if (checkpoint != null) {
            checkpoint.save(state(), best, "running", elapsed(), picture);
        }
        listener.onEvent(new TrainingEvent.EpochEnd(metrics));
        if (picture != null) {
            // what was stored: the next epoch aligns to it, and so does a resumed run
            picture = LatentTrailFiles.quantised(picture);
            listener.onEvent(picture);
        }
        lastPicture = picture == null ? null : picture.xy();
        if (collapsed) {
            finish(StopReason.DIVERGED, String.format(Locale.ROOT, "the output collapsed to a "
                    + "constant image at epoch %d (lr=%s): in %d of the last %d epochs every "
                    + "digit was reconstructed as the same image and the %s loss did not improve "
                    + "(best %.6f); %s; try a smaller learning rate or another seed",
                    epoch - CollapseDetector.EPOCHS + 1, config.learningRate(),
                    collapse.constantEpochs(), CollapseDetector.EPOCHS,
                    monitor.name().toLowerCase(Locale.ROOT), stopping.bestLoss(), keptWeights()),
                    true);
            return;
        }
        if (stop != null) {
            finish(stop, describe(stop), false);
            return;
        }
        epoch++;
        batch = 0;
    }

    private RunCheckpoint.State state() {
        return new RunCheckpoint.State(config, data.checksum(), history,
                ModelStore.parameterBytes(model), RunCheckpoint.optimizerBytes(adam), bestParams);
    }

    private String keptWeights() {
        return stopping.bestEpoch() > 0
                ? "kept the best weights (epoch " + stopping.bestEpoch() + ")"
                : "no epoch finished, no weights kept";
    }

    /**
     * Mean per-pixel variance across the probe images of their reconstructions; NaN (never a
     * collapse) with a single image, whose output is trivially "constant".
     */
    private double outputSpread() {
        if (probe.getShape().get(0) < 2) {
            return Double.NaN;
        }
        try (NDManager m = run.newSubManager()) {
            NDArray x = probe.get(m, new NDIndex(":"));
            NDArray y = model.reconstruct(x, false);
            return y.sub(y.mean(new int[] {0}, true)).square().mean().getFloat();
        }
    }

    private double elapsed() {
        return priorSeconds + (activeNanos + System.nanoTime() - stepStart) / 1e9;
    }

    private String describe(StopReason stop) {
        String best = String.format(Locale.ROOT, "best epoch %d (%s MSE %.6f)",
                stopping.bestEpoch(), config.monitor().name().toLowerCase(Locale.ROOT),
                stopping.bestLoss());
        return switch (stop) {
            case MAX_EPOCHS -> "reached " + config.maxEpochs() + " epochs; " + best;
            case PLATEAU -> "early stop after " + stopping.epochs() + " epochs: no improvement "
                    + "over " + config.patience() + " epochs (plateau); " + best;
            case OVERFITTING -> "early stop after " + stopping.epochs() + " epochs: the loss "
                    + "rose over " + config.patience() + " epochs (overfitting); " + best;
            default -> stop.name().toLowerCase(Locale.ROOT) + "; " + best;
        };
    }

    private void finish(StopReason reason, String message, boolean failed) throws IOException {
        double seconds = (activeNanos + System.nanoTime() - stepStart) / 1e9;
        if (checkpoint != null && !history.isEmpty() && !alreadyFinished) {
            // the resume state stays at the last complete epoch; only the outcome is recorded
            checkpoint.saveStatus(reason.name().toLowerCase(Locale.ROOT), priorSeconds + seconds);
        }
        close();
        if (bestParams != null) {
            ModelStore.loadParameters(model, bestParams, checkpoint == null
                    ? Path.of("memory") : checkpoint.dir());
        }
        result = new TrainingResult(reason, List.copyOf(history), stopping.bestEpoch(), message,
                seconds);
        listener.onEvent(failed ? new TrainingEvent.Failed(message, result)
                : new TrainingEvent.Finished(result));
    }

    /** Frees the run's native memory (the model itself stays open); safe to call twice. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            adam.close();
            run.close();
        }
    }
}
