package io.latentlab.study;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What {@code grid-search --resume} checks before it continues a saved search: the same grid,
 * options and data, so that a resume never mixes two searches in one table nor drops finished
 * settings. Messages name the command-line option and both values.
 */
public final class GridSearchResume {

    private static final String RESUME_HINT = "(resume with the same options, or use another "
            + "--out)";
    private static final String RERANK_HINT = "(--rerank judges the file's own grid: leave the "
            + "option out)";

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
        checkGrid(summary, earlier, options, option -> true, RESUME_HINT);
        GridSearch.Options was = earlier.options();
        same(summary, "--max-loss", was, options, o -> GridSearch.num(o.maxLoss()));
        same(summary, "--oscillation", was, options, o -> GridSearch.num(o.oscillation()));
        // a file written before the margin was recorded counts as the default margin
        same(summary, "--baseline-margin", was, options,
                o -> GridSearch.num(o.baselineMargin()));
    }

    /**
     * Refuses to judge {@code earlier} as another grid: the options that define its fits (not
     * the discard thresholds) must be its own. Used by {@code --rerank}, which checks only the
     * options given on its command line.
     *
     * @param summary the saved summary (for the message)
     * @param earlier the search read from it
     * @param options this run's options
     * @param given whether an option (e.g. {@code --ed}) is to be checked
     * @throws IllegalArgumentException naming the first option that differs and both values
     */
    public static void checkGrid(Path summary, GridSearch.Result earlier,
            GridSearch.Options options, Predicate<String> given) {
        checkGrid(summary, earlier, options, given, RERANK_HINT);
    }

    private static void checkGrid(Path summary, GridSearch.Result earlier,
            GridSearch.Options options, Predicate<String> given, String hint) {
        GridSearch.Options was = earlier.options();
        Map<String, Function<GridSearch.Options, String>> grid = new LinkedHashMap<>();
        grid.put("--ed", o -> Integer.toString(o.encodingDim()));
        grid.put("--lr", o -> list(o.learningRates()));
        grid.put("--wd", o -> list(o.weightDecays()));
        grid.put("--folds", o -> Integer.toString(o.folds()));
        grid.put("--epochs", o -> Integer.toString(o.epochs()));
        grid.put("--seed", o -> Long.toString(o.seed()));
        grid.put("--train-limit", o -> Integer.toString(o.trainLimit()));
        grid.put("--batch", o -> Integer.toString(o.batchSize()));
        grid.forEach((option, value) -> {
            if (given.test(option)) {
                same(summary, option, was, options, value, hint);
            }
        });
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
        same(summary, option, was, now, value, RESUME_HINT);
    }

    private static void same(Path summary, String option, GridSearch.Options was,
            GridSearch.Options now, Function<GridSearch.Options, String> value, String hint) {
        String a = value.apply(was);
        String b = value.apply(now);
        if (!a.equals(b)) {
            throw new IllegalArgumentException(summary + ": was written with " + option + " "
                    + a + ", this run has " + option + " " + b + " " + hint);
        }
    }

    private static String list(List<Double> values) {
        return String.join(",", values.stream().map(GridSearch::num).toList());
    }
}
