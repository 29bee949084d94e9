package io.latentlab.study;

import io.latentlab.data.Errors;
import io.latentlab.data.MnistData;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads what {@link GridSearchReport} wrote, in this or an older format, checking every row
 * and that the summary agrees with its curves; messages name the file, the row and the
 * problem.
 */
final class GridSearchReader {

    /** First column of the options, the same on every row. */
    private static final int OPTIONS_FROM = 11;
    /** Column of the fold's baseline (the last of the current summary). */
    private static final int BASELINE = 23;

    private GridSearchReader() {}

    /**
     * Reads a search back from the files {@link GridSearchReport#write} wrote: the summary
     * lists the settings (curves of other settings, left by an interrupted save, are ignored)
     * and gives the options; the curves give every fit's losses, whose last epoch must be the
     * summary's final numbers; the discard rule and ranking are applied again, with the fold
     * baselines the file holds (none: the never-learned rule is not applied), and must agree
     * with the summary's status and ranks. Summaries of the older formats (without the
     * baselines and margin; without the grid and the data's checksum) are read too: the
     * margin is then the default, and the grid the settings they list.
     *
     * @param summary the summary CSV; the curves CSV is expected at
     *     {@link GridSearchReport#curvesPath}
     * @return the outcome, as it was when written
     * @throws IOException if a file is missing or unreadable, or is not a grid-search file of
     *     this format; the message names the file and the problem
     */
    static GridSearch.Result read(Path summary) throws IOException {
        List<List<String>> rows = rows(summary, GridSearchReport.SUMMARY_HEADER,
                GridSearchReport.V2_SUMMARY_HEADER, GridSearchReport.LEGACY_SUMMARY_HEADER);
        List<String> first = rows.get(0);
        boolean legacy = first.size() == GridSearchReport.LEGACY_SUMMARY_HEADER.split(",").length;
        boolean current = first.size() == GridSearchReport.SUMMARY_HEADER.split(",").length;
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

        Path curvesFile = GridSearchReport.curvesPath(summary);
        if (!Files.isRegularFile(curvesFile)) {
            throw new IOException(curvesFile + ": no such file (the per-epoch curves of "
                    + summary.getFileName() + " are read from it)");
        }
        List<List<String>> curveRows = rows(curvesFile, GridSearchReport.CURVES_HEADER);
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
     * @param summary the summary CSV; the curves CSV is expected at
     *     {@link GridSearchReport#curvesPath}
     * @param data the data the search was computed on, or null to read it as stored
     * @return the outcome; its baselines are null only when {@code data} is null and the
     *     file holds none
     * @throws IOException as {@link #read(Path)}, or when the file records other data than
     *     {@code data} or the baselines cannot be computed on it
     */
    static GridSearch.Result read(Path summary, MnistData data) throws IOException {
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
}
