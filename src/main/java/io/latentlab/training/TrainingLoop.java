package io.latentlab.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.Backprop;
import io.latentlab.model.CheckpointException;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelStore;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The one training loop, used by the CLI, the GUI and the study: Adam (PyTorch semantics), MSE,
 * per-epoch shuffling, early stopping with best-weight restore, validation and test MSE every
 * epoch, events to a listener, cancel and pause between batches, and optional checkpoints to
 * resume from.
 *
 * <p>Everything runs on the calling thread, which must be the thread that owns DJL. Each batch
 * lives in its own sub-manager that is closed right after the optimizer step, so native memory
 * stays flat over arbitrarily long runs.
 */
public final class TrainingLoop {

    private static final int EVAL_BATCH = 1000;

    private final TrainingConfig config;
    private final MnistData data;
    private final TrainingListener listener;
    private final TrainingControl control;
    private boolean autograd;

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
     * Trains a new model from scratch, optionally checkpointing into {@code checkpoint}.
     *
     * @param model a freshly created model with ED matching the config
     * @param checkpoint where to save the run, or null
     * @return the outcome; the model holds the best weights (unless nothing finished)
     * @throws IOException if a checkpoint cannot be written
     */
    public TrainingResult run(Autoencoder model, RunCheckpoint checkpoint) throws IOException {
        return run(model, checkpoint, null);
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
        if (state.datasetChecksum() != null && !state.datasetChecksum().equals(data.checksum())) {
            throw new CheckpointException(checkpoint.dir(), "was trained on another dataset "
                    + "(checksum " + state.datasetChecksum() + ", loaded data has "
                    + data.checksum() + ")");
        }
        return run(model, checkpoint, state);
    }

    private TrainingResult run(Autoencoder model, RunCheckpoint checkpoint,
            RunCheckpoint.State resume) throws IOException {
        if (model.encodingDim() != config.encodingDim()) {
            throw new IllegalArgumentException("model has ED=" + model.encodingDim()
                    + " but the settings say ED=" + config.encodingDim());
        }
        long startNanos = System.nanoTime();
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
        Split split = Split.of(data.train().size(), config.trainLimit(), config.valFraction(),
                config.seed());
        Monitor monitor = config.monitor();
        EarlyStopping stopping = new EarlyStopping(config.maxEpochs(), config.patience(),
                config.tolerance());
        List<EpochMetrics> history = new ArrayList<>();
        byte[] bestParams = null;
        double priorSeconds = 0;

        try (NDManager run = model.manager().newSubManager();
                AdamOptimizer adam = new AdamOptimizer(params, config.learningRate(),
                        config.weightDecay())) {
            StopReason replayed = null;
            if (resume != null) {
                try {
                    adam.load(new DataInputStream(new ByteArrayInputStream(resume.optimizer())));
                } catch (IOException e) {
                    throw new CheckpointException(checkpoint.dir(), "optimizer state: "
                            + e.getMessage(), e);
                }
                for (EpochMetrics m : resume.history()) {
                    history.add(m);
                    replayed = stopping.update(m.monitored(monitor));
                    priorSeconds += m.seconds();
                }
                bestParams = resume.bestParams();
            }
            // the whole training set once; batches gather rows from it
            NDArray trainAll = Evaluator.toNDArray(run, data.train(), null);
            NDArray val = split.validation().length == 0 ? null
                    : Evaluator.toNDArray(run, data.train(), split.validation());
            NDArray test = config.evaluateTest() ? Evaluator.toNDArray(run, data.test(), null)
                    : null;
            int[] order = split.train().clone();
            int batches = (order.length + config.batchSize() - 1) / config.batchSize();
            int firstEpoch = history.size() + 1;
            listener.onEvent(new TrainingEvent.Started(config, firstEpoch, batches, order.length));
            if (replayed != null) {
                return finish(model, history, stopping, bestParams, replayed,
                        "already finished: " + describe(replayed, stopping), startNanos,
                        priorSeconds, checkpoint, false);
            }
            Engine engine = model.manager().getEngine();
            Backprop backprop = autograd ? null : new Backprop(model);

            for (int epoch = firstEpoch; ; epoch++) {
                long epochStart = System.nanoTime();
                // shuffling depends only on (seed, epoch): resumed runs see the same order
                System.arraycopy(split.train(), 0, order, 0, order.length);
                Split.shuffle(order, new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + epoch));
                double lossSum = 0;
                int seen = 0;
                for (int b = 0; b < batches; b++) {
                    if (!control.awaitRunnable()) {
                        return finish(model, history, stopping, bestParams, StopReason.CANCELLED,
                                "cancelled during epoch " + epoch, startNanos, priorSeconds,
                                checkpoint, false);
                    }
                    int from = b * config.batchSize();
                    int to = Math.min(order.length, from + config.batchSize());
                    long[] idx = new long[to - from];
                    for (int i = from; i < to; i++) {
                        idx[i - from] = order[i];
                    }
                    float loss;
                    try (NDManager batch = run.newSubManager()) {
                        NDArray indices = batch.create(idx);
                        NDArray x = trainAll.get(batch, new NDIndex("{}", indices));
                        if (backprop != null) {
                            loss = backprop.lossAndGradients(x);
                        } else {
                            try (GradientCollector gc = engine.newGradientCollector()) {
                                NDArray y = model.reconstruct(x, true);
                                NDArray l = y.sub(x).square().mean();
                                gc.backward(l);
                                loss = l.getFloat();
                            }
                        }
                        String badGradient = Float.isFinite(loss) ? adam.firstNonFiniteGradient()
                                : null;
                        if (!Float.isFinite(loss) || badGradient != null) {
                            String what = Float.isFinite(loss)
                                    ? "the gradient of " + badGradient + " is not finite"
                                    : "the loss is " + loss;
                            return fail(model, history, stopping, bestParams, String.format(
                                    Locale.ROOT, "training diverged at epoch %d, batch %d: %s "
                                    + "(lr=%g); %s", epoch, b + 1, what, config.learningRate(),
                                    stopping.bestEpoch() > 0 ? "kept the best weights (epoch "
                                    + stopping.bestEpoch() + ")" : "no epoch finished, no weights kept"),
                                    startNanos, priorSeconds, checkpoint);
                        }
                        adam.step();
                    }
                    lossSum += (double) loss * (to - from);
                    seen += to - from;
                    listener.onEvent(new TrainingEvent.BatchEnd(epoch, b + 1, batches, loss));
                }
                double trainMse = lossSum / seen;
                double valMse = val == null ? Double.NaN : Evaluator.mse(model, val, EVAL_BATCH);
                double testMse = test == null ? Double.NaN : Evaluator.mse(model, test, EVAL_BATCH);
                double monitored = switch (monitor) {
                    case VALIDATION -> valMse;
                    case TEST -> testMse;
                    case TRAIN -> trainMse;
                };
                if (!Double.isFinite(monitored)) {
                    return fail(model, history, stopping, bestParams, String.format(Locale.ROOT,
                            "training diverged at epoch %d: the %s loss is %s", epoch,
                            monitor.name().toLowerCase(Locale.ROOT), monitored),
                            startNanos, priorSeconds, checkpoint);
                }
                StopReason stop = stopping.update(monitored);
                boolean best = stopping.lastWasBest();
                if (best) {
                    bestParams = ModelStore.parameterBytes(model);
                }
                EpochMetrics metrics = new EpochMetrics(epoch, trainMse, valMse, testMse,
                        (System.nanoTime() - epochStart) / 1e9, best);
                history.add(metrics);
                if (checkpoint != null) {
                    checkpoint.save(state(model, history, adam, bestParams), best, "running",
                            priorSeconds + (System.nanoTime() - startNanos) / 1e9);
                }
                listener.onEvent(new TrainingEvent.EpochEnd(metrics));
                if (stop != null) {
                    return finish(model, history, stopping, bestParams, stop,
                            describe(stop, stopping), startNanos, priorSeconds, checkpoint, false);
                }
            }
        }
    }

    private String describe(StopReason stop, EarlyStopping stopping) {
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

    private RunCheckpoint.State state(Autoencoder model, List<EpochMetrics> history,
            AdamOptimizer adam, byte[] bestParams) {
        return new RunCheckpoint.State(config, data.checksum(), history,
                ModelStore.parameterBytes(model), RunCheckpoint.optimizerBytes(adam), bestParams);
    }

    private TrainingResult fail(Autoencoder model, List<EpochMetrics> history,
            EarlyStopping stopping, byte[] bestParams, String message, long startNanos,
            double priorSeconds, RunCheckpoint checkpoint) throws IOException {
        return finish(model, history, stopping, bestParams, StopReason.DIVERGED, message,
                startNanos, priorSeconds, checkpoint, true);
    }

    private TrainingResult finish(Autoencoder model, List<EpochMetrics> history,
            EarlyStopping stopping, byte[] bestParams, StopReason reason, String message,
            long startNanos, double priorSeconds, RunCheckpoint checkpoint, boolean failed)
            throws IOException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (checkpoint != null && !history.isEmpty()) {
            // the resume state stays at the last complete epoch; only the outcome is recorded
            checkpoint.saveStatus(reason.name().toLowerCase(Locale.ROOT), priorSeconds + seconds);
        }
        if (bestParams != null) {
            ModelStore.loadParameters(model, bestParams, checkpoint == null
                    ? java.nio.file.Path.of("memory") : checkpoint.dir());
        }
        TrainingResult result = new TrainingResult(reason, history, stopping.bestEpoch(),
                message, seconds);
        listener.onEvent(failed ? new TrainingEvent.Failed(message, result)
                : new TrainingEvent.Finished(result));
        return result;
    }
}
