package io.latentlab.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The shipped MNIST, read once for the whole test JVM. Test classes kept their own copies in
 * static fields (about 220 MB each, never freed while the JVM runs): 25 of them filled the
 * 4 GB heap. Datasets are read-only, so one copy serves all.
 */
public final class TestMnist {

    private static MnistData shipped;

    private TestMnist() {}

    /**
     * @return assets/mnist, loaded on first use
     * @throws IOException if it cannot be read
     */
    public static synchronized MnistData shipped() throws IOException {
        if (shipped == null) {
            shipped = MnistData.load(Path.of("assets/mnist"));
        }
        return shipped;
    }
}
