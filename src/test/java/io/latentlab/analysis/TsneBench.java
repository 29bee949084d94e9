package io.latentlab.analysis;

import io.latentlab.data.MnistData;
import io.latentlab.data.TestMnist;
import io.latentlab.model.ModelStore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures (prints, never asserts) Barnes-Hut t-SNE of all 10,000 test codes against the exact
 * t-SNE of 2,000, with their metrics, for the shipped ED=4 and ED=32 models. Run with
 * {@code ./mvnw test -Pslow -Dtest=TsneBench}; CPU seconds of this thread beside wall seconds
 * (the machine may be shared).
 */
@Tag("slow")
class TsneBench {

    @Test
    void barnesHutAgainstExact() throws Exception {
        MnistData data = TestMnist.shipped();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String name : new String[] {"ed32", "ed4"}) {
            LatentCodes codes;
            try (ModelStore.Loaded l = ModelStore.load(Path.of("models", name))) {
                codes = LatentCodes.encode(l.model(), data.test(), 1000);
            }
            for (boolean exact : new boolean[] {false, true}) {
                int n = exact ? 2000 : codes.n();
                long cpu = mx.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                float[] y = TsneMetrics.embed(codes, n, 1, exact, (d, t) -> true);
                double cpuS = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
                double wallS = (System.nanoTime() - wall) / 1e9;
                TsneMetrics m = TsneMetrics.of(y, codes.labels(), n);
                System.out.printf(Locale.ROOT, "TSNE %s %s n=%d cpu=%.1fs wall=%.1fs "
                        + "silhouette=%.4f knn=%.4f%n", name, exact ? "exact" : "bh", n, cpuS,
                        wallS, m.silhouette(), m.knnAccuracy());
            }
        }
    }
}
