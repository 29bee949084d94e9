package io.latentlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A fresh JVM (the warnings print once per process or per call, and native stderr is not
 * Java's): commands print none of PyTorch's warnings.
 */
class PyTorchWarningTest {

    private static String run(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp",
                System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                "io.latentlab.app.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void aCommandThatCreatesAModelPrintsNoPyTorchWarning() throws Exception {
        String out = run("info");
        // info creates a model (params=N): the first NDArray.set of the process happened
        assertThat(out).contains("engine=PyTorch").containsPattern("params=\\d+")
                .doesNotContain("AutoNonVariableTypeMode");
    }

    @Test
    void nnpackIsSwitchedOffOnceAModelExists() {
        try (Autoencoder model = Autoencoder.create(2, 1)) {
            Boolean on = PyTorchWarning.nnpackEnabled();
            // readable on Linux (the CI machines); elsewhere the switch is not touched
            if (System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
                assertThat(on).isFalse();
            }
        }
    }

    @Test
    void mapsLinesWithSpacesAndDeletedFilesGiveTheirPath() {
        assertThat(PyTorchWarning.mappedPath("7f00-7f01 r-xp 00000000 08:01 1234   "
                + "/home/Jane Doe/.djl.ai/pytorch/libtorch_cpu.so"))
                .isEqualTo("/home/Jane Doe/.djl.ai/pytorch/libtorch_cpu.so");
        assertThat(PyTorchWarning.mappedPath("7f00-7f01 r-xp 00000000 08:01 1234 "
                + "/tmp/libtorch_cpu.so (deleted)")).isEqualTo("/tmp/libtorch_cpu.so");
        assertThat(PyTorchWarning.mappedPath("7ffd-7ffe rw-p 00000000 00:00 0")).isEmpty();
    }

    @Test
    void smallBatchesPrintNoNnpackWarning() throws Exception {
        // a batch of 1 and one of 7: where NNPACK cannot start (an AMD EPYC) each convolution
        // printed "Could not initialize NNPACK!"; elsewhere the check passes either way
        String one = run("evaluate", "--model", "models/ed4", "--limit", "1");
        String seven = run("evaluate", "--model", "models/ed4", "--limit", "7");
        assertThat(one + seven).contains("n=1 ").contains("n=7 ").doesNotContain("NNPACK")
                .doesNotContain("[W");
    }
}
