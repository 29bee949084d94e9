package io.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridSearchReport;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, item 2: the report judges the saved searches by today's rule. */
class GridSearchSectionTest {

    @Test
    void theShippedEd4SearchIsReRankedAndDrawnPerFold(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("ed4");
        try (Autoencoder m = Autoencoder.create(4, 1)) {
            ModelStore.save(model, m, ModelMetadata.of(4));
        }
        Path csv = Path.of("docs/grid-search/ed4.csv");
        byte[] before = Files.readAllBytes(csv);
        MnistData data = io.latentlab.data.TestMnist.shipped();
        Path out = tmp.resolve("report");
        ReportWriter.write(out, List.of(model), data, new ReportWriter.Options(50, 0, false,
                List.of(csv), 2, 50), line -> { });

        String md = Files.readString(out.resolve("grid-search-ed4.md"));
        assertThat(md).contains("Mean-image baseline per fold: 0.0673, 0.0673, 0.0672. 5 of 9 "
                + "settings discarded (the file, written by an earlier rule, marks 0).")
                .contains("| 0.01 | 0.001 | 0.063785 | 0.000111 | - | discarded: fold 1: "
                        + "validation MSE 0.0638 is not 10% below the mean-image baseline "
                        + "0.0673 (never learned) |")
                .contains("| 0.01 | 0.0001 | 0.033792 | 0.000348 | 1 | kept |")
                // per fold: the final numbers beside the fold's baseline
                .containsPattern("\\| 0\\.0001 \\| 0\\.001 \\| 3 \\| 0\\.\\d{6} \\| 0\\.\\d{6} "
                        + "\\| 0\\.0671\\d\\d \\| \\+3\\.\\d% \\| discarded \\|");
        String index = Files.readString(out.resolve("index.md"));
        assertThat(index).contains("### ED=4: `ed4.csv`\n\nMean-image baseline per fold: "
                + "0.0673, 0.0673, 0.0672. 5 of 9 settings discarded (the file, written by an "
                + "earlier rule, marks 0).\n\n![grid search curves per fold]")
                .contains("| 4 | 3 x 20 | lr=0.01 wd=0.0001 | 0.033792 | lr=0.01 wd=0.00001 "
                        + "(0.034711) | 4 | 5 |");
        // the report's copy is the judged summary; the shipped file is untouched
        GridSearch.Result copy = GridSearchReport.read(out.resolve("grid-search-ed4.csv"));
        assertThat(copy.baselines()).hasSize(3);
        assertThat(copy.ranking()).hasSize(4);
        assertThat(Files.readAllBytes(csv)).isEqualTo(before);

        // three fold panels and the legend; kept settings in colour, discarded in grey
        BufferedImage png = ImageIO.read(out.resolve("grid-search-ed4.png").toFile());
        assertThat(png.getWidth()).isEqualTo(3 * GridSearchFigure.PANEL_W
                + GridSearchFigure.LEGEND_W);
        assertThat(png.getHeight()).isEqualTo(GridSearchFigure.TITLE_H
                + GridSearchFigure.PANEL_H);
        assertThat(ChartsTest.count(png, GridSearchFigure.DISCARDED)).isGreaterThan(500);
        for (int rank = 1; rank <= 4; rank++) {
            assertThat(ChartsTest.count(png, Charts.color(rank - 1))).as("rank %d", rank)
                    .isGreaterThan(200);
        }
        // only 4 kept: the fifth colour is not used
        assertThat(ChartsTest.count(png, Charts.color(4))).isZero();
    }
}
