package io.latentlab.ui.shell;

import io.latentlab.data.MnistData;
import io.latentlab.service.ModelCatalog;
import io.latentlab.service.ModelHandle;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.ObservableList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the main window does besides showing the views: finds, opens and saves models (engine
 * jobs), keeps the model list in order (by ED, then name), remembers the active model when the
 * user chose it, and loads a dataset folder. FX thread only.
 */
public final class MainViewModel {

    /** Preference key of the model the user chose last (its folder). */
    public static final String PREF_MODEL = "model.last";

    private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);

    /**
     * One error for the user.
     *
     * @param header what failed ("Could not open the model")
     * @param text why, naming the file
     */
    public record Problem(String header, String text) {}

    /**
     * What discovery loaded on the engine thread.
     *
     * @param loaded the models read, newest first
     * @param skipped unreadable checkpoints
     */
    public record Discovery(List<ActiveModel> loaded, int skipped) {}

    private final AppContext ctx;
    private final StatusViewModel status;
    private final ResourceBundle s;
    private final ReadOnlyBooleanWrapper discovering = new ReadOnlyBooleanWrapper(this,
            "discovering");
    private Consumer<Problem> onProblem = p -> { };
    /** True while this view model picks a model itself: that is no choice to remember. */
    private boolean picking;

    /**
     * @param ctx shared services
     * @param status where a job's own final message goes
     */
    public MainViewModel(AppContext ctx, StatusViewModel status) {
        this.ctx = ctx;
        this.status = status;
        this.s = ResourceBundle.getBundle("io.latentlab.ui.shell.strings", Locale.getDefault());
        ctx.activeModelProperty().addListener((o, old, m) -> {
            if (!picking && m != null && m.dir() != null) {
                ctx.prefs().put(PREF_MODEL, m.dir().toAbsolutePath().normalize().toString());
            }
        });
    }

    /** @param action shows an error to the user (a dialog) */
    public void setOnProblem(Consumer<Problem> action) {
        this.onProblem = action;
    }

    /** @return every model, by ED then name */
    public ObservableList<ActiveModel> models() {
        return ctx.sortedModels();
    }

    /** @return whether model discovery is still running (an empty list means "not yet") */
    public ReadOnlyBooleanProperty discoveringProperty() {
        return discovering.getReadOnlyProperty();
    }

    /** @return the folder of the model the user chose last, or null */
    public Path rememberedModel() {
        String p = ctx.prefs().get(PREF_MODEL, null);
        return p == null ? null : Path.of(p);
    }

    // ---- models ---------------------------------------------------------------------------

    /**
     * Finds checkpoints below {@code roots} and loads them in an engine job. The preferred
     * one becomes active, else the newest of the first root that has one (the shipped models
     * before the runs: a run nobody chose never becomes active by being recent), unless a model
     * is active already; that pick is not remembered as the user's choice. Unreadable checkpoints are skipped and logged.
     *
     * @param roots folders such as {@code ./models} and {@code ./runs}
     * @param preferred checkpoint folder to select (also loaded when outside the roots), or null
     * @return the job; its result is the models added
     */
    public Job<Discovery> discover(List<Path> roots, Path preferred) {
        Job<Discovery> job = Job.onEngine(s.getString("status.loadingModels"),
                c -> loadAll(c, roots, preferred));
        job.onSuccess(found -> {
            for (ActiveModel m : found.loaded()) {
                if (ctx.models().stream().anyMatch(o -> ModelCatalog.sameDir(o.dir(), m.dir()))) {
                    close(m); // opened meanwhile: keep the one the user may be using
                } else {
                    insert(m);
                }
            }
            if (ctx.activeModelProperty().get() == null && !found.loaded().isEmpty()) {
                ActiveModel pick = found.loaded().stream()
                        .filter(m -> ModelCatalog.sameDir(m.dir(), preferred)
                                && ctx.models().contains(m))
                        .findFirst().orElse(firstRootFirst(found.loaded(), roots));
                if (ctx.models().contains(pick)) {
                    pickActive(pick);
                }
            }
            int n = found.loaded().size();
            status.setFinalMessage(job, found.skipped() == 0
                    ? String.format(s.getString("status.modelsLoaded"), n)
                    : String.format(s.getString("status.modelsSkipped"), n, found.skipped()));
        }).onFinished(() -> discovering.set(false));
        discovering.set(true);
        return ctx.jobs().submit(job);
    }

    /**
     * The newest of {@code loaded} (newest first) below the first root holding any of them, a
     * plain autoencoder before a denoising one (those are for comparing under noise, not the
     * model a first look should start from).
     */
    static ActiveModel firstRootFirst(List<ActiveModel> loaded, List<Path> roots) {
        for (Path root : roots) {
            Path r = root.toAbsolutePath().normalize();
            ActiveModel newest = null;
            for (ActiveModel m : loaded) {
                if (m.dir().toAbsolutePath().normalize().startsWith(r)) {
                    if (!denoising(m)) {
                        return m;
                    }
                    newest = newest == null ? m : newest;
                }
            }
            if (newest != null) {
                return newest;
            }
        }
        return loaded.get(0);
    }

    private static boolean denoising(ActiveModel m) {
        String c = m.metadata() == null ? null : m.metadata().get("config.corrupt");
        return c != null && !c.isBlank() && !"none".equals(c);
    }

    /**
     * Opens a checkpoint in an engine job and makes it the active model, remembered as the
     * user's choice. A model already listed from the same folder is replaced. A missing or
     * corrupt checkpoint is reported as a {@link Problem} naming the file.
     *
     * @param dir checkpoint folder
     * @return the job; its result is the model
     */
    public Job<ActiveModel> open(Path dir) {
        return ctx.jobs().submit(Job.onEngine(
                String.format(s.getString("status.openingModel"), dir), c -> load(dir))
                .onSuccess(m -> {
                    ActiveModel old = ctx.models().stream()
                            .filter(o -> ModelCatalog.sameDir(o.dir(), dir)).findFirst()
                            .orElse(null);
                    insert(m);
                    ctx.activeModelProperty().set(m);
                    if (old != null) {
                        // after the switch, so no view's next job uses the closed model
                        ctx.models().remove(old);
                        close(old);
                    }
                })
                .onFailure(e -> {
                    LOG.warn("could not open model {}", dir, e);
                    problem(s.getString("error.openModel"), e);
                }));
    }

    /**
     * Saves a model as a checkpoint folder (its parameters, metadata and, when it has one, its
     * training history) in an engine job. Every file is replaced atomically; errors are
     * reported as a {@link Problem}.
     *
     * @param model the model
     * @param dir destination folder
     * @return the job; its result is the folder
     */
    public Job<Path> save(ActiveModel model, Path dir) {
        Job<Path> job = Job.onEngine(String.format(s.getString("status.savingModel"), dir), c -> {
            ModelCatalog.save(model.model(), model.dir(), dir);
            return dir;
        });
        job.onSuccess(saved -> status.setFinalMessage(job,
                        String.format(s.getString("status.modelSaved"), saved)))
                .onFailure(e -> {
                    LOG.warn("could not save model to {}", dir, e);
                    problem(s.getString("error.saveModel"), e);
                });
        return ctx.jobs().submit(job);
    }

    private void insert(ActiveModel m) {
        ObservableList<ActiveModel> list = ctx.models();
        int i = 0;
        while (i < list.size() && ActiveModel.ORDER.compare(list.get(i), m) <= 0) {
            i++;
        }
        list.add(i, m);
    }

    private void pickActive(ActiveModel m) {
        picking = true;
        try {
            ctx.activeModelProperty().set(m);
        } finally {
            picking = false;
        }
    }

    /** Frees a model no view uses any more; engine jobs queued before still see it. */
    private void close(ActiveModel m) {
        ctx.jobs().submit(Job.onEngine("close " + m.name(), c -> {
            m.model().close();
            return null;
        }).visible(false).cancellable(false));
    }

    private Discovery loadAll(JobContext c, List<Path> roots, Path preferred) {
        List<Path> dirs = new ArrayList<>(ModelCatalog.find(roots));
        if (preferred != null && dirs.stream().noneMatch(d -> ModelCatalog.sameDir(d, preferred))
                && Files.isDirectory(preferred)) {
            dirs.add(0, preferred);
        }
        List<ActiveModel> loaded = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < dirs.size(); i++) {
            if (c.isCancelled()) {
                loaded.forEach(m -> m.model().close());
                throw new CancellationException();
            }
            Path d = dirs.get(i);
            c.message(d.toString());
            try {
                loaded.add(load(d));
            } catch (Exception e) {
                LOG.warn("skipping checkpoint {}: {}", d, e.getMessage());
                failed++;
            }
            c.progress(i + 1, dirs.size());
        }
        return new Discovery(loaded, failed);
    }

    /** Engine thread only. */
    private static ActiveModel load(Path dir) throws Exception {
        ModelHandle h = ModelHandle.load(dir);
        return new ActiveModel(ModelCatalog.displayName(h.encodingDim(), dir), dir,
                h.metadata(), h);
    }

    // ---- dataset -------------------------------------------------------------------------

    /**
     * Loads a dataset folder on a worker and publishes it; a failure is reported as a
     * {@link Problem} and the current data stays.
     *
     * @param dir folder with the four IDX files
     * @return the job
     */
    public Job<MnistData> openDataset(Path dir) {
        Job<MnistData> job = Job.onWorker(
                String.format(s.getString("status.loadingDataset"), dir), c -> MnistData.load(dir));
        job.onSuccess(data -> {
            ctx.dataProperty().set(data);
            status.setFinalMessage(job, String.format(s.getString("status.datasetLoaded"), dir));
        }).onFailure(e -> problem(s.getString("error.openDataset"), e));
        return ctx.jobs().submit(job);
    }

    /**
     * Reports an error to the user.
     *
     * @param header what failed
     * @param error why
     */
    public void problem(String header, Throwable error) {
        onProblem.accept(new Problem(header, message(error)));
    }

    /**
     * Reports an error to the user.
     *
     * @param header what failed
     * @param text why
     */
    public void problem(String header, String text) {
        onProblem.accept(new Problem(header, text));
    }

    private static String message(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && (c.getMessage() == null
                || c instanceof java.util.concurrent.CompletionException
                || c instanceof java.io.UncheckedIOException)) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
