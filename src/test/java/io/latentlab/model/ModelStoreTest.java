package io.latentlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    private static float[] reconstruct(Autoencoder model, float[] input) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(input, new Shape(2, 1, 28, 28));
            return model.reconstruct(x, false).toFloatArray();
        }
    }

    private static float[] input() {
        float[] x = new float[2 * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 97) / 97f;
        }
        return x;
    }

    @Test
    void roundTripGivesIdenticalOutputs(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ed4");
        float[] before;
        try (Autoencoder model = Autoencoder.create(4, 123)) {
            before = reconstruct(model, input());
            ModelStore.save(dir, model, ModelMetadata.of(4).with("test_mse", 0.027));
        }
        try (ModelStore.Loaded loaded = ModelStore.load(dir)) {
            assertThat(loaded.model().encodingDim()).isEqualTo(4);
            assertThat(loaded.metadata().getDouble("test_mse")).isEqualTo(0.027);
            assertThat(loaded.metadata().get("parameter_count")).isEqualTo("49541");
            assertThat(reconstruct(loaded.model(), input())).containsExactly(before);
        }
        // written under temporary names and renamed: the manifest and the parameters it
        // names, nothing else
        Path params = ModelStore.paramsFile(dir, ModelStore.readMetadata(dir));
        assertThat(params.getFileName().toString()).matches("model-[0-9a-f]{16}\\.params");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(params.getFileName().toString(), ModelStore.META);
        }
    }

    @Test
    void corruptParametersAreReportedByName(@TempDir Path tmp) throws Exception {
        try (Autoencoder model = Autoencoder.create(2, 1)) {
            ModelStore.save(tmp, model, ModelMetadata.of(2));
        }
        Path params = ModelStore.paramsFile(tmp, ModelStore.readMetadata(tmp));
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(params, bytes);
        assertThatThrownBy(() -> ModelStore.load(tmp))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(params.toString())
                .hasMessageContaining("corrupt");
    }

    @Test
    void parametersOfAnotherEncodingDimensionDoNotFit(@TempDir Path tmp) throws Exception {
        try (Autoencoder model = Autoencoder.create(8, 1)) {
            ModelStore.save(tmp, model, ModelMetadata.of(8));
        }
        // claim ED=16 and drop the checksum so only the shape check can catch it
        Path meta = tmp.resolve(ModelStore.META);
        String text = Files.readString(meta).replace("ed=8", "ed=16")
                .replaceAll("params_sha256=.*\n", "");
        Files.writeString(meta, text);
        assertThatThrownBy(() -> ModelStore.load(tmp))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(".params")
                .hasMessageContaining("ED=16");
    }

    @Test
    void missingOrForeignFilesGiveClearMessages(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> ModelStore.load(tmp.resolve("nope")))
                .hasMessageContaining("nope").hasMessageContaining("no such checkpoint folder");
        assertThatThrownBy(() -> ModelStore.load(tmp))
                .hasMessageContaining("model.properties").hasMessageContaining("missing");
        Files.writeString(tmp.resolve(ModelStore.META), "format=something-else\ned=4\n");
        assertThatThrownBy(() -> ModelStore.load(tmp))
                .hasMessageContaining("not a Latent Lab checkpoint");
        Files.writeString(tmp.resolve(ModelStore.META),
                "format=" + ModelMetadata.FORMAT + "\ned=four\n");
        assertThatThrownBy(() -> ModelStore.load(tmp))
                .hasMessageContaining("invalid value for 'ed': four");
        Files.writeString(tmp.resolve(ModelStore.META), "format=" + ModelMetadata.FORMAT + "\ned=4\n");
        assertThatThrownBy(() -> ModelStore.load(tmp))
                .hasMessageContaining("model.params").hasMessageContaining("missing");
        Files.write(tmp.resolve(ModelStore.PARAMS), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ModelStore.load(tmp))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("does not fit a model with ED=4");
    }

    @Test
    void atomicWriteKeepsTheOldFileWhenWritingFails(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("a.txt");
        AtomicFiles.writeString(file, "old");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("partial".getBytes());
            throw new java.io.IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).hasSize(1);
        }
    }
}
