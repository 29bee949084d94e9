package io.latentlab.study;

import io.latentlab.data.Errors;
import io.latentlab.data.MnistData;
import io.latentlab.model.AtomicFiles;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
    /** First column of the options, the same on every row. */
    private static final int OPTIONS_FROM = 11;
    /** Column of the fold's baseline (the last of {@link #SUMMARY_HEADER}). */
    private static final int BASELINE = 23;
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
     * Reads a search back from the files {@link #write} wrote: the summary lists the settings
     * (curves of other settings, left by an interrupted save, are ignored) and gives the
     * options; the curves give every fit's losses, whose last epoch must be the summary's
     * final numbers; the discard rule and ranking are applied again and must agree with the
     * summary's status and ranks. Summaries of the older format (without the grid and the
     * data's checksum) are read too: their grid is the settings they list.
     *
     * @param summary the summary CSV; the curves CSV is expected at {@link #curvesPath}
     * @return the outcome, as it was when written
     * @throws IOException if a file is missing or unreadable, or is not a grid-search file of
     *     this format; the message names the file and the problem
     */
    public static GridSearch.Result read(Path summary) throws IOException {
        List<List<String>> rows = rows(summary, SUMMARY_HEADER, V2_SUMMARY_HEADER,
                LEGACY_SUMMARY_HEADER);
        List<String> first = rows.get(0);
        boolean legacy = first.size() == LEGACY_SUMMARY_HEADER.split(",").length;
        boolean current = first.size() == SUMMARY_HEADER.split(",").length;
        // the options end before the per-fold baseline of the current format
        int optionsTo = current ? BASELINE : first.size();
        // settings in the summary's order, with their stored status and rank
        Map<List<Double>, List<String>> stored = new LinkedHashMap<>();
        // per setting: fold (1-based) -> stored final train and validation MSE
        Map<List<Double>, Map<Integer, double[]>> finals = new LinkedHashMap<>();
        // fold (1-based) -> its baseline as stored, and the data row that first gave it
        Map<Integer, String> baselineText = new TreeMap<>();
        Map<Integer, Integer> baselineRow = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            List<Double> key = List.of(number(summary, i, r, 0), number(summary, i, r, 1));
            if (!r.subList(OPTIONS_FROM, optionsTo).equals(first.subList(OPTIONS_FROM,
                    optionsTo))) {
                throw bad(summary, i, "its options (columns ed.." + (legacy ? "oscillation"
                        : current ? "baseline_margin" : "data_sha256") + ") differ from row 1's");
            }
            stored.putIfAbsent(key, List.of(r.get(8), r.get(10)));
            double[] fin = {number(summary, i, r, 3), number(summary, i, r, 4)};
            int fold = (int) whole(summary, i, r, 2);
            if (finals.computeIfAbsent(key, k -> new TreeMap<>()).put(fold, fin) != null) {
                throw bad(summary, i, "a second row for the same setting and fold");
            }
            if (current) {
                String was = baselineText.putIfAbsent(fold, r.get(BASELINE));
                baselineRow.putIfAbsent(fold, i);
                if (was != null && !was.equals(r.get(BASELINE))) {
                    throw bad(summary, i, "baseline_mse '" + r.get(BASELINE) + "' of fold "
                            + fold + " differs from data row " + (baselineRow.get(fold) + 1)
                            + "'s '" + was + "'");
                }
            }
        }
        List<List<Double>> keys = new ArrayList<>(stored.keySet());
        GridSearch.Options options;
        try {
            GridSearchOptionsBuilder b = GridSearch.Options.builder(
                    (int) whole(summary, first, 11)).epochs((int) whole(summary, first, 12))
                    .batchSize((int) whole(summary, first, 13))
                    .seed(whole(summary, first, 14))
                    .trainLimit((int) whole(summary, first, 15))
                    .maxLoss(number(summary, 0, first, 16))
                    .oscillation(number(summary, 0, first, 17));
            if (current) {
                b.baselineMargin(number(summary, 0, first, BASELINE - 1));
            }
            if (legacy) {
                b.learningRates(keys.stream().map(k -> k.get(0)).distinct().toList())
                        .weightDecays(keys.stream().map(k -> k.get(1)).distinct().toList())
                        .folds(finals.values().iterator().next().size());
            } else {
                b.folds((int) whole(summary, first, 18))
                        .learningRates(numbers(summary, first, 19))
                        .weightDecays(numbers(summary, first, 20));
            }
            options = b.build();
        } catch (IllegalArgumentException e) {
            throw new IOException(summary + ": invalid options: " + Errors.describe(e), e);
        }
        int folds = options.folds();
        for (List<Double> key : keys) {
            String label = "lr=" + GridSearch.num(key.get(0)) + " wd="
                    + GridSearch.num(key.get(1));
            if (!options.learningRates().contains(key.get(0))
                    || !options.weightDecays().contains(key.get(1))) {
                throw new IOException(summary + ": " + label + " is not in its grid (lr_grid, "
                        + "wd_grid)");
            }
            if (!finals.get(key).keySet().equals(IntStream.rangeClosed(1, folds).boxed()
                    .collect(Collectors.toSet()))) {
                throw new IOException(summary + ": " + label + " has rows for folds "
                        + finals.get(key).keySet() + ", expected folds 1.." + folds);
            }
        }
        String dataSha = legacy || first.get(21).isEmpty() ? null : first.get(21);
        List<Double> baselines = baselines(summary, baselineText, baselineRow);

        Path curvesFile = curvesPath(summary);
        if (!Files.isRegularFile(curvesFile)) {
            throw new IOException(curvesFile + ": no such file (the per-epoch curves of "
                    + summary.getFileName() + " are read from it)");
        }
        List<List<String>> curveRows = rows(curvesFile, CURVES_HEADER);
        Map<List<Double>, double[][][]> curves = new LinkedHashMap<>();
        for (List<Double> key : keys) {
            curves.put(key, new double[folds][2][options.epochs()]);
        }
        boolean[][] seen = new boolean[keys.size() * folds][options.epochs()];
        for (int i = 0; i < curveRows.size(); i++) {
            List<String> r = curveRows.get(i);
            List<Double> key = List.of(number(curvesFile, i, r, 0), number(curvesFile, i, r, 1));
            int setting = keys.indexOf(key);
            if (setting < 0) {
                // a setting whose save stopped before its summary was committed
                continue;
            }
            int fold = (int) whole(curvesFile, i, r, 2) - 1;
            int epoch = (int) whole(curvesFile, i, r, 3) - 1;
            if (fold < 0 || fold >= folds || epoch < 0 || epoch >= options.epochs()) {
                throw bad(curvesFile, i, "fold " + r.get(2) + " epoch " + r.get(3)
                        + " is outside folds 1.." + folds + ", epochs 1.." + options.epochs());
            }
            if (seen[setting * folds + fold][epoch]) {
                throw bad(curvesFile, i, "a second row for the same setting, fold and epoch");
            }
            seen[setting * folds + fold][epoch] = true;
            double[][] c = curves.get(key)[fold];
            c[0][epoch] = number(curvesFile, i, r, 4);
            c[1][epoch] = number(curvesFile, i, r, 5);
        }
        for (int k = 0; k < seen.length; k++) {
            for (int e = 0; e < seen[k].length; e++) {
                if (!seen[k][e]) {
                    List<Double> key = keys.get(k / folds);
                    throw new IOException(curvesFile + ": no row for lr="
                            + GridSearch.num(key.get(0)) + " wd=" + GridSearch.num(key.get(1))
                            + " fold " + (k % folds + 1) + " epoch " + (e + 1));
                }
            }
        }

        List<GridSearch.SettingResult> results = new ArrayList<>();
        for (Map.Entry<List<Double>, double[][][]> e : curves.entrySet()) {
            List<GridSearch.FoldCurve> fits = new ArrayList<>();
            for (int f = 0; f < folds; f++) {
                GridSearch.FoldCurve c = new GridSearch.FoldCurve(f, e.getValue()[f][0],
                        e.getValue()[f][1]);
                double[] fin = finals.get(e.getKey()).get(f + 1);
                if (Double.compare(fin[0], c.finalTrain()) != 0
                        || Double.compare(fin[1], c.finalValidation()) != 0) {
                    throw new IOException(summary + ": lr=" + GridSearch.num(e.getKey().get(0))
                            + " wd=" + GridSearch.num(e.getKey().get(1)) + " fold " + (f + 1)
                            + ": final MSE (train " + fin[0] + ", validation " + fin[1]
                            + ") differs from the last epoch of " + curvesFile.getFileName()
                            + " (train " + c.finalTrain() + ", validation "
                            + c.finalValidation() + "); was one of the files edited?");
                }
                fits.add(c);
            }
            results.add(GridSearch.evaluate(e.getKey().get(0), e.getKey().get(1), fits,
                    options, baselines));
        }
        GridSearch.Result result = GridSearch.rank(options, results, dataSha, baselines);
        for (GridSearch.SettingResult s : result.settings()) {
            List<String> was = stored.get(List.of(s.lr(), s.wd()));
            String now = s.discarded() + "/" + result.rank(s);
            if (!now.equals(was.get(0) + "/" + was.get(1))) {
                throw new IOException(summary + ": " + s.label() + " is stored as discarded="
                        + was.get(0) + " rank " + was.get(1) + " but its curves give discarded="
                        + s.discarded() + " rank " + result.rank(s)
                        + " (was one of the files edited?)");
            }
        }
        return result;
    }

    /** The stored baselines: all folds' or none (an older file, or one written without). */
    private static List<Double> baselines(Path summary, Map<Integer, String> text,
            Map<Integer, Integer> row) throws IOException {
        if (text.isEmpty() || text.values().stream().allMatch(String::isEmpty)) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        for (Map.Entry<Integer, String> e : text.entrySet()) {
            List<String> r = new ArrayList<>(List.of(e.getValue()));
            double v = number(summary, row.get(e.getKey()), r, 0);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw bad(summary, row.get(e.getKey()), "baseline_mse " + e.getValue()
                        + " is not a mean squared error");
            }
            out.add(v);
        }
        return out;
    }

    /**
     * Reads a search and judges it by today's discard rule: the fold baselines stored in the
     * file are used as they are; a file without them (written before the mean-image rule, or
     * without its data) gets them computed from {@code data} with its seed, subset and folds,
     * and is re-ranked. The file is not changed.
     *
     * @param summary the summary CSV; the curves CSV is expected at {@link #curvesPath}
     * @param data the data the search was computed on, or null to read it as stored
     * @return the outcome; its baselines are null only when {@code data} is null and the
     *     file holds none
     * @throws IOException as {@link #read(Path)}, or when the file records other data than
     *     {@code data} or the baselines cannot be computed on it
     */
    public static GridSearch.Result read(Path summary, MnistData data) throws IOException {
        GridSearch.Result r = read(summary);
        if (r.baselines() != null || data == null) {
            return r;
        }
        if (r.dataSha256() != null && !r.dataSha256().equals(data.checksum())) {
            throw new IOException(summary + ": was computed on data with SHA-256 "
                    + r.dataSha256() + ", not on " + data.dir() + " (SHA-256 " + data.checksum()
                    + "), so its mean-image baselines cannot be computed");
        }
        try {
            return GridSearch.rerank(r, r.options(), MeanImageBaseline.perFold(data.train(),
                    r.options()));
        } catch (IllegalArgumentException e) {
            throw new IOException(summary + ": its mean-image baselines cannot be computed on "
                    + data.dir() + ": " + Errors.describe(e), e);
        }
    }

    /** A space-separated list of numbers (a grid column). */
    private static List<Double> numbers(Path file, List<String> r, int col) throws IOException {
        List<Double> out = new ArrayList<>();
        for (String v : r.get(col).trim().split(" +")) {
            try {
                out.add(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                throw bad(file, 0, "'" + r.get(col) + "' is not a list of numbers");
            }
        }
        return out;
    }

    /** The data rows of a CSV file whose header is one of {@code headers}; at least one. */
    private static List<List<String>> rows(Path file, String... headers) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (MalformedInputException e) {
            throw new IOException(file + ": not a text (UTF-8) file", e);
        }
        List<List<String>> all = Csv.parse(text);
        if (all.isEmpty() || !List.of(headers).contains(String.join(",", all.get(0)))) {
            throw new IOException(file + ": not a Latent Lab grid-search file (its first line "
                    + "should be \"" + headers[0] + "\")");
        }
        int columns = all.get(0).size();
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).size() != columns) {
                throw bad(file, i - 1, "has " + all.get(i).size() + " fields, the header "
                        + columns);
            }
        }
        if (all.size() < 2) {
            throw new IOException(file + ": no data rows");
        }
        return all.subList(1, all.size());
    }

    private static double number(Path file, int row, List<String> r, int col) throws IOException {
        try {
            return Double.parseDouble(r.get(col));
        } catch (NumberFormatException e) {
            throw bad(file, row, "'" + r.get(col) + "' is not a number");
        }
    }

    private static long whole(Path file, List<String> r, int col) throws IOException {
        return whole(file, 0, r, col);
    }

    private static long whole(Path file, int row, List<String> r, int col) throws IOException {
        try {
            return Long.parseLong(r.get(col));
        } catch (NumberFormatException e) {
            throw bad(file, row, "'" + r.get(col) + "' is not a whole number");
        }
    }

    /** An error for data row {@code row} (0-based; reported 1-based, the header not counted). */
    private static IOException bad(Path file, int row, String problem) {
        return new IOException(file + ": data row " + (row + 1) + ": " + problem);
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
