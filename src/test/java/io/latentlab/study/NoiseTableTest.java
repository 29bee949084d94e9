package io.latentlab.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.data.Noise;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.training.Evaluator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseTableTest {

    @Test
    void sigmaGridHitsTheTableValuesExactly() {
        double[] g = NoiseTable.sigmaGrid(2, 0.1);
        assertThat(g).hasSize(21);
        assertThat(g[0]).isZero();
        assertThat(g[3]).isEqualTo(0.3);
        assertThat(g[20]).isEqualTo(2.0);
        assertThat(NoiseTable.sigmaGrid(1, 0.5)).containsExactly(0, 0.5, 1);
        assertThat(NoiseTable.sigmaGrid(2, 0)).isEmpty();
    }

    @Test
    void tableOfAnUntrainedModel(@TempDir Path tmp) throws Exception {
        Dataset test = io.latentlab.data.TestMnist.shipped().test();
        try (Autoencoder fresh = Autoencoder.create(2, 5)) {
            ModelStore.save(tmp.resolve("ed2"), fresh, ModelMetadata.of(2));
        }
        double[] sigmas = {0, 0.1, 2};
        try (ModelStore.Loaded l = ModelStore.load(tmp.resolve("ed2"))) {
            List<NoiseTable.Entry> entries = List.of(new NoiseTable.Entry("ed2", l.model()));
            NoiseTable t = NoiseTable.compute(entries, test, 200, 7, false, sigmas);
            NoiseTable again = NoiseTable.compute(entries, test, 200, 7, false, sigmas);
            NoiseTable otherSeed = NoiseTable.compute(entries, test, 200, 8, false, sigmas);

            assertThat(t.count()).isEqualTo(200);
            assertThat(t.noises()).extracting(Noise::spec).containsExactly("none",
                    "gaussian:0.1", "gaussian:0.3", "gaussian:0.5", "gaussian:1.0",
                    "gaussian:2.0", "occlusion:14", "occlusion:14:quadrant", "uniform");
            for (int r = 0; r < 9; r++) {
                assertThat(t.mse()[r][0]).isFinite().isPositive();
                assertThat(again.mse()[r][0]).isEqualTo(t.mse()[r][0]);
            }
            assertThat(otherSeed.mse()[5][0]).isNotEqualTo(t.mse()[5][0]);
            // no noise: the plain reconstruction error of the first 200 digits
            try (var m = l.model().manager().newSubManager()) {
                double clean = Evaluator.mse(l.model(),
                        Evaluator.toNDArray(m, test.slice(0, 200), null), 1000);
                assertThat(t.mse()[0][0]).isCloseTo(clean, org.assertj.core.data.Offset.offset(1e-6));
            }
            // the series uses the same noisy digits as the table
            assertThat(t.sigmaMse()[0][0]).isEqualTo(t.mse()[0][0]);
            assertThat(t.sigmaMse()[1][0]).isEqualTo(t.mse()[1][0]);
            assertThat(t.sigmaMse()[2][0]).isEqualTo(t.mse()[5][0]);

            String md = t.markdown();
            assertThat(md.lines().count()).isEqualTo(11);
            assertThat(md.lines().findFirst().orElseThrow())
                    .isEqualTo("| noise | ed2 | study ED=4 | study ED=32 |");
            // both occlusion readings side by side, each with the study's value
            assertThat(md).contains(String.format(Locale.ROOT,
                    "| occlusion 14x14 (anywhere inside) | %.6f | 0.0502 | 0.0329 |%n"
                    + "| occlusion 14x14 (one quadrant) | %.6f | 0.0502 | 0.0329 |%n",
                    t.mse()[6][0], t.mse()[7][0]).replace(System.lineSeparator(), "\n"));
            assertThat(md).contains(String.format(Locale.ROOT,
                    "| gaussian:0.1 | %.6f |  |  |", t.mse()[1][0]));
            // quadrant and anywhere are different readings of the same patch
            assertThat(t.mse()[7][0]).isNotEqualTo(t.mse()[6][0]);

            Path csv = tmp.resolve("noise.csv");
            t.write(csv);
            assertThat(Files.readAllLines(csv)).hasSize(10).first().isEqualTo("noise,ed2");
            assertThat(Files.readAllLines(csv).get(8)).startsWith("occlusion:14:quadrant,");
            assertThat(Files.readAllLines(tmp.resolve("noise-sigma.csv")))
                    .containsExactly("sigma,ed2", "0," + t.mse()[0][0], "0.1," + t.mse()[1][0],
                            "2," + t.mse()[5][0]);
        }
    }

    @Test
    void studyComparisonPutsEachMeasuredValueBesideTheStudysOne() {
        List<Noise> noises = NoiseTable.standardNoises();
        double[][] mse = new double[noises.size()][3];
        for (double[] row : mse) {
            java.util.Arrays.fill(row, 0.01);
        }
        // columns ED=2, ED=4, ED=32; rows 6 and 7 are the two occlusion readings
        mse[6] = new double[] {0.07, 0.067929, 0.057732};
        mse[7] = new double[] {0.06, 0.053867, 0.03247};
        NoiseTable t = new NoiseTable(List.of("ed2", "ed4", "ed32"), noises, mse,
                new double[0], new double[0][], 10000, 0, false);

        // 0.067929 / 0.0502 - 1 = +35.3%, 0.053867 / 0.0502 - 1 = +7.3%,
        // 0.057732 / 0.0329 - 1 = +75.5%, 0.03247 / 0.0329 - 1 = -1.3%; ED=2 has no study value
        assertThat(t.studyComparison(new int[] {2, 4, 32})).isEqualTo(
                "| noise | model | measured | study | measured vs study |\n"
                + "|---|---|---:|---:|---:|\n"
                + "| occlusion 14x14 (anywhere inside) | ed4 | 0.067929 | 0.0502 | +35.3% |\n"
                + "| occlusion 14x14 (anywhere inside) | ed32 | 0.057732 | 0.0329 | +75.5% |\n"
                + "| occlusion 14x14 (one quadrant) | ed4 | 0.053867 | 0.0502 | +7.3% |\n"
                + "| occlusion 14x14 (one quadrant) | ed32 | 0.032470 | 0.0329 | -1.3% |\n");
        assertThat(t.studyComparison(new int[] {2, 8, 16})).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.studyComparison(new int[] {4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("need one encoding dimension per model (3), got 1");
    }
}
