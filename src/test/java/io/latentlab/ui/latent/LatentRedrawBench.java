package io.latentlab.ui.latent;

import io.latentlab.data.MnistData;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.DjlThread;
import io.latentlab.model.ModelMetadata;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.jobs.Jobs;

import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Measures (prints, never asserts) how long a full redraw of the 10,000-point latent scatter
 * takes on the FX thread. Run with {@code ./mvnw test -Pslow -Dtest=LatentRedrawBench}.
 */
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class LatentRedrawBench {

    private LatentView view;
    private AppContext ctx;
    private DjlThread djl;

    @Start
    void start(Stage stage) throws Exception {
        djl = new DjlThread();
        ctx = new AppContext(new Jobs(djl, ForkJoinPool.commonPool(), Platform::runLater),
                Preferences.userRoot().node("latent-lab-tests"), djl::close);
        ctx.dataProperty().set(io.latentlab.data.TestMnist.shipped());
        Autoencoder model = djl.submit(() -> Autoencoder.create(8, 1)).get(30, TimeUnit.SECONDS);
        ctx.activeModelProperty().set(io.latentlab.ui.TestModels.active("bench", null,
                ModelMetadata.of(8), model));
        view = new LatentView(ctx);
        stage.setScene(new Scene(view, 1200, 760));
        stage.show();
    }

    @Test
    void redrawTime() throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> view.viewModel().projectionProperty().get() != null);
        double[] ms = WaitForAsyncUtils.asyncFx(() -> {
            double[] t = new double[60];
            for (int i = -10; i < t.length; i++) {
                long t0 = System.nanoTime();
                view.redraw();
                if (i >= 0) {
                    t[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return t;
        }).get(60, TimeUnit.SECONDS);
        java.util.Arrays.sort(ms);
        System.out.printf("latent_redraw_p50_ms=%.2f latent_redraw_p95_ms=%.2f points=%d%n",
                ms[ms.length / 2], ms[(int) (ms.length * 0.95)],
                view.viewModel().projectionProperty().get().n());
        ctx.close();
    }
}
