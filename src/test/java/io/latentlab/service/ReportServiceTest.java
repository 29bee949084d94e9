package io.latentlab.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;
import io.latentlab.report.ReportWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report for the app's saved models. */
class ReportServiceTest {

    private static MnistData data;

    @BeforeAll
    static void load() throws Exception {
        DjlThread.prepareCurrentThread();
        MnistData full = io.latentlab.data.TestMnist.shipped();
        data = new MnistData(full.train().slice(0, 300), full.test().slice(0, 200), full.dir(),
                full.checksum());
    }

    private static Path saved(Path dir) throws Exception {
        try (Autoencoder m = Autoencoder.create(2, 1)) {
            ModelStore.save(dir, m, ModelMetadata.of(2));
        }
        return dir;
    }

    @Test
    void writesTheReportOnceForAModelListedTwice(@TempDir Path tmp) throws Exception {
        Path model = saved(tmp.resolve("ed2"));
        List<String> lines = new ArrayList<>();
        ReportWriter.Report r = ReportService.write(tmp.resolve("out"), List.of(model, model),
                data, null, lines::add, () -> false);
        assertThat(r.index()).isEqualTo(tmp.resolve("out/index.md"));
        // the app's report uses the one default seed
        assertThat(Files.readString(r.index())).contains("noise-table.csv")
                .contains("- seed: 1 (noise, kNN reference and silhouette subsamples)")
                .contains("noise seed 1");
        assertThat(tmp.resolve("out/recon-ed2.png")).exists();
        assertThat(lines).first().asString().isEqualTo("loaded model 1/1: ed2 (ED=2)");
    }

    @Test
    void aCancelStopsAtTheNextStep(@TempDir Path tmp) throws Exception {
        Path model = saved(tmp.resolve("ed2"));
        List<String> lines = new ArrayList<>();
        assertThatThrownBy(() -> ReportService.write(tmp.resolve("out"), List.of(model), data,
                null, lines::add, () -> !lines.isEmpty()))
                .isInstanceOf(CancellationException.class);
        assertThat(lines).hasSize(1);
        assertThat(tmp.resolve("out/index.md")).doesNotExist();
        assertThatThrownBy(() -> ReportService.write(tmp.resolve("out"), List.of(), data, null,
                lines::add, () -> false)).isInstanceOf(IllegalArgumentException.class);
    }
}
