package io.latentlab.study;

import io.latentlab.data.MnistData;
import io.latentlab.model.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a {@link GridSearch.Result} as CSV files and as a fixed-width text table. */
public final class GridSearchReport {

    /** Header of summaries written before the grid and the data were recorded; still read. */
    static final String LEGACY_SUMMARY_HEADER = "lr,wd,fold,final_train_mse,final_val_mse,gap,"
            + "mean_val_mse,mean_gap,discarded,reason,rank,ed,epochs,batch,seed,train_limit,"
            + "max_loss,oscillation";
    /** Header of summaries written before the mean-image baseline rule; still read. */
    static final String V2_SUMMARY_HEADER = LEGACY_SUMMARY_HEADER
            + ",folds,lr_grid,wd_grid,data_sha256";
    /**
     * Header of the summary CSV: per setting and fold its numbers, then the search's options
     * and data (the same on every row: the whole LR and WD grids, space-separated, the data's
     * SHA-256 and the baseline margin) so that the file describes itself and a resume can
     * check it, then the fold's mean-image baseline MSE (empty when unknown).
     */
    public static final String SUMMARY_HEADER = V2_SUMMARY_HEADER
            + ",baseline_margin,baseline_mse";
    /** Header of the curves CSV. */
    public static final String CURVES_HEADER = "lr,wd,fold,epoch,train_mse,val_mse";

    private GridSearchReport() {}

    /**
     * The summary: one row per setting and fold with its final numbers and the setting's means,
     * status and rank (0 when discarded), then the options; folds are 1-based.
     *
     * @param result the grid search outcome
     * @return the CSV text
     */
    public static String summaryCsv(GridSearch.Result result) {
        GridSearch.Options o = result.options();
        StringBuilder b = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (GridSearch.SettingResult s : result.settings()) {
            for (GridSearch.FoldCurve c : s.folds()) {
                b.append(Csv.row(GridSearch.num(s.lr()), GridSearch.num(s.wd()),
                        Integer.toString(c.fold() + 1), Csv.number(c.finalTrain()),
                        Csv.number(c.finalValidation()),
                        Csv.number(c.finalValidation() - c.finalTrain()),
                        Csv.number(s.meanValMse()), Csv.number(s.meanGap()),
                        Boolean.toString(s.discarded()), s.reason(),
                        Integer.toString(result.rank(s)), Integer.toString(o.encodingDim()),
                        Integer.toString(o.epochs()), Integer.toString(o.batchSize()),
                        Long.toString(o.seed()), Integer.toString(o.trainLimit()),
                        Csv.number(o.maxLoss()), Csv.number(o.oscillation()),
                        Integer.toString(o.folds()), grid(o.learningRates()),
                        grid(o.weightDecays()), result.dataSha256(),
                        Csv.number(o.baselineMargin()), result.baselines() == null ? ""
                                : Csv.number(result.baselines().get(c.fold()))));
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
     * @param summary a summary CSV header line
     * @return whether it is the header of a grid-search summary (this or an older format)
     */
    public static boolean isSummaryHeader(String summary) {
        return summary.equals(SUMMARY_HEADER) || summary.equals(V2_SUMMARY_HEADER)
                || summary.equals(LEGACY_SUMMARY_HEADER);
    }

    private static String grid(List<Double> values) {
        return String.join(" ", values.stream().map(GridSearch::num).toList());
    }

    /**
     * Writes the summary to {@code summary} and the curves to {@link #curvesPath}, each
     * atomically (see {@link #write(AtomicFiles.Ops, GridSearch.Result, Path)}).
     *
     * @param result the outcome
     * @param summary the summary CSV path
     * @throws IOException if writing fails
     */
    public static void write(GridSearch.Result result, Path summary) throws IOException {
        write(AtomicFiles.REAL, result, summary);
    }

    /**
     * Writes both files, each atomically and synced: the curves first, then the summary. The
     * summary is the commit: {@link #read} takes the settings it lists and ignores curves of
     * any other setting, so a save stopped at any point (a kill, a full disk) leaves the
     * previous search or the new one, never a mix. Settings only accumulate, so the curves
     * written first always hold every setting of the summary still on disk.
     *
     * @param ops the file system (a test seam)
     * @param result the outcome
     * @param summary the summary CSV path
     * @throws IOException if writing fails
     */
    public static void write(AtomicFiles.Ops ops, GridSearch.Result result, Path summary)
            throws IOException {
        AtomicFiles.write(ops, curvesPath(summary),
                curvesCsv(result).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(ops, summary, summaryCsv(result).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Removes the temporary files a killed {@link #write} left next to {@code summary}: only
     * those of its two files, as the folder may hold anything else.
     *
     * @param summary the summary CSV path
     * @throws IOException if the folder cannot be listed or a file removed
     */
    public static void removeStaleTemps(Path summary) throws IOException {
        Path dir = summary.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<String> prefixes = List.of("." + summary.getFileName() + ".",
                "." + curvesPath(summary).getFileName() + ".");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, f -> {
            String name = f.getFileName().toString();
            return AtomicFiles.isTemp(name) && prefixes.stream().anyMatch(pre ->
                    name.startsWith(pre) && name.substring(pre.length(),
                            name.length() - ".tmp".length()).matches("\\d+"));
        })) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    /**
     * Reads a search back from the files {@link #write} wrote (see
     * {@link GridSearchReader#read(Path)}): the discard rule is applied again with the baselines
     * the file holds, if any, and must agree with its stored status and ranks.
     *
     * @param summary the summary CSV; the curves CSV is expected at {@link #curvesPath}
     * @return the outcome, as it was when written
     * @throws IOException if a file is missing or unreadable, or is not a grid-search file of
     *     this format; the message names the file and the problem
     */
    public static GridSearch.Result read(Path summary) throws IOException {
        return GridSearchReader.read(summary);
    }

    /**
     * Reads a search and judges it by today's discard rule (see
     * {@link GridSearchReader#read(Path, MnistData)}): a file without its fold baselines gets
     * them from {@code data} and is re-ranked; the file is not changed.
     *
     * @param summary the summary CSV; the curves CSV is expected at {@link #curvesPath}
     * @param data the data the search was computed on, or null to read it as stored
     * @return the outcome; its baselines are null only when {@code data} is null and the
     *     file holds none
     * @throws IOException as {@link #read(Path)}, or when the file records other data than
     *     {@code data} or the baselines cannot be computed on it
     */
    public static GridSearch.Result read(Path summary, MnistData data) throws IOException {
        return GridSearchReader.read(summary, data);
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
        // the reason starts with the winner: name it once
        b.append(result.winner() == null ? "winner: none (" + result.why() + ")"
                : "winner: " + result.why()).append('\n');
        return b.toString();
    }
}
