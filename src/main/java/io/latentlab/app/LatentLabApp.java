package io.latentlab.app;

import io.latentlab.data.AppDirs;
import io.latentlab.data.MnistData;
import io.latentlab.model.DjlThread;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.common.AppIcon;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.Jobs;
import io.latentlab.ui.shell.AppTheme;
import io.latentlab.ui.shell.MainViewModel;
import io.latentlab.ui.shell.MainWindow;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop application: restores window geometry, theme and the model the user chose last
 * from {@link AppContext#prefs()}, loads MNIST and discovers checkpoints in {@code models} and
 * {@code runs} ({@link AppDirs}: the working directory's, else the installation's and the
 * user's), and remembers geometry and theme again on exit.
 */
public final class LatentLabApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(LatentLabApp.class);
    static final String PREF_X = "window.x";
    static final String PREF_Y = "window.y";
    static final String PREF_W = "window.width";
    static final String PREF_H = "window.height";
    static final String PREF_MAXIMIZED = "window.maximized";
    static final String PREF_THEME = "theme";
    /** Before themes had names: a dark theme or not; read when {@link #PREF_THEME} is unset. */
    static final String PREF_DARK = "theme.dark";
    /** Set by {@link Main} to the log file it attached, if it did. */
    static final String LOG_FILE_PROPERTY = "latentlab.logfile";

    private AppContext ctx;
    private Stage stage;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        ctx = createContext();
        window = new MainWindow(ctx);
        // Main sends warnings to a file when it opens the app (not in tests or the CLI)
        String log = System.getProperty(LOG_FILE_PROPERTY);
        window.help().logFileProperty().set(log == null ? null : Path.of(log));
        Preferences p = ctx.prefs();
        titleAndIcon(stage, ctx);
        stage.setScene(new Scene(window, p.getDouble(PREF_W, 1200), p.getDouble(PREF_H, 800)));
        double x = p.getDouble(PREF_X, Double.NaN);
        double y = p.getDouble(PREF_Y, Double.NaN);
        // a window remembered on a screen that is gone would open out of reach
        if (!Double.isNaN(x) && !Double.isNaN(y)
                && !Screen.getScreensForRectangle(new Rectangle2D(x, y, 100, 100)).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(p.getBoolean(PREF_MAXIMIZED, false));
        window.themeProperty().set(rememberedTheme(p));
        stage.show();
        loadData(ctx, window.viewModel());
        window.viewModel().discover(List.of(AppDirs.shipped("models"), AppDirs.runs()),
                window.viewModel().rememberedModel());
        String shots = System.getProperty("latentlab.screenshots");
        if (shots != null) {
            new ScreenshotTour(ctx, window, Path.of(shots)).start();
        }
    }

    /**
     * @param stage the main window
     * @param ctx its strings
     */
    static void titleAndIcon(Stage stage, AppContext ctx) {
        stage.setTitle(ctx.text("app.title"));
        stage.getIcons().setAll(AppIcon.all());
    }

    /**
     * @param p the app's preferences
     * @return the theme chosen last; an older version's dark/light choice is still honoured
     */
    static AppTheme rememberedTheme(Preferences p) {
        String id = p.get(PREF_THEME, null);
        if (id != null) {
            return AppTheme.fromId(id);
        }
        return p.getBoolean(PREF_DARK, false) ? AppTheme.PRIMER_DARK : AppTheme.PRIMER_LIGHT;
    }

    /**
     * The app's context: engine jobs on the one DJL thread, file jobs on daemon workers,
     * callbacks on the FX thread.
     *
     * @return the context
     */
    static AppContext createContext() {
        DjlThread engine = new DjlThread();
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "worker");
            t.setDaemon(true);
            return t;
        });
        String node = System.getProperty("latentlab.prefs.node", "latent-lab");
        return new AppContext(new Jobs(engine, workers, Platform::runLater),
                Preferences.userRoot().node(node), () -> {
                    workers.shutdownNow();
                    engine.close();
                });
    }

    /**
     * Loads the dataset on a worker and publishes it to the context.
     *
     * @param ctx shared services
     * @param vm reports a failure
     */
    static void loadData(AppContext ctx, MainViewModel vm) {
        ctx.jobs().submit(Job.onWorker(ctx.text("status.loadingData"),
                c -> MnistData.load(MnistData.defaultDir()))
                .cancellable(false)
                .onSuccess(data -> ctx.dataProperty().set(data))
                .onFailure(error -> vm.problem(ctx.text("error.data"), error)));
    }

    /**
     * Remembers window geometry and theme; the model is remembered when the user chooses it
     * ({@link MainViewModel#PREF_MODEL}), not whatever happens to be active on exit.
     */
    private void savePrefs() {
        Preferences p = ctx.prefs();
        p.putBoolean(PREF_MAXIMIZED, stage.isMaximized());
        if (!stage.isMaximized() && !stage.isIconified()) {
            p.putDouble(PREF_X, stage.getX());
            p.putDouble(PREF_Y, stage.getY());
            p.putDouble(PREF_W, stage.getScene().getWidth());
            p.putDouble(PREF_H, stage.getScene().getHeight());
        }
        p.put(PREF_THEME, window.themeProperty().get().id());
        // still written, so an older version started again keeps light or dark
        p.putBoolean(PREF_DARK, window.themeProperty().get().dark());
        try {
            p.flush();
        } catch (BackingStoreException e) {
            LOG.warn("could not save preferences: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (ctx != null) {
            if (stage != null && window != null) {
                savePrefs();
            }
            ctx.close();
        }
    }
}
