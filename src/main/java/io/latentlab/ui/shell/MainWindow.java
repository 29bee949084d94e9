package io.latentlab.ui.shell;

import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.CsvExportable;
import io.latentlab.ui.DialogFolders;
import io.latentlab.ui.common.AppIcon;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.help.GuidePage;
import io.latentlab.ui.help.Help;
import io.latentlab.ui.latent.LatentView;
import io.latentlab.ui.reconstruction.ReconstructView;
import io.latentlab.ui.study.StudyView;
import io.latentlab.ui.training.TrainView;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The main window's content: menu bar, the model selector, the four views in tabs and the
 * status bar, a view of the running jobs. What the menus do lives in {@link MainViewModel};
 * this class asks for files and shows dialogs.
 */
public final class MainWindow extends BorderPane {

    private final AppContext ctx;
    private final ResourceBundle s;
    private final StatusViewModel status;
    private final MainViewModel vm;
    private final TabPane tabs = new TabPane();
    private final TrainView trainView;
    private final ReconstructView reconstructView;
    private final LatentView latentView;
    private final StudyView studyView;
    private final ObjectProperty<AppTheme> theme =
            new SimpleObjectProperty<>(this, "theme", AppTheme.PRIMER_LIGHT);
    private final ModelSelector selector;
    private final StatusBarView statusBar;
    private final Help help;

    /**
     * @param ctx shared services
     */
    public MainWindow(AppContext ctx) {
        this.ctx = ctx;
        this.s = ResourceBundle.getBundle("io.latentlab.ui.shell.strings", Locale.getDefault());
        this.status = new StatusViewModel(ctx);
        this.vm = new MainViewModel(ctx, status);
        vm.setOnProblem(p -> showError(p.header(), p.text()));
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
        showOnlySelected();
        ctx.setShowReconstructAction(() -> tabs.getSelectionModel().select(reconstruct));
        setCenter(tabs);

        MainMenuBar menu = new MainMenuBar(s, new MainMenuBar.Actions(this::chooseModel,
                this::chooseSaveModel, this::chooseDataset, this::exportView, this::exportCsv,
                Platform::exit, this::showAbout), ctx.activeModelProperty().isNull(), theme);
        selector = new ModelSelector(ctx, vm, s, this::chooseModel);
        help = new Help(ctx, menu, () -> GuidePage.forView(
                tabs.getSelectionModel().getSelectedIndex(),
                studyView.tabs().getSelectionModel().getSelectedIndex()));
        menu.helpMenu().getItems().addAll(0, help.menuItems());
        help.aboutGraphicProperty().set(new ImageView(AppIcon.image(64)));
        setTop(new VBox(menu, selector, help.tipsBar()));
        statusBar = new StatusBarView(status, s);
        setBottom(statusBar);

        // the theme is the application's user-agent stylesheet, so dialogs follow it too; our
        // own stylesheet builds on its colours
        sceneProperty().addListener((o, old, scene) -> {
            if (old != null) {
                old.getStylesheets().remove(Styles.STYLESHEET);
            }
            if (scene != null && !scene.getStylesheets().contains(Styles.STYLESHEET)) {
                scene.getStylesheets().add(Styles.STYLESHEET);
            }
        });
        applyTheme();
        theme.addListener((o, a, b) -> applyTheme());
    }

    /**
     * Keeps only the selected tab's view in the scene. A hidden view in the scene still costs
     * every pulse (bounds of ~1,500 nodes, CSS and layout of whatever changed in it, the latent
     * map redrawn on a resize), which took CPU from a training run on two cores; detached, its
     * bindings keep it current and it is laid out once when shown.
     */
    private void showOnlySelected() {
        Map<Tab, Node> views = new HashMap<>();
        for (Tab t : tabs.getTabs()) {
            views.put(t, t.getContent());
            if (t != tabs.getSelectionModel().getSelectedItem()) {
                t.setContent(null);
            }
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (old != null) {
                old.setContent(null);
            }
            if (now != null) {
                now.setContent(views.get(now));
            }
        });
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }

    private void applyTheme() {
        AppTheme t = theme.get() == null ? AppTheme.PRIMER_LIGHT : theme.get();
        Application.setUserAgentStylesheet(t.userAgentStylesheet());
        // the root, not the scene: a pseudo-class our stylesheet matches as .root:dark
        pseudoClassStateChanged(Styles.DARK, t.dark());
    }

    /** @return the working directory, where models/, runs/ and assets/ are */
    private static Path workDir() {
        return Path.of("").toAbsolutePath();
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    // ---- menu actions: ask for a file, then let the view model work ------------------------

    private void chooseModel() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(s.getString("dialog.openModel"));
        chooser.setInitialDirectory(DialogFolders.models(workDir()).toFile());
        File dir = chooser.showDialog(window());
        if (dir != null) {
            vm.open(dir.toPath());
        }
    }

    private void chooseSaveModel() {
        ActiveModel model = ctx.activeModelProperty().get();
        if (model == null) {
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(s.getString("dialog.saveModel"));
        chooser.setInitialDirectory(DialogFolders.models(workDir()).toFile());
        File dir = chooser.showDialog(window());
        if (dir != null) {
            vm.save(model, dir.toPath());
        }
    }

    private void chooseDataset() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(s.getString("dialog.openDataset"));
        chooser.setInitialDirectory(DialogFolders.datasets(workDir()).toFile());
        File dir = chooser.showDialog(window());
        if (dir != null) {
            vm.openDataset(dir.toPath());
        }
    }

    private void exportView() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (selected == null || selected.getContent() == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(s.getString("dialog.exportView"));
        chooser.setInitialDirectory(DialogFolders.exports(workDir()).toFile());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                s.getString("file.png"), "*.png"));
        chooser.setInitialFileName(selected.getText().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-") + ".png");
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            try {
                TrainView.writePng(selected.getContent(), file.toPath());
            } catch (IOException | RuntimeException e) {
                vm.problem(s.getString("error.export"), e);
            }
        }
    }

    private void exportCsv() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (selected == null || !(selected.getContent() instanceof CsvExportable view)
                || !view.hasCsvData()) {
            vm.problem(s.getString("error.exportCsv"), s.getString("error.noCsvData"));
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(s.getString("dialog.exportCsv"));
        chooser.setInitialDirectory(DialogFolders.exports(workDir()).toFile());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                s.getString("file.csv"), "*.csv"));
        chooser.setInitialFileName(view.csvFileName());
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            try {
                view.writeCsv(file.toPath());
            } catch (IOException | RuntimeException e) {
                vm.problem(s.getString("error.exportCsv"), e);
            }
        }
    }

    private void showAbout() {
        help.showAbout();
    }

    private void showError(String header, String text) {
        Alert alert = new Alert(Alert.AlertType.ERROR, text);
        alert.setHeaderText(header);
        if (window() != null) {
            alert.initOwner(window());
        }
        alert.show();
    }

    // ---- accessors ------------------------------------------------------------------------

    /** @return models, dataset, About */
    public MainViewModel viewModel() {
        return vm;
    }

    /** @return what the status bar shows */
    public StatusViewModel statusViewModel() {
        return status;
    }

    /** @return the status bar */
    StatusBarView statusBar() {
        return statusBar;
    }

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

    /** @return guide, shortcut sheet, tips and About */
    public Help help() {
        return help;
    }

    /** @return the theme (AtlantaFX, application-wide) */
    public ObjectProperty<AppTheme> themeProperty() {
        return theme;
    }

    /** @return the active-model selector */
    public ComboBox<ActiveModel> modelSelector() {
        return selector.box();
    }
}
