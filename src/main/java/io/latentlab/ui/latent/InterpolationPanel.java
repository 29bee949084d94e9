package io.latentlab.ui.latent;

import io.latentlab.analysis.Interpolation;
import io.latentlab.ui.DialogFolders;
import io.latentlab.ui.common.DigitImages;
import io.latentlab.ui.common.Styles;

import java.io.File;
import java.nio.file.Path;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Under the map while the A–B toggle is on or A is picked: the decodes along the latent line
 * from A to B above the pixel cross-fade of the same two digits, with Export PNG and Clear.
 */
final class InterpolationPanel extends VBox {

    private static final double CELL = 56;

    private final InterpolationViewModel vm;
    private final ImageView[] decoded = new ImageView[InterpolationViewModel.STEPS];
    private final ImageView[] fade = new ImageView[InterpolationViewModel.STEPS];

    InterpolationPanel(LatentViewModel map) {
        super(6);
        this.vm = map.interpolation();
        setId("latent-line-panel");
        getStyleClass().add("latent-line-panel");

        Label caption = new Label();
        caption.setId("latent-line-caption");
        caption.getStyleClass().add(Styles.HEAD);
        caption.textProperty().bind(vm.captionProperty());
        Label status = new Label();
        status.setId("latent-line-status");
        status.getStyleClass().add(Styles.MUTED);
        status.textProperty().bind(vm.statusProperty());
        Region space = new Region();
        HBox.setHgrow(space, Priority.ALWAYS);
        Button export = new Button(map.text("latent.line.export"),
                new FontIcon("mdi2f-file-image-outline"));
        export.setId("latent-line-export");
        export.setTooltip(new Tooltip(map.text("latent.line.export.tooltip")));
        export.disableProperty().bind(vm.stripProperty().isNull());
        export.setOnAction(e -> export(map));
        Button clear = new Button(map.text("latent.line.clear"));
        clear.setId("latent-line-clear");
        clear.setTooltip(new Tooltip(map.text("latent.line.clear.tooltip")));
        clear.disableProperty().bind(vm.aProperty().lessThan(0));
        clear.setOnAction(e -> vm.clear());
        HBox head = new HBox(8, caption, status, space, export, clear);
        head.setAlignment(Pos.CENTER_LEFT);

        GridPane rows = new GridPane();
        rows.setHgap(4);
        rows.setVgap(4);
        rows.add(rowLabel(map.text("latent.line.decoded")), 0, 0);
        rows.add(rowLabel(map.text("latent.line.fade")), 0, 1);
        for (int k = 0; k < InterpolationViewModel.STEPS; k++) {
            decoded[k] = cell(rows, k, 0, "latent-line-decoded-" + k);
            fade[k] = cell(rows, k, 1, "latent-line-fade-" + k);
        }
        getChildren().addAll(head, rows);
        vm.stripProperty().addListener((obs, o, s) -> show(s));
    }

    private static Label rowLabel(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static ImageView cell(GridPane rows, int k, int row, String id) {
        ImageView v = new ImageView();
        v.setId(id);
        v.setFitWidth(CELL);
        v.setFitHeight(CELL);
        v.setSmooth(false);
        StackPane frame = new StackPane(v);
        frame.setMinSize(CELL, CELL);
        frame.setMaxSize(CELL, CELL);
        frame.getStyleClass().add(Styles.DIGIT_FRAME);
        // A and B framed apart from the points between them
        if (k == 0 || k == InterpolationViewModel.STEPS - 1) {
            frame.getStyleClass().add("latent-line-end");
        }
        rows.add(frame, k + 1, row);
        return v;
    }

    private void show(Interpolation.Strip s) {
        for (int k = 0; k < decoded.length; k++) {
            decoded[k].setImage(s == null ? null : DigitImages.gray(s.decodedImage(k)));
            fade[k].setImage(s == null ? null : DigitImages.gray(s.crossFadeImage(k)));
        }
    }

    private void export(LatentViewModel map) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(map.text("latent.line.exportTitle"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                map.text("latent.line.pngFiles"), "*.png"));
        chooser.setInitialFileName(vm.fileName());
        chooser.setInitialDirectory(DialogFolders.exports(Path.of("").toAbsolutePath()).toFile());
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            vm.export(file.toPath());
        }
    }
}
