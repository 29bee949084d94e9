package io.latentlab.ui.training;

import io.latentlab.training.EpochMetrics;
import io.latentlab.training.Monitor;
import io.latentlab.training.TrainingConfig;
import io.latentlab.training.TrainingEvent;
import io.latentlab.ui.jobs.Durations;
import io.latentlab.ui.training.TrainViewModel.BatchPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.ResourceBundle;
import java.util.function.Consumer;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Train view shows of the current run (FX thread): epoch metrics, batch losses, the
 * latest preview, progress, elapsed time, ETA and the best epoch. Fed from the run's event
 * queue in batches ({@link #drain}), emptied when a run starts ({@link #reset}).
 */
final class RunDisplay {

    /** Above this many batch points the series is thinned, so the chart stays fast. */
    static final int MAX_BATCH_POINTS = 4000;

    private final ResourceBundle strings;
    private final ObservableList<EpochMetrics> epochs = FXCollections.observableArrayList();
    private final ObservableList<BatchPoint> batches = FXCollections.observableArrayList();
    private final ObjectProperty<TrainingEvent.Preview> preview;
    private final ObjectProperty<TrainingEvent.LatentSnapshot> latent;
    private final DoubleProperty progress;
    private final StringProperty progressText;
    private final StringProperty etaText;
    private final StringProperty bestText;
    private TrainingConfig config;
    private int batchesPerEpoch = 1;
    private int lastEpoch;
    private int lastBatch;

    /**
     * @param bean owner of the properties
     * @param strings messages
     */
    RunDisplay(Object bean, ResourceBundle strings) {
        this.strings = strings;
        preview = new SimpleObjectProperty<>(bean, "preview");
        latent = new SimpleObjectProperty<>(bean, "latent");
        progress = new SimpleDoubleProperty(bean, "progress", 0);
        progressText = new SimpleStringProperty(bean, "progressText", "");
        etaText = new SimpleStringProperty(bean, "etaText", "");
        bestText = new SimpleStringProperty(bean, "bestText", strings.getString("best.none"));
    }

    /**
     * Empties everything for a new run.
     *
     * @param runConfig the new run's settings
     */
    void reset(TrainingConfig runConfig) {
        config = runConfig;
        epochs.clear();
        batches.clear();
        preview.set(null);
        latent.set(null);
        progress.set(0);
        lastEpoch = 0;
        lastBatch = 0;
        batchesPerEpoch = 1;
        bestText.set(strings.getString("best.none"));
        etaText.set("");
        progressText.set("");
    }

    /**
     * Moves queued events into the observable state; batch points since the last call are
     * added at once.
     *
     * @param queue the run's events
     * @param others gets queued items that are not training events
     */
    void drain(Queue<Object> queue, Consumer<Object> others) {
        List<BatchPoint> newPoints = new ArrayList<>();
        List<EpochMetrics> newEpochs = new ArrayList<>();
        TrainingEvent.Preview latest = null;
        TrainingEvent.LatentSnapshot latestLatent = null;
        for (Object o; (o = queue.poll()) != null; ) {
            if (o instanceof TrainingEvent.Started s) {
                batchesPerEpoch = Math.max(1, s.batchesPerEpoch());
            } else if (o instanceof TrainingEvent.BatchEnd b) {
                lastBatch = b.batch();
                batchesPerEpoch = b.batches();
                newPoints.add(new BatchPoint(b.epoch() - 1 + (double) b.batch() / b.batches(),
                        b.loss()));
            } else if (o instanceof TrainingEvent.EpochEnd e) {
                newEpochs.add(e.metrics());
                lastEpoch = e.metrics().epoch();
                lastBatch = 0;
            } else if (o instanceof TrainingEvent.Preview p) {
                latest = p;
            } else if (o instanceof TrainingEvent.LatentSnapshot l) {
                latestLatent = l;
            } else if (!(o instanceof TrainingEvent)) {
                others.accept(o);
            }
        }
        if (!newPoints.isEmpty()) {
            batches.addAll(newPoints);
            if (batches.size() > MAX_BATCH_POINTS) {
                List<BatchPoint> thinned = new ArrayList<>(batches.size() / 2 + 1);
                for (int i = 0; i < batches.size(); i += 2) {
                    thinned.add(batches.get(i));
                }
                batches.setAll(thinned);
            }
        }
        if (!newEpochs.isEmpty()) {
            epochs.addAll(newEpochs);
            updateBest();
        }
        if (latest != null) {
            preview.set(latest);
        }
        if (latestLatent != null) {
            latent.set(latestLatent);
        }
    }

    private void updateBest() {
        EpochMetrics best = bestEpoch();
        if (best == null || config == null) {
            bestText.set(strings.getString("best.none"));
            return;
        }
        Monitor mon = config.monitor();
        String which = switch (mon) {
            case VALIDATION -> "val";
            case TEST -> "test";
            case TRAIN -> "train";
        };
        bestText.set(String.format(strings.getString("best.text"), best.epoch(), which,
                best.monitored(mon)));
    }

    /** @return the best epoch so far, or null */
    EpochMetrics bestEpoch() {
        EpochMetrics best = null;
        for (EpochMetrics m : epochs) {
            if (m.best()) {
                best = m;
            }
        }
        return best;
    }

    /**
     * Updates progress, progress text and ETA.
     *
     * @param elapsed the run's running time in seconds (paused time excluded)
     */
    void updateProgress(double elapsed) {
        if (config == null) {
            return;
        }
        int max = config.maxEpochs();
        double done = lastEpoch + (double) lastBatch / batchesPerEpoch;
        progress.set(Math.min(1, done / max));
        // from the job's running time, not the epochs' own seconds: those include a pause
        double remaining = done > 0 ? elapsed / done * (max - done) : Double.NaN;
        etaText.set(Durations.left(remaining, strings.getString("progress.eta"),
                strings.getString("progress.finishing")));
        progressText.set(progressLine(Math.min(max, lastEpoch + 1), max, Durations.format(elapsed)));
    }

    /**
     * Shows what the ended run did instead of the epoch it was in.
     *
     * @param elapsed its running time in seconds
     */
    void ended(double elapsed) {
        int n = epochs.size();
        etaText.set("");
        progressText.set(joined(n == 1 ? strings.getString("progress.done.one")
                : String.format(strings.getString("progress.done"), n), Durations.format(elapsed)));
    }

    /**
     * @param epoch the epoch running
     * @param max the epoch limit
     * @param elapsed formatted running time, or "" while unknown
     * @return "Epoch 1 of at most 3 · 12 s", or without the time when it is unknown
     */
    String progressLine(int epoch, int max, String elapsed) {
        return joined(String.format(strings.getString("progress.text"), epoch, max), elapsed);
    }

    /**
     * @param a a text or ""
     * @param b a text or ""
     * @return both joined by " · ", or the one that is not empty
     */
    static String joined(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + " \u00b7 " + b;
    }

    ObservableList<EpochMetrics> epochs() {
        return epochs;
    }

    ObservableList<BatchPoint> batches() {
        return batches;
    }

    ObjectProperty<TrainingEvent.Preview> preview() {
        return preview;
    }

    ObjectProperty<TrainingEvent.LatentSnapshot> latent() {
        return latent;
    }

    DoubleProperty progress() {
        return progress;
    }

    StringProperty progressText() {
        return progressText;
    }

    StringProperty etaText() {
        return etaText;
    }

    StringProperty bestText() {
        return bestText;
    }
}
