package io.latentlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A fresh JVM (the warning prints once per process, and native stderr is not Java's): a
 * command that creates a model prints PyTorch's deprecation warning no more.
 */
class PyTorchWarningTest {

    @Test
    void aCommandThatCreatesAModelPrintsNoPyTorchWarning() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "io.latentlab.app.Main", "info")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        // info creates a model (params=N): the first NDArray.set of the process happened
        assertThat(out).contains("engine=PyTorch").containsPattern("params=\\d+")
                .doesNotContain("AutoNonVariableTypeMode");
    }
}
