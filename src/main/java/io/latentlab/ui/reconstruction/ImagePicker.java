package io.latentlab.ui.reconstruction;

import static io.latentlab.ui.reconstruction.Icons.icon;

import java.io.File;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/** Imports a digit from an image file (button here, or a file dropped on the view). */
final class ImagePicker extends VBox {

    private final ReconstructViewModel vm;

    ImagePicker(ReconstructViewModel vm) {
        super(10);
        this.vm = vm;
        Button open = new Button(vm.text("image.open"), icon(MaterialDesignF.FOLDER_OPEN));
        open.setId("open-image");
        open.setTooltip(new Tooltip(vm.text("image.open.tooltip")));
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                    vm.text("image.filter"), "*.png", "*.jpg", "*.jpeg", "*.PNG", "*.JPG",
                    "*.JPEG"));
            File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                importFile(f);
            }
        });
        DigitInput in = vm.input();
        Label name = new Label();
        name.textProperty().bind(Bindings.createStringBinding(
                () -> in.importedNameProperty().get() == null ? vm.text("image.none")
                        : vm.text("image.loaded", in.importedNameProperty().get()),
                in.importedNameProperty()));
        Label hint = new Label(vm.text("image.hint"));
        hint.setWrapText(true);
        getChildren().addAll(open, name, hint);
        setPadding(new Insets(10));
    }

    /**
     * Reads an image file (any size JavaFX can decode) into the view model; an unreadable
     * file only shows an error naming it.
     *
     * @param file the file
     * @return whether it was read
     */
    boolean importFile(File file) {
        String name = file.getName();
        Image img;
        try {
            img = new Image(file.toURI().toString(), false);
            if (!img.isError() && Math.max(img.getWidth(), img.getHeight()) > 1024) {
                // huge photos: let the decoder shrink them, the digit ends up 20 px anyway
                img = new Image(file.toURI().toString(), 1024, 1024, true, true, false);
            }
        } catch (RuntimeException e) {
            vm.showError(vm.text("error.imageRead", name, e.getMessage()));
            return false;
        }
        if (img.isError() || img.getPixelReader() == null || img.getWidth() < 1) {
            Exception ex = img.getException();
            String why = ex == null || ex.getMessage() == null ? vm.text("error.imageDamaged")
                    : ex.getMessage();
            vm.showError(vm.text("error.imageRead", name, why));
            return false;
        }
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        vm.importImage(name, argb, w, h);
        return true;
    }
}
