package io.latentlab.report;

import static io.latentlab.report.ReportContext.fmt;
import static io.latentlab.report.ReportContext.image;
import static io.latentlab.report.ReportContext.link;
import static io.latentlab.report.ReportContext.safeName;
import static io.latentlab.report.ReportContext.uniqueName;

import io.latentlab.model.AtomicFiles;
import io.latentlab.study.Csv;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The grid-search section of the report and each search's own page, data and figure. */
final class GridSearchSection {

    private final ReportContext ctx;

    GridSearchSection(ReportContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The grid-search section: one line per search comparing their winners (the study ran
     * one per ED), then each search's figure; each search also gets its own page.
     */
    String write() throws IOException {
        Set<String> taken = new HashSet<>();
        List<List<String>> overview = new ArrayList<>();
        StringBuilder figures = new StringBuilder();
        for (Path csv : ctx.opts.grids()) {
            String stem = csv.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
            String name = "grid-search-" + uniqueName(safeName(stem, "grid"), taken);
            figures.append(gridSearch(csv, name, overview));
        }
        List<String> cols = List.of("search", "ED", "folds x epochs", "winner",
                "mean val MSE", "runner-up", "kept", "discarded");
        return "## Grid search\n\nLearning rate and weight decay chosen by cross-validation"
                + ": the setting with the lowest mean validation MSE over the folds among "
                + "those the discard rule kept. A setting is discarded when on any fold its "
                + "final validation MSE is not finite or above the maximum loss, is not the "
                + "margin below the fold's mean-image baseline (the MSE of predicting every "
                + "validation digit by the mean image of the fold's training digits: the "
                + "setting never learned), or when its validation curve oscillates; each "
                + "search's page gives its thresholds. The saved searches are judged again "
                + "from their curves by today's rule.\n\n" + Tables.markdown(cols, overview)
                + "\n" + figures;
    }

    /** Writes one search's files and adds its overview row; returns its index part. */
    private String gridSearch(Path csv, String name, List<List<String>> overview)
            throws IOException {
        ctx.progress.accept("grid search: " + csv);
        byte[] bytes = Files.readAllBytes(csv);
        List<List<String>> all = Csv.parse(new String(bytes, StandardCharsets.UTF_8));
        StringBuilder md = new StringBuilder("# Grid search\n\nFrom `")
                .append(csv.toAbsolutePath().normalize()).append("`.\n\n");
        String figure = "";
        GridSearch.Result r = null;
        String missing = "(empty file)"; // why the overview has no numbers, if it has none
        if (!all.isEmpty()) {
            List<String> header = all.get(0);
            List<List<String>> rows = all.subList(1, all.size());
            String summary = gridSummary(header, rows);
            missing = "(not a grid-search summary)";
            if (summary != null) {
                missing = "(no curves: see its table)";
                r = readGrid(csv);
            }
            if (r != null) {
                // the search as judged today: its summary rewritten with the baselines
                AtomicFiles.writeString(ctx.file(name + ".csv"), GridSearchReport.summaryCsv(r));
                figure = gridFigure(csv, name, r);
                md.append(judged(r, storedDiscarded(rows))).append("## Per setting\n\n")
                        .append(settingTable(r)).append(figure).append("\n## Per fold\n\n")
                        .append(foldTable(r));
            } else {
                AtomicFiles.write(ctx.file(name + ".csv"), o -> o.write(bytes));
                if (summary != null) {
                    md.append("## Per setting\n\n").append(summary).append("\n## Per fold\n\n");
                }
                md.append(Tables.markdown(header, rows));
            }
        } else {
            AtomicFiles.write(ctx.file(name + ".csv"), o -> o.write(bytes));
            md.append("The file is empty.\n");
        }
        AtomicFiles.writeString(ctx.file(name + ".md"), md.toString());
        String links = link(name + ".md") + " · " + link(name + ".csv");
        overview.add(r == null ? List.of(links, "", "", missing, "", "", "", "")
                : overviewRow(links, r));
        return "### " + (r == null ? "" : "ED=" + r.options().encodingDim() + ": ")
                + "`" + csv.getFileName() + "`\n\n" + (r == null ? "" : counted(r,
                storedDiscarded(all.subList(1, all.size()))) + "\n\n") + figure;
    }

    /** The saved search judged by today's rule, its fold baselines computed when missing. */
    private GridSearch.Result readGrid(Path csv) {
        try {
            return GridSearchReport.read(csv, ctx.data);
        } catch (IOException e) {
            ctx.progress.accept("grid search: no curves figure (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Settings the file itself marks discarded (its rule may predate today's). */
    private static long storedDiscarded(List<List<String>> rows) {
        return rows.stream().filter(r -> r.size() > 8 && Boolean.parseBoolean(r.get(8)))
                .map(r -> r.get(0) + "," + r.get(1)).distinct().count();
    }

    /** The rule the search was judged by, with its thresholds, and what it discarded. */
    private static String judged(GridSearch.Result r, long storedDiscarded) {
        GridSearch.Options o = r.options();
        return "Judged from its saved curves by today's discard rule: a setting is discarded "
                + "when on any fold its final validation MSE is not finite, is above "
                + GridSearch.num(o.maxLoss()) + ", is not " + GridSearch.num(o.baselineMargin()
                * 100) + "% below the fold's mean-image baseline (never learned), or when its "
                + "validation curve oscillates (rises over the last half of the epochs by more "
                + "than " + GridSearch.num(o.oscillation() * 100) + "% in total). "
                + counted(r, storedDiscarded) + "\n\n";
    }

    /** The baselines and how many were discarded, beside the file's own marks. */
    private static String counted(GridSearch.Result r, long storedDiscarded) {
        long discarded = r.settings().size() - r.ranking().size();
        return (r.baselines() == null ? "Mean-image baselines unknown (the rule was not "
                + "applied). " : "Mean-image baseline per fold: " + String.join(", ",
                r.baselines().stream().map(ReportContext::fmt4).toList()) + ". ")
                + discarded + " of " + r.settings().size() + " settings discarded"
                + (discarded == storedDiscarded ? "." : " (the file, written by an earlier "
                + "rule, marks " + storedDiscarded + ").");
    }

    private static String settingTable(GridSearch.Result r) {
        List<List<String>> rows = new ArrayList<>();
        for (GridSearch.SettingResult s : r.ranking()) {
            rows.add(settingRow(r, s));
        }
        for (GridSearch.SettingResult s : r.settings()) {
            if (s.discarded()) {
                rows.add(settingRow(r, s));
            }
        }
        return Tables.markdown(List.of("lr", "wd", "mean_val_mse", "mean_gap", "rank",
                "status"), rows) + "\nWinner: " + (r.winner() == null ? "none"
                : r.winner().label()) + ".\n\n";
    }

    private static List<String> settingRow(GridSearch.Result r, GridSearch.SettingResult s) {
        int rank = r.rank(s);
        return List.of(GridSearch.num(s.lr()), GridSearch.num(s.wd()), fmt(s.meanValMse()),
                fmt(s.meanGap()), rank == 0 ? "-" : Integer.toString(rank),
                s.discarded() ? "discarded: " + s.reason() : "kept");
    }

    /** Every fit's final numbers beside its fold's baseline. */
    private static String foldTable(GridSearch.Result r) {
        List<List<String>> rows = new ArrayList<>();
        for (GridSearch.SettingResult s : r.settings()) {
            for (GridSearch.FoldCurve c : s.folds()) {
                Double base = r.baselines() == null ? null : r.baselines().get(c.fold());
                rows.add(List.of(GridSearch.num(s.lr()), GridSearch.num(s.wd()),
                        Integer.toString(c.fold() + 1), fmt(c.finalTrain()),
                        fmt(c.finalValidation()), base == null ? "" : fmt(base),
                        base == null || !Double.isFinite(c.finalValidation()) ? ""
                                : String.format(Locale.ROOT, "%+.1f%%",
                                (c.finalValidation() / base - 1) * 100),
                        s.discarded() ? "discarded" : "kept"));
            }
        }
        return Tables.markdown(List.of("lr", "wd", "fold", "final train MSE", "final val MSE",
                "mean-image baseline", "val vs baseline", "setting"), rows);
    }

    private static List<String> overviewRow(String links, GridSearch.Result r) {
        List<GridSearch.SettingResult> ranked = r.ranking();
        GridSearch.SettingResult second = ranked.size() > 1 ? ranked.get(1) : null;
        return List.of(links, Integer.toString(r.options().encodingDim()),
                r.options().folds() + " x " + r.options().epochs(),
                r.winner() == null ? "none" : r.winner().label(),
                r.winner() == null ? "" : fmt(r.winner().meanValMse()),
                second == null ? "" : second.label() + " (" + fmt(second.meanValMse()) + ")",
                Integer.toString(ranked.size()),
                Integer.toString(r.settings().size() - ranked.size()));
    }

    /** The per-fold curves of every setting, and a copy of the curves file. */
    private String gridFigure(Path csv, String name, GridSearch.Result r) throws IOException {
        byte[] bytes = Files.readAllBytes(GridSearchReport.curvesPath(csv));
        String curvesFile = name + "-curves.csv";
        AtomicFiles.write(ctx.file(curvesFile), o -> o.write(bytes));
        ctx.png(GridSearchFigure.draw(r), name + ".png");
        return image(name + ".png", "grid search curves per fold")
                + "Training (dashed) and validation (solid) MSE per epoch of every setting on "
                + "each fold, discarded settings in grey; the dash-dotted line is the fold's "
                + "mean-image baseline, the dotted one the line a final validation MSE has to "
                + "reach (curves: " + link(curvesFile) + "). "
                // the reason starts with the winner: name it once
                + (r.winner() == null ? "No winner: " : "Winner: ") + r.why() + ".\n\n";
    }

    /** The grid-search summary per setting, when the CSV is a {@link GridSearchReport} one. */
    private static String gridSummary(List<String> header, List<List<String>> rows) {
        if (!GridSearchReport.isSummaryHeader(String.join(",", header))) {
            return null;
        }
        List<String> cols = List.of("lr", "wd", "mean_val_mse", "mean_gap", "rank", "status");
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (List<String> r : rows) {
            if (r.size() < header.size()) {
                continue;
            }
            String status = Boolean.parseBoolean(r.get(8)) ? "discarded: " + r.get(9) : "kept";
            settings.putIfAbsent(r.get(0) + "," + r.get(1), List.of(r.get(0), r.get(1),
                    r.get(6), r.get(7), r.get(10).equals("0") ? "-" : r.get(10), status));
        }
        List<List<String>> out = new ArrayList<>(settings.values());
        // kept settings by rank, then the discarded ones in grid order
        out.sort(Comparator.comparingInt(r -> r.get(4).equals("-") ? Integer.MAX_VALUE
                : Integer.parseInt(r.get(4))));
        String winner = out.stream().filter(r -> r.get(4).equals("1"))
                .map(r -> "lr=" + r.get(0) + " wd=" + r.get(1)).findFirst().orElse("none");
        return Tables.markdown(cols, out) + "\nWinner: " + winner + ".\n";
    }
}
