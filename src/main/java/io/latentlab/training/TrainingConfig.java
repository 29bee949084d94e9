package io.latentlab.training;

import io.latentlab.data.Corruption;
import io.latentlab.data.Seeds;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that defines a training run. Defaults are the study's final-training settings.
 *
 * @param encodingDim latent size ED (>= 1)
 * @param learningRate Adam learning rate (> 0)
 * @param weightDecay L2 weight decay, PyTorch semantics (>= 0)
 * @param batchSize samples per batch
 * @param maxEpochs hard epoch limit
 * @param patience early-stopping window in epochs; 0 disables early stopping
 * @param tolerance smallest improvement over the window that counts
 * @param seed seed of initial weights, split and shuffling
 * @param trainLimit use only this many training digits (a seeded random subset); 0 = all
 * @param valFraction fraction of the (limited) training set held out for validation, in [0, 0.9]
 * @param monitor which loss early stopping and best weights use
 * @param evaluateTest whether to compute the test MSE every epoch
 * @param corruption noise drawn afresh for every training batch's inputs (denoising training;
 *     the targets stay clean); {@link Corruption#NONE} for a plain autoencoder
 */
public record TrainingConfig(int encodingDim, double learningRate, double weightDecay,
        int batchSize, int maxEpochs, int patience, double tolerance, long seed, int trainLimit,
        double valFraction, Monitor monitor, boolean evaluateTest, Corruption corruption) {

    /** The largest accepted epoch limit. */
    public static final int MAX_EPOCHS_LIMIT = 1_000_000;

    /** Validates every field; the message names the setting. */
    public TrainingConfig {
        require(encodingDim >= 1 && encodingDim <= 4096, "encoding dimension must be between 1 and 4096, got " + encodingDim);
        require(learningRate > 0 && learningRate <= 10, "learning rate must be in (0, 10], got " + learningRate);
        require(weightDecay >= 0 && weightDecay <= 1, "weight decay must be in [0, 1], got " + weightDecay);
        require(batchSize >= 1 && batchSize <= 60_000, "batch size must be between 1 and 60000, got " + batchSize);
        require(maxEpochs >= 1 && maxEpochs <= MAX_EPOCHS_LIMIT,
                "max epochs must be between 1 and " + MAX_EPOCHS_LIMIT + ", got " + maxEpochs);
        require(patience >= 0, "early-stopping window must be >= 0 (0 disables it), got " + patience);
        require(tolerance >= 0 && Double.isFinite(tolerance), "tolerance must be >= 0, got " + tolerance);
        require(trainLimit >= 0, "training subset size must be >= 0 (0 = all), got " + trainLimit);
        require(valFraction >= 0 && valFraction <= 0.9, "validation fraction must be in [0, 0.9], got " + valFraction);
        require(monitor != null, "monitor must be set");
        require(!(monitor == Monitor.VALIDATION && valFraction == 0),
                "monitoring the validation loss needs a validation fraction > 0");
        require(!(monitor == Monitor.TEST && !evaluateTest), "monitoring the test loss needs test evaluation");
        require(corruption != null, "corruption must be set (Corruption.NONE for none)");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The study's settings for the final models: LR 1e-2, WD 1e-5, batch 1000, at most 2000
     * epochs, window 100, tolerance 1e-4, 10% validation; seed {@link Seeds#DEFAULT}, the
     * shipped models' seed (at LR 1e-2 some seeds, 42 among them, collapse to a blank output
     * in the first epoch).
     *
     * @param encodingDim ED
     * @return the defaults
     */
    public static TrainingConfig defaults(int encodingDim) {
        return builder(encodingDim).build();
    }

    /**
     * A builder that starts from {@link #defaults}; {@link Builder#build} validates.
     *
     * @param encodingDim ED
     * @return the builder
     */
    public static Builder builder(int encodingDim) {
        return new Builder(encodingDim);
    }

    /** @return a builder that starts from these settings */
    public Builder toBuilder() {
        return new Builder(encodingDim).learningRate(learningRate).weightDecay(weightDecay)
                .batchSize(batchSize).maxEpochs(maxEpochs).patience(patience)
                .tolerance(tolerance).seed(seed).trainLimit(trainLimit).valFraction(valFraction)
                .monitor(monitor).evaluateTest(evaluateTest).corruption(corruption);
    }

    /** @param v new value @return a copy with it */
    public TrainingConfig withMaxEpochs(int v) {
        return toBuilder().maxEpochs(v).build();
    }

    /** @param v new value @return a copy with it */
    public TrainingConfig withTrainLimit(int v) {
        return toBuilder().trainLimit(v).build();
    }

    /** @param v new value @return a copy with it */
    public TrainingConfig withSeed(long v) {
        return toBuilder().seed(v).build();
    }

    /** Named settings instead of twelve positional ones; the defaults live here only. */
    public static final class Builder {
        private int encodingDim;
        private double learningRate = 1e-2;
        private double weightDecay = 1e-5;
        private int batchSize = 1000;
        private int maxEpochs = 2000;
        private int patience = 100;
        private double tolerance = 1e-4;
        private long seed = Seeds.DEFAULT;
        private int trainLimit;
        private double valFraction = 0.1;
        private Monitor monitor = Monitor.VALIDATION;
        private boolean evaluateTest = true;
        private Corruption corruption = Corruption.NONE;

        private Builder(int encodingDim) {
            this.encodingDim = encodingDim;
        }

        /** @param v ED @return this */
        public Builder encodingDim(int v) {
            encodingDim = v;
            return this;
        }

        /** @param v Adam learning rate @return this */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** @param v L2 weight decay @return this */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** @param v samples per batch @return this */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** @param v epoch limit @return this */
        public Builder maxEpochs(int v) {
            maxEpochs = v;
            return this;
        }

        /** @param v early-stopping window, 0 = off @return this */
        public Builder patience(int v) {
            patience = v;
            return this;
        }

        /** @param v smallest improvement that counts @return this */
        public Builder tolerance(double v) {
            tolerance = v;
            return this;
        }

        /** @param v seed of weights, split and shuffling @return this */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** @param v training subset size, 0 = all @return this */
        public Builder trainLimit(int v) {
            trainLimit = v;
            return this;
        }

        /** @param v held-out validation fraction @return this */
        public Builder valFraction(double v) {
            valFraction = v;
            return this;
        }

        /** @param v loss that early stopping and best weights use @return this */
        public Builder monitor(Monitor v) {
            monitor = v;
            return this;
        }

        /** @param v whether to compute the test MSE every epoch @return this */
        public Builder evaluateTest(boolean v) {
            evaluateTest = v;
            return this;
        }

        /** @param v noise for the training inputs @return this */
        public Builder corruption(Corruption v) {
            corruption = v;
            return this;
        }

        /**
         * Exactly {@code maxEpochs} epochs on the whole training set: no validation split, no
         * early stopping, the training loss monitored (benchmarks and cross-validation fits).
         *
         * @return this
         */
        public Builder fixedLength() {
            return patience(0).tolerance(0).valFraction(0).monitor(Monitor.TRAIN);
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public TrainingConfig build() {
            return new TrainingConfig(encodingDim, learningRate, weightDecay, batchSize,
                    maxEpochs, patience, tolerance, seed, trainLimit, valFraction, monitor,
                    evaluateTest, corruption);
        }
    }

    /** @return the settings as {@code config.*} strings for checkpoint metadata */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("config.ed", Integer.toString(encodingDim));
        m.put("config.lr", Double.toString(learningRate));
        m.put("config.wd", Double.toString(weightDecay));
        m.put("config.batch", Integer.toString(batchSize));
        m.put("config.max_epochs", Integer.toString(maxEpochs));
        m.put("config.patience", Integer.toString(patience));
        m.put("config.tolerance", Double.toString(tolerance));
        m.put("config.seed", Long.toString(seed));
        m.put("config.train_limit", Integer.toString(trainLimit));
        m.put("config.val_fraction", Double.toString(valFraction));
        m.put("config.monitor", monitor.name().toLowerCase(Locale.ROOT));
        m.put("config.evaluate_test", Boolean.toString(evaluateTest));
        m.put("config.corrupt", corruption.spec());
        return m;
    }

    /**
     * Reads settings written by {@link #toMap}.
     *
     * @param m the strings
     * @return the configuration
     * @throws IllegalArgumentException naming the missing or invalid key
     */
    public static TrainingConfig fromMap(Map<String, String> m) {
        try {
            return builder(Integer.parseInt(get(m, "config.ed")))
                    .learningRate(Double.parseDouble(get(m, "config.lr")))
                    .weightDecay(Double.parseDouble(get(m, "config.wd")))
                    .batchSize(Integer.parseInt(get(m, "config.batch")))
                    .maxEpochs(Integer.parseInt(get(m, "config.max_epochs")))
                    .patience(Integer.parseInt(get(m, "config.patience")))
                    .tolerance(Double.parseDouble(get(m, "config.tolerance")))
                    .seed(Long.parseLong(get(m, "config.seed")))
                    .trainLimit(Integer.parseInt(get(m, "config.train_limit")))
                    .valFraction(Double.parseDouble(get(m, "config.val_fraction")))
                    .monitor(Monitor.valueOf(get(m, "config.monitor").toUpperCase(Locale.ROOT)))
                    .evaluateTest(Boolean.parseBoolean(get(m, "config.evaluate_test")))
                    // runs from before denoising training have no such key: plain training
                    .corruption(corruption(m.getOrDefault("config.corrupt", "none")))
                    .build();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid training settings: " + e.getMessage(), e);
        }
    }

    private static Corruption corruption(String spec) {
        try {
            return Corruption.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid training setting 'config.corrupt': "
                    + e.getMessage(), e);
        }
    }

    private static String get(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing training setting '" + key + "'");
        }
        return v.trim();
    }
}
