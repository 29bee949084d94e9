package io.latentlab.ui;

import io.latentlab.data.MnistData;
import io.latentlab.model.DjlThread;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobState;
import io.latentlab.ui.jobs.Jobs;
import io.latentlab.ui.shell.AppTheme;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;

import org.testfx.util.WaitForAsyncUtils;

/**
 * The shared set-up of the FX tests (headless Monocle is configured in the pom): a context
 * whose engine jobs run on a real engine thread and whose callbacks run on the FX thread, a
 * small slice of MNIST, waiting for jobs, and closing models and the context afterwards.
 * View-model tests do not need it: they use {@link AppContext#sameThread}.
 */
public final class FxTestSupport {

    /** The preferences node of the tests (the pom sets the app's to the same). */
    public static final String PREFS_NODE = "latent-lab-tests";

    private static MnistData small;

    private FxTestSupport() {
    }

    /**
     * A context as the app builds it: engine jobs on one engine thread, file jobs on daemon
     * workers, callbacks via {@link Platform#runLater}. Call it on the FX thread.
     *
     * @param prefs settings (use a node of your test and clear it)
     * @return the context; close it with {@link #close}
     */
    public static AppContext context(Preferences prefs) {
        DjlThread engine = new DjlThread();
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-worker");
            t.setDaemon(true);
            return t;
        });
        return new AppContext(new Jobs(engine, workers, Platform::runLater), prefs, () -> {
            workers.shutdownNow();
            engine.close();
        });
    }

    /**
     * A context whose jobs are accepted but never run, and whose callbacks would run at once:
     * what a view shows then comes from the test alone. Close it with {@code ctx.close()}.
     *
     * @param prefs settings
     * @return the context
     */
    public static AppContext idleContext(Preferences prefs) {
        Executor never = r -> { };
        return new AppContext(new Jobs(never, never, Runnable::run), prefs, () -> { });
    }

    /**
     * @param name a child of {@link #PREFS_NODE}, one per test class
     * @return that node, emptied
     */
    public static Preferences prefs(String name) {
        Preferences p = Preferences.userRoot().node(PREFS_NODE).node(name);
        try {
            p.clear();
        } catch (BackingStoreException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    /**
     * @return 2,000 training and 500 test images of {@code assets/mnist}, loaded once
     * @throws Exception if the files are missing
     */
    public static synchronized MnistData smallData() throws Exception {
        if (small == null) {
            MnistData full = io.latentlab.data.TestMnist.shipped();
            small = new MnistData(full.train().slice(0, 2000), full.test().slice(0, 500),
                    full.dir(), full.checksum());
        }
        return small;
    }

    /**
     * Runs code on the FX thread and waits for it.
     *
     * @param code what to run
     * @param <T> result
     * @return its result
     * @throws Exception its failure, or a timeout after 10 s
     */
    public static <T> T fx(Callable<T> code) throws Exception {
        return WaitForAsyncUtils.asyncFx(code).get(10, TimeUnit.SECONDS);
    }

    /**
     * Submits an invisible engine job (from the FX thread) and waits for its result, e.g. to
     * write a checkpoint for a test.
     *
     * @param ctx the context
     * @param work the work, on the engine thread
     * @param <V> result
     * @return the result
     * @throws Exception its failure, or a timeout after 60 s
     */
    public static <V> V onEngine(AppContext ctx, Job.Work<V> work) throws Exception {
        CompletableFuture<V> done = new CompletableFuture<>();
        Platform.runLater(() -> ctx.jobs().submit(Job.onEngine("test", work).visible(false)
                .onSuccess(done::complete)
                .onFailure(done::completeExceptionally)
                .onCancelled(() -> done.cancel(false))));
        try {
            return done.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }

    /**
     * Makes an untrained ED=4 model (seed 1) the active one, listed too, so closing the
     * context frees it even after a test deselects it.
     *
     * @param ctx the app's context
     * @throws Exception if the engine or FX work fails
     */
    public static void activateUntrainedEd4(AppContext ctx) throws Exception {
        AppContext.ActiveModel model = onEngine(ctx, c -> TestModels.active("test", null,
                io.latentlab.model.ModelMetadata.of(4),
                io.latentlab.model.Autoencoder.create(4, 1)));
        fx(() -> {
            ctx.models().add(model);
            ctx.activeModelProperty().set(model);
            return null;
        });
    }

    /**
     * Waits until a job has ended and the FX thread has run its callbacks.
     *
     * @param job a submitted job
     * @return how it ended
     * @throws Exception on a timeout after 60 s
     */
    public static JobState await(Job<?> job) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> fx(() -> job.stateProperty().get().done()));
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> job.stateProperty().get());
    }

    /**
     * Cancels what runs, frees every listed model on the engine thread, then closes the
     * context (its engine thread and workers).
     *
     * @param ctx the context, or null
     * @throws Exception if freeing the models times out
     */
    public static void close(AppContext ctx) throws Exception {
        if (ctx == null) {
            return;
        }
        List<AppContext.ActiveModel> models = fx(() -> {
            ctx.jobs().cancelAll();
            List<AppContext.ActiveModel> all = new ArrayList<>(ctx.models());
            AppContext.ActiveModel active = ctx.activeModelProperty().get();
            if (active != null && !all.contains(active)) {
                all.add(active);
            }
            return all;
        });
        try {
            onEngine(ctx, c -> {
                models.forEach(m -> m.model().close());
                return null;
            });
        } finally {
            ctx.close();
        }
    }

    /**
     * The app's look on a test's scene: its AtlantaFX theme (JVM-wide: undo it with
     * {@link #unstyled}) under the app's stylesheet, which builds on the theme's colours.
     * Call it on the FX thread.
     *
     * @param scene the test's scene
     */
    public static void styledLikeTheApp(Scene scene) {
        Application.setUserAgentStylesheet(AppTheme.PRIMER_LIGHT.userAgentStylesheet());
        scene.getStylesheets().add(Styles.STYLESHEET);
    }

    /**
     * Back to JavaFX's own theme for the tests that follow, our stylesheet off the scene first
     * (its looked-up colours would not resolve without the theme). Call it on the FX thread.
     *
     * @param scene the test's scene, or null
     */
    public static void unstyled(Scene scene) {
        if (scene != null) {
            scene.getStylesheets().remove(Styles.STYLESHEET);
        }
        Application.setUserAgentStylesheet(null);
    }
}
