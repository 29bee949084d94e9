package io.latentlab.study;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What {@code grid-search --resume} checks before it continues a saved search: the same grid,
 * options and data, so that a resume never mixes two searches in one table nor drops finished
 * settings. Messages name the command-line option and both values.
 */
public final class GridSearchResume {

    private GridSearchResume() {}

    /**
     * Refuses to continue {@code earlier} with other options.
     *
     * @param summary the saved summary (for the message)
     * @param earlier the search read from it
     * @param options this run's options
     * @throws IllegalArgumentException naming the first option that differs and both values
     */
    public static void checkOptions(Path summary, GridSearch.Result earlier,
            GridSearch.Options options) {
        GridSearch.Options was = earlier.options();
        same(summary, "--ed", was, options, o -> Integer.toString(o.encodingDim()));
        same(summary, "--lr", was, options, o -> list(o.learningRates()));
        same(summary, "--wd", was, options, o -> list(o.weightDecays()));
        same(summary, "--folds", was, options, o -> Integer.toString(o.folds()));
        same(summary, "--epochs", was, options, o -> Integer.toString(o.epochs()));
        same(summary, "--seed", was, options, o -> Long.toString(o.seed()));
        same(summary, "--train-limit", was, options, o -> Integer.toString(o.trainLimit()));
        same(summary, "--batch", was, options, o -> Integer.toString(o.batchSize()));
        same(summary, "--max-loss", was, options, o -> GridSearch.num(o.maxLoss()));
        same(summary, "--oscillation", was, options, o -> GridSearch.num(o.oscillation()));
    }

    /**
     * Refuses to continue {@code earlier} on other data, or when it does not say which data it
     * was computed on (a summary of the older format).
     *
     * @param summary the saved summary (for the message)
     * @param earlier the search read from it
     * @param dataSha256 the loaded data's checksum
     * @param dataDir where it was loaded from (for the message)
     * @throws IllegalArgumentException naming {@code --data} and both checksums
     */
    public static void checkData(Path summary, GridSearch.Result earlier, String dataSha256,
            Path dataDir) {
        if (earlier.dataSha256() == null) {
            throw new IllegalArgumentException(summary + ": does not record the SHA-256 of its "
                    + "--data (written by an older version), so it cannot be resumed safely; "
                    + "start a new search with another --out");
        }
        if (!earlier.dataSha256().equals(dataSha256)) {
            throw new IllegalArgumentException(summary + ": was computed on --data with SHA-256 "
                    + earlier.dataSha256() + ", this run's --data " + dataDir + " has SHA-256 "
                    + dataSha256 + " (resume with the same data, or use another --out)");
        }
    }

    private static void same(Path summary, String option, GridSearch.Options was,
            GridSearch.Options now, Function<GridSearch.Options, String> value) {
        String a = value.apply(was);
        String b = value.apply(now);
        if (!a.equals(b)) {
            throw new IllegalArgumentException(summary + ": was written with " + option + " "
                    + a + ", this run has " + option + " " + b + " (resume with the same "
                    + "options, or use another --out)");
        }
    }

    private static String list(List<Double> values) {
        return String.join(",", values.stream().map(GridSearch::num).toList());
    }
}
