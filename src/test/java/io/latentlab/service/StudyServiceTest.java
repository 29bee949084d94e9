package io.latentlab.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.study.NoiseTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The study's computations on model handles. */
class StudyServiceTest {

    private static Dataset test;

    @BeforeAll
    static void load() throws Exception {
        DjlThread.prepareCurrentThread();
        test = io.latentlab.data.TestMnist.shipped().test();
    }

    @Test
    void columnsComputedApartMergeIntoTheTableComputedAtOnce() {
        double[] sigmas = {0, 0.5, 2};
        try (ModelHandle a = new ModelHandle(Autoencoder.create(2, 1), ModelMetadata.of(2));
                ModelHandle b = new ModelHandle(Autoencoder.create(4, 2), ModelMetadata.of(4))) {
            NoiseTable whole = NoiseTable.compute(List.of(
                    new NoiseTable.Entry("a", a.autoencoder()),
                    new NoiseTable.Entry("b", b.autoencoder())), test, 50, 7, false, sigmas);
            List<Integer> steps = new ArrayList<>();
            NoiseTable merged = StudyService.merge(List.of(
                    StudyService.noiseColumn("a", a, test, 50, 7, false, sigmas,
                            (d, t) -> steps.add(t)),
                    StudyService.noiseColumn("b", b, test, 50, 7, false, sigmas, null)));
            assertThat(steps).hasSize(StudyService.noiseColumnSteps(sigmas)).containsOnly(12); // 9 noises + 3 sigmas
            assertThat(merged.models()).containsExactly("a", "b");
            assertThat(merged.mse()).isDeepEqualTo(whole.mse());
            assertThat(merged.sigmaMse()).isDeepEqualTo(whole.sigmaMse());
            assertThat(merged.csv()).isEqualTo(whole.csv());
            assertThat(merged.sigmaCsv()).isEqualTo(whole.sigmaCsv());

            NoiseTable otherSeed = StudyService.noiseColumn("c", a, test, 50, 8, false, sigmas,
                    null);
            assertThatThrownBy(() -> StudyService.merge(List.of(merged, otherSeed)))
                    .isInstanceOf(IllegalArgumentException.class);
            // a progress callback that throws ends the column
            assertThatThrownBy(() -> StudyService.noiseColumn("a", a, test, 50, 7, false,
                    sigmas, (d, t) -> {
                        throw new CancellationException("stop");
                    })).isInstanceOf(CancellationException.class);
        }
    }

    @Test
    void gridsAndMetricsOfAHandle() throws Exception {
        MnistData data = io.latentlab.data.TestMnist.shipped();
        try (ModelHandle a = new ModelHandle(Autoencoder.create(2, 1), ModelMetadata.of(2))) {
            var grid = StudyService.reconstructionGrid("a", a, test, 4, 3, true);
            assertThat(grid.outputs()).hasDimensions(9, 4);
            assertThat(grid.label()).isEqualTo("a");
            var m = StudyService.latentMetrics(a, data, 300, 500, 200, 42);
            assertThat(m.encodingDim()).isEqualTo(2);
            assertThat(m.knnAccuracy()).isBetween(0.0, 1.0);
        }
    }
}
