package io.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.analysis.LatentCodes;
import io.latentlab.analysis.LatentMetrics;
import io.latentlab.data.MnistData;
import io.latentlab.data.Seeds;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchReport;
import io.latentlab.study.SavedGrids;
import io.latentlab.training.EpochMetrics;
import io.latentlab.training.RunCheckpoint;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static MnistData data;

    @BeforeAll
    static void loadData() throws Exception {
        data = MnistData.load(MnistData.defaultDir());
    }

    /**
     * Two untrained models, ed2 with stored metrics and a 3-epoch history, ed4 bare.
     *
     * @return their folders (ed4 first, so the report has to sort them)
     */
    static List<Path> tinyModels(Path tmp) throws Exception {
        Path ed2 = tmp.resolve("models/ed2");
        Path ed4 = tmp.resolve("models/ed4");
        try (Autoencoder a = Autoencoder.create(2, 3); Autoencoder b = Autoencoder.create(4, 5)) {
            ModelStore.save(ed2, a, ModelMetadata.of(2).with("test_mse", "0.0612")
                    .with("val_mse", "0.0634").with("epochs", 3).with("best_epoch", 3)
                    .with("early_stopped", false).with("training_seconds", "1.5"));
            ModelStore.save(ed4, b, ModelMetadata.of(4));
        }
        Files.writeString(ed2.resolve(RunCheckpoint.HISTORY), RunCheckpoint.historyCsv(List.of(
                new EpochMetrics(1, 0.11, 0.10, 0.105, 0.5, true),
                new EpochMetrics(2, 0.08, 0.075, 0.077, 0.5, true),
                new EpochMetrics(3, 0.06, 0.063, 0.061, 0.5, true))));
        return List.of(ed4, ed2);
    }

    static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(
                    TreeSet::new));
        }
    }

    @Test
    void writesEveryFigureAndTableAndIndexLinksThemAll(@TempDir Path tmp) throws Exception {
        List<Path> models = tinyModels(tmp);
        Path grid = tmp.resolve("grid.csv");
        GridSearch.Options gridOptions = new GridSearch.Options(2, List.of(0.01, 1.0),
                List.of(1e-4), 2, 2, 100, 3, 100, 0.1, 0.25);
        GridSearch.FoldCurve fine = new GridSearch.FoldCurve(0, new double[] {0.09, 0.03},
                new double[] {0.1, 0.031});
        GridSearch.FoldCurve diverged = new GridSearch.FoldCurve(0, new double[] {0.09, Double.NaN},
                new double[] {0.1, Double.NaN});
        GridSearchReport.write(GridSearch.rank(gridOptions, List.of(
                GridSearch.evaluate(0.01, 1e-4, List.of(fine, new GridSearch.FoldCurve(1,
                        fine.train(), fine.validation())), 0.1, 0.25),
                GridSearch.evaluate(1.0, 1e-4, List.of(diverged, new GridSearch.FoldCurve(1,
                        fine.train(), fine.validation())), 0.1, 0.25))), grid);
        // a second search of the same file name (as one per folder) gets its own files
        Path grid2 = tmp.resolve("second/grid.csv");
        Files.createDirectories(grid2.getParent());
        Files.copy(grid, grid2);
        Files.copy(GridSearchReport.curvesPath(grid), GridSearchReport.curvesPath(grid2));
        Path out = tmp.resolve("report");
        List<String> progress = new ArrayList<>();
        ReportWriter.Report report = ReportWriter.write(out, models, data,
                new ReportWriter.Options(200, 7, false, List.of(grid, grid2), 4, 300),
                progress::add);

        Set<String> expected = new TreeSet<>(List.of("loss-ed2.png", "latent-ed2.png",
                "latent-ed4.png", "recon-ed2.png", "recon-ed4.png", "mse-vs-ed.png",
                "mse-per-ed.csv", "mse-per-ed.md", "noise-table.csv", "noise-table-sigma.csv",
                "noise-table.md", "mse-vs-sigma.png", "latent-metrics.csv", "latent-metrics.md",
                "grid-search-grid.csv", "grid-search-grid.md", "grid-search-grid-curves.csv",
                "grid-search-grid.png", "grid-search-grid-2.csv", "grid-search-grid-2.md",
                "grid-search-grid-2-curves.csv", "grid-search-grid-2.png", "index.md"));
        assertThat(names(out)).isEqualTo(expected);
        assertThat(report.files()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(report.index()).isEqualTo(out.resolve("index.md"));

        // every link in the index points to a file that exists, and every file is linked
        String index = Files.readString(out.resolve("index.md"));
        Matcher m = Pattern.compile("\\]\\(([^)]+)\\)").matcher(index);
        Set<String> linked = new TreeSet<>();
        while (m.find()) {
            linked.add(m.group(1));
            assertThat(out.resolve(m.group(1))).as("link target %s", m.group(1)).exists();
        }
        Set<String> others = new TreeSet<>(expected);
        others.remove("index.md");
        assertThat(linked).isEqualTo(others);
        for (String png : List.of("loss-ed2.png", "latent-ed4.png", "recon-ed2.png",
                "mse-vs-sigma.png")) {
            assertThat(index).contains("![").contains("(" + png + ")");
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertThat(img).as(png).isNotNull();
        }
        assertThat(index).contains("the first 200 test digits (--limit 200)")
                .contains("- seed: 7 (noise, kNN reference and silhouette subsamples)");

        // recon grid: 18 rows (input and output for 9 noises) of 4 digits scaled x3
        BufferedImage recon = ImageIO.read(out.resolve("recon-ed4.png").toFile());
        assertThat(recon.getHeight()).isGreaterThan(18 * 84);
        assertThat(recon.getWidth()).isGreaterThan(4 * 84).isLessThan(5 * 84 + 300);

        // tables: one row per model (sorted by ED) or per noise
        List<String> mse = Files.readAllLines(out.resolve("mse-per-ed.csv"));
        assertThat(mse).hasSize(3);
        assertThat(mse.get(0)).isEqualTo("model,ed,test_mse_stored,val_mse_stored,epochs,"
                + "best_epoch,early_stopped,training_seconds,test_mse_measured,knn_accuracy,"
                + "measured_n,study_test_mse");
        // the study gives a test MSE for ED=4 (0.027), none for ED=2
        assertThat(mse.get(1)).startsWith("ed2,2,0.0612,0.0634,3,3,false,1.5,0.").endsWith(",200,");
        assertThat(mse.get(2)).startsWith("ed4,4,,,,,,,0.").endsWith(",200,0.027");
        List<String> noise = Files.readAllLines(out.resolve("noise-table.csv"));
        assertThat(noise).hasSize(10);
        assertThat(noise.get(7)).startsWith("occlusion:14,");
        assertThat(noise.get(8)).startsWith("occlusion:14:quadrant,");
        // Table 1: both occlusion readings, the study's values beside them, and the ED=4
        // model (the study's ED=4 row; ED=2 has none) compared with the study per reading
        String[] anywhere = noise.get(7).split(",");
        String[] quadrant = noise.get(8).split(",");
        String occlusionRows = String.format(Locale.ROOT,
                "| occlusion 14x14 (anywhere inside) | %.6f | %.6f | 0.0502 | 0.0329 |\n"
                + "| occlusion 14x14 (one quadrant) | %.6f | %.6f | 0.0502 | 0.0329 |\n",
                Double.parseDouble(anywhere[1]), Double.parseDouble(anywhere[2]),
                Double.parseDouble(quadrant[1]), Double.parseDouble(quadrant[2]));
        String comparison = String.format(Locale.ROOT,
                "| occlusion 14x14 (anywhere inside) | ed4 (ED=4) | %.6f | 0.0502 | %+.1f%% |\n"
                + "| occlusion 14x14 (one quadrant) | ed4 (ED=4) | %.6f | 0.0502 | %+.1f%% |\n",
                Double.parseDouble(anywhere[2]), 100 * (Double.parseDouble(anywhere[2]) / 0.0502
                        - 1), Double.parseDouble(quadrant[2]),
                100 * (Double.parseDouble(quadrant[2]) / 0.0502 - 1));
        assertThat(index).contains("| noise | ed2 (ED=2) | ed4 (ED=4) | study ED=4 | study ED=32 |")
                .contains(occlusionRows).contains(comparison)
                .doesNotContain("| occlusion 14x14 (anywhere inside) | ed2 (ED=2) |");
        assertThat(Files.readString(out.resolve("noise-table.md"))).contains(occlusionRows)
                .contains(comparison);
        assertThat(noise.get(0)).isEqualTo("noise,ed2 (ED=2),ed4 (ED=4)");
        assertThat(noise.get(1)).startsWith("none,");
        // the "none" row is the measured clean MSE of the first table
        double none = Double.parseDouble(noise.get(1).split(",")[1]);
        assertThat(Double.parseDouble(mse.get(1).split(",")[8])).isCloseTo(none,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Files.readAllLines(out.resolve("noise-table-sigma.csv"))).hasSize(22);
        List<String> metrics = Files.readAllLines(out.resolve("latent-metrics.csv"));
        assertThat(metrics).hasSize(3);
        assertThat(metrics.get(1)).matches("ed2,2,0\\.\\d{4},0\\.\\d{4},-?\\d\\.\\d{4},"
                + "-?\\d\\.\\d{4},[01]\\.\\d{4},-?\\d\\.\\d{4},[01]\\.\\d{4},200,300,200");
        // the MSE table shows each model's kNN accuracy, the latent metrics' one
        for (int i = 1; i <= 2; i++) {
            assertThat(mse.get(i).split(",")[9]).as("model %d", i)
                    .isEqualTo(metrics.get(i).split(",")[6]);
        }
        assertThat(Files.readString(out.resolve("mse-per-ed.md")))
                .contains("`knn_accuracy` is the share of those digits whose code a "
                        + "5-nearest-neighbour classifier labels right against 300 random "
                        + "training codes (seed 7;");
        assertThat(Files.readString(out.resolve("latent-metrics.md")))
                .contains("against 300 random training codes; on the first 200 test digits "
                        + "(--limit 200); seed 7 (both subsets).");
        assertThat(Files.readString(out.resolve("grid-search-grid.md")))
                .contains("| 0.01 | 0.0001 | 0.031000 | 0.001000 | 1 | kept |")
                .contains("| 1 | 0.0001 |  |  | - | discarded: non-finite loss on fold 1 "
                        + "at epoch 2 |")
                .contains("Winner: lr=0.01 wd=0.0001")
                .contains("![grid search curves per fold](grid-search-grid.png)");
        // the search as judged, with the mean-image baselines of its 100 digits
        List<Double> baselines = io.latentlab.study.MeanImageBaseline.perFold(data.train(),
                gridOptions);
        assertThat(Files.readAllLines(out.resolve("grid-search-grid.csv")).get(1))
                .startsWith("0.01,0.0001,1,").endsWith(",0.1," + baselines.get(0));
        assertThat(Files.readAllBytes(out.resolve("grid-search-grid-curves.csv")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("grid-curves.csv")));
        // two fold panels and the legend
        assertThat(ImageIO.read(out.resolve("grid-search-grid.png").toFile()).getWidth())
                .isEqualTo(2 * 420 + 300);
        assertThat(index).contains("Winner: lr=0.01 wd=0.0001 has the lowest")
                .contains("- grid search: `" + grid.toAbsolutePath().normalize() + "`, `"
                        + grid2.toAbsolutePath().normalize() + "`")
                // one overview row per search: ED, folds x epochs, winner, its mean, no
                // runner-up (the other setting was discarded), kept, discarded
                .contains("| [grid-search-grid.md](grid-search-grid.md) · "
                        + "[grid-search-grid.csv](grid-search-grid.csv) | 2 | 2 x 2 | "
                        + "lr=0.01 wd=0.0001 | 0.031000 |  | 1 | 1 |")
                .contains("| [grid-search-grid-2.md](grid-search-grid-2.md) · ")
                .contains("### ED=2: `grid.csv`");

        assertThat(progress).contains("noise table: model 1/2 (ed2)",
                "noise table: model 2/2 (ed4)", "latent metrics: model 2/2 (ed4)")
                .last().asString().startsWith("index: ");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void noHistoryNoGridAndSameFolderNamesGiveDistinctFiles(@TempDir Path tmp)
            throws Exception {
        Path a = tmp.resolve("a/ed3");
        Path b = tmp.resolve("b/ed3");
        try (Autoencoder m = Autoencoder.create(3, 1)) {
            ModelStore.save(a, m, ModelMetadata.of(3));
            ModelStore.save(b, m, ModelMetadata.of(3));
        }
        Path out = tmp.resolve("r");
        ReportWriter.write(out, List.of(a, b), data,
                new ReportWriter.Options(100, 0, true, null, 2, 100), line -> { });
        assertThat(names(out)).contains("latent-ed3.png", "latent-ed3-2.png", "recon-ed3-2.png")
                .doesNotContain("loss-ed3.png").noneMatch(n -> n.startsWith("grid-search"));
        assertThat(Files.readString(out.resolve("index.md"))).contains("clamped to [0, 1]")
                .contains("No `history.csv`");
    }

    @Test
    void aGridSummaryWithoutItsCurvesStillGivesItsTable(@TempDir Path tmp) throws Exception {
        Path m = tmp.resolve("ed2");
        try (Autoencoder model = Autoencoder.create(2, 1)) {
            ModelStore.save(m, model, ModelMetadata.of(2));
        }
        Path grid = tmp.resolve("grid.csv");
        SavedGrids.tiny(grid);
        Files.delete(GridSearchReport.curvesPath(grid));
        Path out = tmp.resolve("r");
        List<String> progress = new ArrayList<>();
        ReportWriter.write(out, List.of(m), data,
                new ReportWriter.Options(50, 0, false, List.of(grid), 2, 50), progress::add);
        assertThat(names(out)).contains("grid-search-grid.csv", "grid-search-grid.md")
                .doesNotContain("grid-search-grid.png", "grid-search-grid-curves.csv");
        assertThat(Files.readString(out.resolve("grid-search-grid.md")))
                .contains("Winner: lr=0.01 wd=0.0001");
        assertThat(Files.readString(out.resolve("index.md")))
                .contains("| (no curves: see its table) |");
        assertThat(progress).contains("grid search: no curves figure ("
                + GridSearchReport.curvesPath(grid) + ": no such file (the per-epoch curves of "
                + "grid.csv are read from it))");
    }

    @Test
    void theMseTableGivesTheKnnAccuracyOfTheCodes() {
        // reference codes: class 0 at (0,0), (0,1), (1,0); class 1 at (10,10), (10,11), (11,10)
        LatentCodes ref = new LatentCodes(new float[] {0, 0, 0, 1, 1, 0, 10, 10, 10, 11, 11, 10},
                6, 2, new int[] {0, 0, 0, 1, 1, 1});
        // 5 nearest of (0,0.5): three of class 0 -> 0, right; (10.5,10.5) -> 1, right;
        // (0.2,0.2) labelled 1 -> 0, wrong; (5,5): d²=41,41,50 (class 0), 50,61 (class 1)
        // -> 0, right: 3 of 4
        LatentCodes test = new LatentCodes(new float[] {0, 0.5f, 10.5f, 10.5f, 0.2f, 0.2f, 5, 5},
                4, 2, new int[] {0, 1, 1, 0});
        LatentMetrics metrics = LatentMetrics.of(ref, test, 0, Seeds.DEFAULT);
        List<String> row = TableSections.mseRow("ed2", 2, ModelMetadata.of(2)
                .with("test_mse", "0.0361917"), 0.036192, 4, metrics);
        assertThat(row).hasSameSizeAs(TableSections.MSE_HEADER);
        assertThat(row.get(TableSections.MSE_HEADER.indexOf("knn_accuracy"))).isEqualTo("0.7500");
        assertThat(TableSections.MSE_HEADER.indexOf("knn_accuracy"))
                .isEqualTo(TableSections.MSE_HEADER.indexOf("test_mse_measured") + 1);
        assertThat(row).containsExactly("ed2", "2", "0.0361917", "", "", "", "", "", "0.036192",
                "0.7500", "4", "");
    }

    @Test
    void optionsAreValidated(@TempDir Path tmp) {
        assertThatThrownBy(() -> new ReportWriter.Options(-1, 0, false, null, 8, 0))
                .hasMessageContaining("--limit");
        assertThatThrownBy(() -> new ReportWriter.Options(0, 0, false, null, 0, 0))
                .hasMessageContaining("--digits");
        assertThatThrownBy(() -> ReportWriter.write(tmp, List.of(), data,
                ReportWriter.Options.defaults(), line -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        Path gone = tmp.resolve("gone.csv");
        assertThatThrownBy(() -> ReportWriter.write(tmp.resolve("r"), List.of(tmp), data,
                new ReportWriter.Options(0, 0, false, List.of(gone), 8, 0), line -> { }))
                .isInstanceOf(java.io.IOException.class).hasMessage(gone + ": no such file");
        assertThat(tmp.resolve("r")).doesNotExist();
    }
}
