package io.latentlab.report;

import static io.latentlab.report.ReportContext.CHART_H;
import static io.latentlab.report.ReportContext.CHART_W;
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
                + "those the discard rule kept.\n\n" + Tables.markdown(cols, overview) + "\n"
                + figures;
    }

    /** Writes one search's files and adds its overview row; returns its index part. */
    private String gridSearch(Path csv, String name, List<List<String>> overview)
            throws IOException {
        ctx.progress.accept("grid search: " + csv);
        byte[] bytes = Files.readAllBytes(csv);
        AtomicFiles.write(ctx.file(name + ".csv"), o -> o.write(bytes));
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
                figure = r == null ? "" : gridFigure(csv, name, r);
                md.append("## Per setting\n\n").append(summary).append(figure)
                        .append("\n## Per fold\n\n");
            }
            md.append(Tables.markdown(header, rows));
        } else {
            md.append("The file is empty.\n");
        }
        AtomicFiles.writeString(ctx.file(name + ".md"), md.toString());
        String links = link(name + ".md") + " · " + link(name + ".csv");
        overview.add(r == null ? List.of(links, "", "", missing, "", "", "", "")
                : overviewRow(links, r));
        return "### " + (r == null ? "" : "ED=" + r.options().encodingDim() + ": ")
                + "`" + csv.getFileName() + "`\n\n" + figure;
    }

    private GridSearch.Result readGrid(Path csv) {
        try {
            return GridSearchReport.read(csv);
        } catch (IOException e) {
            ctx.progress.accept("grid search: no curves figure (" + e.getMessage() + ")");
            return null;
        }
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

    /** The mean validation curve of every setting, and a copy of the curves file. */
    private String gridFigure(Path csv, String name, GridSearch.Result r) throws IOException {
        byte[] bytes = Files.readAllBytes(GridSearchReport.curvesPath(csv));
        String curvesFile = name + "-curves.csv";
        AtomicFiles.write(ctx.file(curvesFile), o -> o.write(bytes));
        List<Charts.Series> series = new ArrayList<>();
        int epochs = r.options().epochs();
        double[] x = new double[epochs];
        for (int t = 0; t < epochs; t++) {
            x[t] = t + 1;
        }
        for (GridSearch.SettingResult s : r.settings()) {
            double[] mean = new double[epochs];
            for (GridSearch.FoldCurve c : s.folds()) {
                for (int t = 0; t < epochs; t++) {
                    mean[t] += c.validation()[t] / s.folds().size();
                }
            }
            int rank = r.rank(s);
            series.add(new Charts.Series(s.label() + (rank == 0 ? " (discarded)"
                    : " (rank " + rank + ")"), x, mean));
        }
        String title = "Grid search, ED=" + r.options().encodingDim() + ": mean validation MSE"
                + " over " + r.options().folds() + " folds";
        ctx.png(Charts.lineChart(new Charts.LineChart(title, "epoch", "MSE (log scale)", series,
                true, epochs <= 40), CHART_W, CHART_H), name + ".png");
        return image(name + ".png", "grid search curves")
                + "Mean validation MSE per epoch of every setting (curves: "
                + link(curvesFile) + "). Winner: "
                + (r.winner() == null ? "none" : r.winner().label()) + "; " + r.why()
                + ".\n\n";
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
