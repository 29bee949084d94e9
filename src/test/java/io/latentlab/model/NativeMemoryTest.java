package io.latentlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** Minor page faults of this process so far (field 10 of /proc/self/stat). */
    private static long minorFaults() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // the command name (field 2) may contain spaces: count fields after its ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[7]);
    }

    @Test
    void tunesGlibcOnLinuxAndSaysSo() {
        assumeTrue(linux());
        assertThat(NativeMemory.tune()).isEqualTo("glibc malloc tuned");
        assertThat(NativeMemory.tune()).as("idempotent").isEqualTo("glibc malloc tuned");
    }

    @Test
    void trainingStepsReuseMemoryInsteadOfFaultingItInAgain() throws Exception {
        assumeTrue(linux());
        NativeMemory.tune();
        try (Autoencoder model = Autoencoder.create(32, 1);
                NDManager m = model.manager().newSubManager()) {
            for (Pair<String, Parameter> p : model.block().getParameters()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
            Backprop backprop = new Backprop(model);
            NDArray images = m.randomUniform(0, 1, new Shape(1000, 1, 28, 28));
            int warmup = 3;
            long before = 0;
            int steps = 5;
            for (int i = 0; i < warmup + steps; i++) {
                if (i == warmup) {
                    before = minorFaults();
                }
                try (NDManager step = m.newSubManager()) {
                    NDArray x = images.duplicate();
                    x.attach(step);
                    backprop.lossAndGradients(x);
                }
            }
            long perStep = (minorFaults() - before) / steps;
            // a step allocates ~100 MB of temporaries; with glibc's defaults about 4,400 pages
            // of them (17 MB) came fresh from the kernel every step
            assertThat(perStep).isLessThan(1000);
        }
    }
}
