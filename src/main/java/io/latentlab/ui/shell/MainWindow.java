package io.latentlab.ui.shell;

import ai.djl.engine.Engine;
import io.latentlab.data.MnistData;
import io.latentlab.model.ModelStore;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.CsvExportable;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.latent.LatentView;
import io.latentlab.ui.reconstruction.ReconstructView;
import io.latentlab.ui.study.StudyView;
import io.latentlab.ui.training.TrainView;
import io.latentlab.ui.training.TrainViewModel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's content: menu bar, a toolbar with the active-model selector, the four
 * views in tabs and the status bar bound to {@link AppContext#jobs()}.
 */
public final class MainWindow extends BorderPane {

    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);
    private static final String DARK_CSS =
            MainWindow.class.getResource("dark.css").toExternalForm();

    private final AppContext ctx;
    private final ResourceBundle s;
    private final TabPane tabs = new TabPane();
    private final TrainView trainView;
    private final ReconstructView reconstructView;
    private final LatentView latentView;
    private final StudyView studyView;
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme", false);
    private final ComboBox<ActiveModel> modelBox = new ComboBox<>();

    /**
     * @param ctx shared services
     */
    public MainWindow(AppContext ctx) {
        this.ctx = ctx;
        this.s = ResourceBundle.getBundle("io.latentlab.ui.shell.strings", Locale.getDefault());
        setId("main-window");
        trainView = new TrainView(ctx);
        Tab train = tab(ctx.text("tab.train"), trainView);
        reconstructView = new ReconstructView(ctx);
        latentView = new LatentView(ctx);
        Tab reconstruct = tab(ctx.text("tab.reconstruct"), reconstructView);
        Tab latent = tab(ctx.text("tab.latent"), latentView);
        studyView = new StudyView(ctx);
        Tab study = tab(ctx.text("tab.study"), studyView);
        tabs.getTabs().addAll(train, reconstruct, latent, study);
        ctx.setShowReconstructAction(() -> tabs.getSelectionModel().select(reconstruct));
        setCenter(tabs);
        setTop(new VBox(menuBar(), toolBar()));
        setBottom(statusBar());

        // the theme is a scene stylesheet, so dialogs owned by the window can follow it later
        sceneProperty().addListener((o, old, scene) -> {
            if (old != null) {
                old.getStylesheets().remove(DARK_CSS);
            }
            applyTheme(scene);
        });
        darkTheme.addListener((o, a, b) -> applyTheme(getScene()));
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }

    private MenuBar menuBar() {
        MenuItem open = item("action.openModel", new FontIcon(MaterialDesignF.FOLDER_OPEN),
                new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::chooseModel);
        MenuItem dataset = item("action.openDataset", new FontIcon(MaterialDesignD.DATABASE),
                new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN,
                        KeyCombination.SHIFT_DOWN), this::chooseDataset);
        MenuItem save = item("action.saveModel", new FontIcon(MaterialDesignC.CONTENT_SAVE),
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::chooseSaveModel);
        save.disableProperty().bind(ctx.activeModelProperty().isNull());
        MenuItem export = item("action.exportView", new FontIcon(MaterialDesignF.FILE_IMAGE),
                new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), this::exportView);
        MenuItem csv = item("action.exportCsv", new FontIcon(MaterialDesignF.FILE_DELIMITED),
                new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
                        KeyCombination.SHIFT_DOWN), this::exportCsv);
        MenuItem quit = item("action.quit", new FontIcon(MaterialDesignE.EXIT_TO_APP),
                new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), Platform::exit);
        Menu file = new Menu(s.getString("menu.file"), null, open, save, dataset, export, csv,
                new javafx.scene.control.SeparatorMenuItem(), quit);

        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem(s.getString("theme.light"));
        light.setId("menu-theme-light");
        light.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        RadioMenuItem dark = new RadioMenuItem(s.getString("theme.dark"));
        dark.setId("menu-theme-dark");
        dark.setGraphic(new FontIcon(MaterialDesignT.THEME_LIGHT_DARK));
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        light.setSelected(!darkTheme.get());
        dark.setSelected(darkTheme.get());
        dark.selectedProperty().addListener((o, a, b) -> darkTheme.set(b));
        darkTheme.addListener((o, a, b) -> (b ? dark : light).setSelected(true));
        Menu view = new Menu(s.getString("menu.view"), null, light, dark);

        MenuItem about = item("action.about", new FontIcon(MaterialDesignI.INFORMATION_OUTLINE),
                new KeyCodeCombination(KeyCode.F1), this::showAbout);
        Menu help = new Menu(s.getString("menu.help"), null, about);
        MenuBar bar = new MenuBar(file, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    private MenuItem item(String key, Node icon, KeyCombination shortcut, Runnable action) {
        MenuItem m = new MenuItem(s.getString(key), icon);
        m.setId("menu-" + key.substring(key.indexOf('.') + 1));
        m.setAccelerator(shortcut);
        m.setOnAction(e -> action.run());
        return m;
    }

    private ToolBar toolBar() {
        Label label = new Label(s.getString("model.label"));
        modelBox.setId("model-selector");
        modelBox.setItems(ctx.models());
        modelBox.setPrefWidth(360);
        modelBox.setTooltip(new Tooltip(s.getString("model.tip")));
        modelBox.valueProperty().bindBidirectional(ctx.activeModelProperty());
        label.setLabelFor(modelBox);
        Button open = new Button(null, new FontIcon(MaterialDesignF.FOLDER_OPEN));
        open.setId("model-open");
        open.setTooltip(new Tooltip(s.getString("model.openTip")));
        open.setOnAction(e -> chooseModel());
        Label hint = new Label(s.getString("model.none"));
        hint.setId("model-hint");
        hint.visibleProperty().bind(Bindings.isEmpty(ctx.models()));
        hint.managedProperty().bind(hint.visibleProperty());
        return new ToolBar(label, modelBox, open, hint);
    }

    private StatusBar statusBar() {
        StatusBar status = new StatusBar();
        status.setId("status-bar");
        status.textProperty().bind(ctx.legacyStatus().nameProperty());
        status.progressProperty().bind(ctx.legacyStatus().progressProperty());
        Label eta = new Label();
        eta.setId("status-eta");
        eta.textProperty().bind(ctx.legacyStatus().etaProperty());
        Button cancel = new Button(null, new FontIcon(MaterialDesignC.CLOSE_CIRCLE));
        cancel.setId("status-cancel");
        cancel.setTooltip(new Tooltip(s.getString("job.cancel")));
        cancel.visibleProperty().bind(ctx.legacyStatus().cancelProperty().isNotNull()
                .and(ctx.legacyStatus().runningProperty()));
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> ctx.legacyStatus().cancel());
        status.getRightItems().addAll(eta, cancel);
        return status;
    }

    private void applyTheme(Scene scene) {
        if (scene == null) {
            return;
        }
        scene.getStylesheets().remove(DARK_CSS);
        if (darkTheme.get()) {
            scene.getStylesheets().add(DARK_CSS);
        }
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    // ---- models -------------------------------------------------------------------------

    private void chooseModel() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(s.getString("action.openModel"));
        File dir = chooser.showDialog(window());
        if (dir != null) {
            openModel(dir.toPath());
        }
    }

    /**
     * Loads a checkpoint on the DJL thread and makes it the active model. A missing or
     * corrupt checkpoint shows an error dialog naming the file; the app keeps working.
     *
     * @param dir checkpoint folder
     * @return the loaded model (completes after the UI was updated), or failed
     */
    public CompletableFuture<ActiveModel> openModel(Path dir) {
        CompletableFuture<ActiveModel> done = new CompletableFuture<>();
        ctx.djl().submit(() -> load(dir)).whenComplete((model, err) -> ctx.fx().execute(() -> {
            if (err != null) {
                Throwable cause = unwrap(err);
                LOG.warn("could not open model {}", dir, cause);
                showError(s.getString("error.openModel"), message(cause));
                done.completeExceptionally(cause);
                return;
            }
            add(model);
            ctx.activeModelProperty().set(model);
            done.complete(model);
        }));
        return done;
    }

    /** DJL thread only. */
    private static ActiveModel load(Path dir) throws IOException {
        ModelStore.Loaded loaded = ModelStore.load(dir);
        return new ActiveModel(TrainViewModel.modelName(loaded.metadata().encodingDim(), dir),
                dir, loaded.metadata(), new io.latentlab.service.ModelHandle(loaded.model(), loaded.metadata()));
    }

    private void add(ActiveModel model) {
        ctx.models().removeIf(m -> m.dir() != null && model.dir() != null
                && m.dir().toAbsolutePath().normalize()
                        .equals(model.dir().toAbsolutePath().normalize()));
        ctx.models().add(model);
    }

    /**
     * Finds checkpoints below {@code roots} and loads them on the DJL thread, newest first.
     * The preferred one (the last model used) becomes active, else the newest. Unreadable
     * checkpoints are skipped and logged.
     *
     * @param roots folders such as {@code ./models} and {@code ./runs}
     * @param preferred checkpoint folder to select (also loaded when outside the roots), or null
     * @return completes with the number of models added
     */
    public CompletableFuture<Integer> discoverModels(List<Path> roots, Path preferred) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        ctx.djl().submit(() -> {
            List<Path> dirs = new ArrayList<>(ModelCatalog.find(roots));
            if (preferred != null && dirs.stream().noneMatch(d -> same(d, preferred))
                    && java.nio.file.Files.isDirectory(preferred)) {
                dirs.add(0, preferred);
            }
            List<ActiveModel> loaded = new ArrayList<>();
            int failed = 0;
            for (Path d : dirs) {
                try {
                    loaded.add(load(d));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("skipping checkpoint {}: {}", d, e.getMessage());
                    failed++;
                }
            }
            return new Discovery(loaded, failed);
        }).whenComplete((r, err) -> ctx.fx().execute(() -> {
            if (err != null) {
                LOG.warn("model discovery failed", unwrap(err));
                done.complete(0);
                return;
            }
            List<ActiveModel> loaded = r.loaded();
            int failed = r.failed();
            loaded.forEach(this::add);
            if (ctx.activeModelProperty().get() == null && !loaded.isEmpty()) {
                ActiveModel pick = loaded.stream()
                        .filter(m -> preferred != null && same(m.dir(), preferred))
                        .findFirst().orElse(loaded.get(0));
                ctx.activeModelProperty().set(pick);
            }
            if (failed > 0) {
                ctx.legacyStatus().finish(String.format(s.getString("status.modelSkipped"), failed));
            }
            done.complete(loaded.size());
        }));
        return done;
    }

    /** What discovery found on the DJL thread. */
    private record Discovery(List<ActiveModel> loaded, int failed) {}

    private static boolean same(Path a, Path b) {
        return a != null && b != null
                && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    // ---- dataset ------------------------------------------------------------------------

    private void chooseDataset() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(s.getString("action.openDataset"));
        File dir = chooser.showDialog(window());
        if (dir != null) {
            openDataset(dir.toPath());
        }
    }

    /**
     * Loads a dataset folder off the FX thread and publishes it; a failure shows an error.
     *
     * @param dir folder with the four IDX files
     * @return the data (completes after the UI was updated), or failed
     */
    public CompletableFuture<MnistData> openDataset(Path dir) {
        CompletableFuture<MnistData> done = new CompletableFuture<>();
        ctx.legacyStatus().start(String.format(s.getString("status.loadingDataset"), dir), null);
        CompletableFuture.supplyAsync(() -> {
            try {
                return MnistData.load(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).whenComplete((data, err) -> ctx.fx().execute(() -> {
            if (err != null) {
                Throwable cause = unwrap(err);
                ctx.legacyStatus().finish(s.getString("error.openDataset"));
                showError(s.getString("error.openDataset"), message(cause));
                done.completeExceptionally(cause);
                return;
            }
            ctx.dataProperty().set(data);
            ctx.legacyStatus().finish(String.format(s.getString("status.datasetLoaded"), dir));
            done.complete(data);
        }));
        return done;
    }

    // ---- export, about ------------------------------------------------------------------

    private void exportView() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (selected == null || selected.getContent() == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                s.getString("file.png"), "*.png"));
        chooser.setInitialFileName(selected.getText().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-") + ".png");
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            try {
                TrainView.writePng(selected.getContent(), file.toPath());
            } catch (IOException | RuntimeException e) {
                showError(s.getString("error.export"), message(e));
            }
        }
    }

    private void exportCsv() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (selected == null || !(selected.getContent() instanceof CsvExportable view)
                || !view.hasCsvData()) {
            showError(s.getString("error.exportCsv"), s.getString("error.noCsvData"));
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                s.getString("file.csv"), "*.csv"));
        chooser.setInitialFileName(view.csvFileName());
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            try {
                view.writeCsv(file.toPath());
            } catch (IOException | RuntimeException e) {
                showError(s.getString("error.exportCsv"), message(e));
            }
        }
    }

    private void chooseSaveModel() {
        ActiveModel model = ctx.activeModelProperty().get();
        if (model == null) {
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(s.getString("action.saveModel"));
        File dir = chooser.showDialog(window());
        if (dir != null) {
            saveModel(model, dir.toPath());
        }
    }

    /**
     * Saves a model as a checkpoint folder (its parameters, metadata and, when it has one, its
     * training history) on the DJL thread. Errors are shown; nothing already in the folder is
     * half-overwritten (every file is replaced atomically).
     *
     * @param model the model
     * @param dir destination folder
     * @return completes when saved (after the UI was updated), or failed
     */
    public CompletableFuture<Path> saveModel(ActiveModel model, Path dir) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        ctx.djl().submit(() -> {
            ModelStore.save(dir, model.model().autoencoder(), model.metadata());
            Path history = model.dir() == null ? null
                    : model.dir().resolve(io.latentlab.training.RunCheckpoint.HISTORY);
            if (history != null && Files.isRegularFile(history)
                    && !history.toAbsolutePath().normalize().equals(dir.resolve(
                            io.latentlab.training.RunCheckpoint.HISTORY).toAbsolutePath().normalize())) {
                io.latentlab.model.AtomicFiles.write(
                        dir.resolve(io.latentlab.training.RunCheckpoint.HISTORY),
                        out -> Files.copy(history, out));
            }
            return dir;
        }).whenComplete((saved, err) -> ctx.fx().execute(() -> {
            if (err != null) {
                showError(s.getString("error.saveModel"), message(unwrap(err)));
                done.completeExceptionally(unwrap(err));
            } else {
                ctx.legacyStatus().finish(String.format(s.getString("status.modelSaved"), saved));
                done.complete(saved);
            }
        }));
        return done;
    }

    private void showAbout() {
        // the engine is DJL state: ask the DJL thread, never the FX thread
        ctx.djl().submit(() -> {
            Engine engine = Engine.getInstance();
            return new String[] {Engine.getDjlVersion(), engine.getEngineName(),
                    engine.getVersion()};
        }).whenComplete((v, err) -> ctx.fx().execute(() -> {
            String[] info = v != null ? v : new String[] {"?", "unavailable",
                    err == null ? "" : message(unwrap(err))};
            String version = MainWindow.class.getPackage().getImplementationVersion();
            String threads = System.getProperty("ai.djl.pytorch.num_threads", "default");
            Alert alert = new Alert(Alert.AlertType.INFORMATION, String.format(
                    s.getString("about.text"), System.getProperty("java.version"),
                    System.getProperty("java.vendor"), info[0], info[1], info[2],
                    Runtime.getRuntime().availableProcessors(), threads));
            alert.setTitle(s.getString("about.title"));
            alert.setHeaderText(String.format(s.getString("about.header"),
                    version == null ? "dev" : version));
            alert.initOwner(window());
            alert.show();
        }));
    }

    private void showError(String header, String text) {
        Alert alert = new Alert(Alert.AlertType.ERROR, text);
        alert.setHeaderText(header);
        if (window() != null) {
            alert.initOwner(window());
        }
        alert.show();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof UncheckedIOException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    // ---- accessors ----------------------------------------------------------------------

    /** @return the tabs */
    public TabPane tabs() {
        return tabs;
    }

    /** @return the Train view */
    public TrainView trainView() {
        return trainView;
    }

    /** @return the Reconstruct view */
    public ReconstructView reconstructView() {
        return reconstructView;
    }

    /** @return the Latent space view */
    public LatentView latentView() {
        return latentView;
    }

    /** @return the Study view */
    public StudyView studyView() {
        return studyView;
    }

    /** @return whether the dark theme is on */
    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    /** @return the active-model selector */
    public ComboBox<ActiveModel> modelSelector() {
        return modelBox;
    }
}
