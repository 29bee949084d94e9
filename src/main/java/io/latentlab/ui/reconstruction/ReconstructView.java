package io.latentlab.ui.reconstruction;

import static io.latentlab.ui.reconstruction.Icons.icon;
import static io.latentlab.ui.reconstruction.Icons.iconButton;

import io.latentlab.model.AtomicFiles;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.CsvExportable;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.reconstruction.ReconstructViewModel.Source;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

/**
 * The Reconstruct view: pick, draw or import a digit, corrupt it with noise, and compare the
 * reconstructions of one or two models. State lives in {@link ReconstructViewModel}; the
 * panels ({@link DigitPicker}, {@link DrawCanvas}, {@link ImagePicker}, {@link NoiseControls},
 * {@link ResultPanel}) only lay out controls and bind them.
 *
 * <p>Keys, wherever the focus is while this view shows (but not in a text field, spinner or
 * slider, which use them themselves, nor the arrows on the noisy image, which move the
 * occlusion patch): Left/Right previous/next test digit, R random digit,
 * Ctrl+Z undo a stroke, Delete clear the drawing. They are caught by a filter on the scene,
 * because a focused TabPane (the main window's, after clicking a tab) would otherwise take
 * the arrows to switch tabs, and R would never reach this view.
 */
public final class ReconstructView extends BorderPane implements CsvExportable {

    private final ReconstructViewModel vm;
    private final TabPane sourceTabs = new TabPane();
    private final ImagePicker imagePicker;
    private final EventHandler<KeyEvent> keys = this::onKey;

    /**
     * @param ctx shared services
     */
    public ReconstructView(AppContext ctx) {
        this(ctx, new ReconstructViewModel(ctx));
    }

    /**
     * @param ctx shared services
     * @param vm the view model
     */
    public ReconstructView(AppContext ctx, ReconstructViewModel vm) {
        this.vm = vm;
        this.imagePicker = new ImagePicker(vm);
        setId("reconstruct-view");

        setTop(messages());
        setLeft(sources());
        VBox center = new VBox(12, new NoiseControls(vm), new ResultPanel(ctx, vm));
        center.setPadding(new Insets(8));
        setCenter(center);

        sceneProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
            if (now != null) {
                now.addEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
        });
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) {
                importFile(files.get(0));
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** @return the view model */
    public ReconstructViewModel viewModel() {
        return vm;
    }

    /**
     * Reads an image file into the view model; an unreadable file only shows an error.
     *
     * @param file the file
     * @return whether it was read
     */
    public boolean importFile(File file) {
        return imagePicker.importFile(file);
    }

    private Node messages() {
        Label hint = new Label(vm.text("hint.noModel"), icon(MaterialDesignI.INFORMATION_OUTLINE));
        hint.setId("no-model-hint");
        hint.visibleProperty().bind(vm.noModelBinding());
        hint.managedProperty().bind(hint.visibleProperty());

        Label error = new Label();
        error.setId("reconstruct-error");
        error.setGraphic(icon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        error.getStyleClass().add(Styles.ERROR);
        error.textProperty().bind(vm.errorProperty());
        Button dismiss = iconButton(MaterialDesignC.CLOSE, vm.text("error.dismiss"));
        dismiss.setOnAction(e -> vm.showError(null));
        HBox errorRow = new HBox(6, error, dismiss);
        errorRow.setAlignment(Pos.CENTER_LEFT);
        errorRow.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorRow.managedProperty().bind(errorRow.visibleProperty());

        VBox box = new VBox(4, hint, errorRow);
        box.setPadding(new Insets(6, 8, 0, 8));
        return box;
    }

    private Node sources() {
        Tab test = new Tab(vm.text("source.testSet"), new DigitPicker(vm));
        Tab draw = new Tab(vm.text("source.draw"), new DrawCanvas(vm));
        Tab image = new Tab(vm.text("source.image"), imagePicker);
        test.setUserData(Source.TEST_SET);
        draw.setUserData(Source.DRAWING);
        image.setUserData(Source.IMAGE);
        for (Tab tab : List.of(test, draw, image)) {
            tab.setClosable(false);
        }
        sourceTabs.setId("source-tabs");
        sourceTabs.getTabs().addAll(test, draw, image);
        // the drawing surface grows with the window: about a third of it, within its limits
        sourceTabs.prefWidthProperty().bind(Bindings.max(DrawCanvas.MIN_SIDE + 40,
                Bindings.min(DrawCanvas.MAX_SIDE + 40, widthProperty().multiply(0.32))));
        selectTab(vm.input().sourceProperty().get());
        // tab selection and source follow each other (a requested test digit switches tabs)
        sourceTabs.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                vm.input().sourceProperty().set((Source) n.getUserData());
            }
        });
        vm.input().sourceProperty().addListener((obs, o, n) -> selectTab(n));
        return sourceTabs;
    }

    private void selectTab(Source s) {
        for (Tab tab : sourceTabs.getTabs()) {
            if (tab.getUserData() == s && !tab.isSelected()) {
                sourceTabs.getSelectionModel().select(tab);
            }
        }
    }

    // ------------------------------------------------------------------ keys

    private void onKey(KeyEvent e) {
        if (!isShowing() || usesKeys(e.getTarget())
                || e.getCode().isArrowKey() && e.getTarget() instanceof PatchOverlay p
                        && p.takesArrows()) {
            return; // the focused noisy image moves the occlusion patch with the arrows
        }
        DigitInput in = vm.input();
        boolean plain = !e.isShortcutDown() && !e.isAltDown() && !e.isControlDown()
                && !e.isMetaDown();
        boolean handled = true;
        if (e.getCode() == KeyCode.LEFT && plain) {
            in.previous();
        } else if (e.getCode() == KeyCode.RIGHT && plain) {
            in.next();
        } else if (e.getCode() == KeyCode.R && plain) {
            in.randomDigit();
        } else if (e.getCode() == KeyCode.Z && e.isShortcutDown()) {
            in.drawing().undo();
        } else if (e.getCode() == KeyCode.DELETE && plain) {
            in.drawing().clear();
        } else {
            handled = false;
        }
        if (handled) {
            e.consume();
        }
    }

    /** Whether this view is on screen: in a shown window, and not in an unselected tab. */
    private boolean isShowing() {
        Scene scene = getScene();
        if (scene == null || scene.getWindow() == null || !scene.getWindow().isShowing()) {
            return false;
        }
        for (Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false; // a TabPane hides the content of unselected tabs
            }
        }
        return true;
    }

    /** Controls that need the arrows and letters themselves (typing, stepping a value). */
    private static boolean usesKeys(Object target) {
        for (Node n = target instanceof Node node ? node : null; n != null; n = n.getParent()) {
            if (n instanceof TextInputControl || n instanceof Slider || n instanceof Spinner<?>
                    || n instanceof ComboBoxBase<?> c && c.isEditable()) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ CSV

    @Override
    public String csvFileName() {
        return "reconstruction.csv";
    }

    @Override
    public boolean hasCsvData() {
        return vm.originalProperty().get() != null;
    }

    /** Rows of the images shown; a reconstruction of an older input is left out. */
    @Override
    public void writeCsv(Path file) throws IOException {
        float[] original = vm.originalProperty().get();
        float[] noisy = vm.noisyProperty().get();
        Reconstruction r = vm.reconstructionProperty().get();
        Reconstruction c = vm.compareReconstructionProperty().get();
        float[] rec = vm.isCurrent(r) ? r.output() : null;
        float[] cmp = vm.isCurrent(c) ? c.output() : null;
        int side = ReconstructViewModel.SIDE;
        StringBuilder sb = new StringBuilder("row,col,original,noisy,reconstruction,compare\n");
        for (int i = 0; i < original.length; i++) {
            sb.append(i / side).append(',').append(i % side).append(',').append(original[i])
                    .append(',').append(value(noisy, i)).append(',').append(value(rec, i))
                    .append(',').append(value(cmp, i)).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private static String value(float[] a, int i) {
        return a == null ? "" : Float.toString(a[i]);
    }
}
