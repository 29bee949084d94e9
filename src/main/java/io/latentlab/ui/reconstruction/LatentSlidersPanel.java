package io.latentlab.ui.reconstruction;

import static io.latentlab.ui.reconstruction.Icons.icon;

import io.latentlab.ui.common.DigitImages;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.reconstruction.LatentSlidersViewModel.Axis;

import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * The latent sliders under the original and noisy digit: collapsed at first (opening it
 * encodes the test set once per model for the ranges), then one slider per coordinate or
 * principal direction, the live decoding beside them, and Reset.
 */
final class LatentSlidersPanel extends TitledPane {

    /** Displayed size of the decoding (4x: it shares the column with the sliders). */
    static final double IMAGE = 112;

    private final LatentSlidersViewModel vm;
    private final GridPane grid = new GridPane();

    LatentSlidersPanel(ReconstructViewModel parent) {
        this.vm = parent.sliders();
        setId("latent-sliders");
        setText(parent.text("sliders.title"));
        setTooltip(new Tooltip(parent.text("sliders.tooltip")));
        setExpanded(vm.openProperty().get());
        expandedProperty().bindBidirectional(vm.openProperty());

        Label kind = wrapped(Styles.MUTED);
        kind.textProperty().bind(vm.kindProperty());
        Label message = wrapped(Styles.HINT);
        message.setId("sliders-message");
        message.textProperty().bind(vm.messageProperty());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        showIf(progress, vm.progressProperty().greaterThanOrEqualTo(0));
        showIf(message, vm.messageProperty().isNotEmpty());
        showIf(kind, vm.kindProperty().isNotEmpty());

        grid.setId("sliders-grid");
        grid.setHgap(6);
        grid.setVgap(2);
        HBox.setHgrow(grid, Priority.ALWAYS);

        ImageView image = new ImageView();
        image.setId("sliders-decoded");
        image.setFitWidth(IMAGE);
        image.setFitHeight(IMAGE);
        image.setSmooth(false);
        vm.decodedProperty().addListener((obs, o, n) -> image.setImage(DigitImages.gray(n)));
        Region frame = new Region();
        frame.getStyleClass().add(Styles.DIGIT_FRAME);
        frame.setMinSize(IMAGE, IMAGE);
        frame.setMaxSize(IMAGE, IMAGE);
        StackPane framed = new StackPane(frame, image);
        Tooltip.install(framed, new Tooltip(parent.text("sliders.decoded.tooltip")));
        Label head = new Label(parent.text("sliders.decoded"));
        head.getStyleClass().add(Styles.HEAD);
        Button reset = new Button(parent.text("sliders.reset"), icon(MaterialDesignR.RESTORE));
        reset.setId("sliders-reset");
        reset.setTooltip(new Tooltip(parent.text("sliders.reset.tooltip")));
        reset.setOnAction(e -> vm.reset());
        reset.disableProperty().bind(vm.decodedProperty().isNull());
        VBox side = new VBox(4, head, framed, reset);
        side.setAlignment(Pos.TOP_CENTER);
        showIf(side, vm.decodedProperty().isNotNull());

        Label code = wrapped(Styles.MONO);
        code.setId("sliders-code");
        code.getStyleClass().add(Styles.SMALL);
        code.textProperty().bind(vm.codeProperty());
        showIf(code, vm.codeProperty().isNotEmpty());

        HBox row = new HBox(10, grid, side);
        VBox content = new VBox(6, message, progress, kind, row, code);
        setContent(content);

        vm.slidersProperty().addListener((obs, o, n) -> build(n));
        build(vm.slidersProperty().get());
    }

    private void build(List<Axis> sliders) {
        grid.getChildren().clear();
        for (int k = 0; k < sliders.size(); k++) {
            Axis s = sliders.get(k);
            Slider slider = new Slider(s.min(),
                    s.max(), s.value().get());
            slider.setId("slider-" + k);
            slider.valueProperty().bindBidirectional(s.value());
            slider.setPrefWidth(120);
            slider.setMinWidth(60);
            GridPane.setHgrow(slider, Priority.ALWAYS);
            Label name = new Label(s.label());
            // the names ("z1", "PC1") stay whole; the slider gives way
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label value = new Label();
            value.setId("slider-value-" + k);
            value.getStyleClass().addAll(Styles.MONO, Styles.SMALL);
            value.setMinWidth(Region.USE_PREF_SIZE);
            value.textProperty().bind(Bindings.createStringBinding(
                    () -> String.format(Locale.ROOT, "%+.2f", s.value().get()), s.value()));
            Tooltip tip = new Tooltip(s.tooltip());
            for (Control c : List.of(name, slider, value)) {
                c.setTooltip(tip);
            }
            grid.addRow(k, name, slider, value);
        }
    }

    private static Label wrapped(String style) {
        Label l = new Label();
        l.setWrapText(true);
        // wraps onto more lines rather than ending in "..." when the column is narrow
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add(style);
        return l;
    }

    private static void showIf(Node n,
            ObservableBooleanValue condition) {
        n.visibleProperty().bind(condition);
        n.managedProperty().bind(n.visibleProperty());
    }
}
