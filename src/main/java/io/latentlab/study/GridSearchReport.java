package io.latentlab.study;

import io.latentlab.model.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a {@link GridSearch.Result} as CSV files and as a fixed-width text table. */
public final class GridSearchReport {

    /** Header of the summary CSV. */
    public static final String SUMMARY_HEADER = "lr,wd,fold,final_train_mse,final_val_mse,gap,"
            + "mean_val_mse,mean_gap,discarded,reason,rank";
    /** Header of the curves CSV. */
    public static final String CURVES_HEADER = "lr,wd,fold,epoch,train_mse,val_mse";

    private GridSearchReport() {}

    /**
     * The summary: one row per setting and fold with its final numbers and the setting's means,
     * status and rank (0 when discarded); folds are 1-based.
     *
     * @param result the grid search outcome
     * @return the CSV text
     */
    public static String summaryCsv(GridSearch.Result result) {
        StringBuilder b = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (GridSearch.SettingResult s : result.settings()) {
            for (GridSearch.FoldCurve c : s.folds()) {
                b.append(Csv.row(GridSearch.num(s.lr()), GridSearch.num(s.wd()),
                        Integer.toString(c.fold() + 1), Csv.number(c.finalTrain()),
                        Csv.number(c.finalValidation()),
                        Csv.number(c.finalValidation() - c.finalTrain()),
                        Csv.number(s.meanValMse()), Csv.number(s.meanGap()),
                        Boolean.toString(s.discarded()), s.reason(),
                        Integer.toString(result.rank(s))));
            }
        }
        return b.toString();
    }

    /**
     * The curves in long form: one row per setting, fold and epoch (both 1-based).
     *
     * @param result the grid search outcome
     * @return the CSV text
     */
    public static String curvesCsv(GridSearch.Result result) {
        StringBuilder b = new StringBuilder(CURVES_HEADER).append('\n');
        for (GridSearch.SettingResult s : result.settings()) {
            for (GridSearch.FoldCurve c : s.folds()) {
                for (int t = 0; t < c.train().length; t++) {
                    b.append(Csv.row(GridSearch.num(s.lr()), GridSearch.num(s.wd()),
                            Integer.toString(c.fold() + 1), Integer.toString(t + 1),
                            Csv.number(c.train()[t]), Csv.number(c.validation()[t])));
                }
            }
        }
        return b.toString();
    }

    /**
     * The curves file written next to a summary file: {@code grid.csv -> grid-curves.csv}.
     *
     * @param summary the summary CSV path
     * @return the curves CSV path
     */
    public static Path curvesPath(Path summary) {
        String name = summary.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".csv")
                ? name.substring(0, name.length() - 4) : name;
        return summary.resolveSibling(base + "-curves.csv");
    }

    /**
     * Writes the summary to {@code summary} and the curves to {@link #curvesPath}, each
     * atomically.
     *
     * @param result the outcome
     * @param summary the summary CSV path
     * @throws IOException if writing fails
     */
    public static void write(GridSearch.Result result, Path summary) throws IOException {
        AtomicFiles.writeString(summary, summaryCsv(result));
        AtomicFiles.writeString(curvesPath(summary), curvesCsv(result));
    }

    /**
     * A fixed-width table, one line per setting in grid order, then the winner and why.
     *
     * @param result the outcome
     * @return the text, lines ending in {@code \n}
     */
    public static String table(GridSearch.Result result) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-10s %-10s %-12s %-12s %-4s %s%n", "lr", "wd",
                "mean_val", "mean_gap", "rank", "status"));
        for (GridSearch.SettingResult s : result.settings()) {
            int rank = result.rank(s);
            b.append(String.format(Locale.ROOT, "%-10s %-10s %-12.6f %-12.6f %-4s %s%n",
                    GridSearch.num(s.lr()), GridSearch.num(s.wd()), s.meanValMse(), s.meanGap(),
                    rank == 0 ? "-" : Integer.toString(rank),
                    s.discarded() ? "discarded: " + s.reason() : "kept"));
        }
        b.append(result.winner() == null ? "winner: none" : "winner: " + result.winner().label())
                .append(" (").append(result.why()).append(")\n");
        return b.toString();
    }
}
