package io.latentlab.ui.latent;

import io.latentlab.ui.common.DigitImages;
import io.latentlab.ui.common.Styles;

import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/** The side panel: one check box per digit class, the decoded walk point, how to use the map. */
final class LegendPanel extends VBox {

    private static final double DECODED_SIZE = 112;

    LegendPanel(LatentViewModel vm) {
        super(6);
        VBox legend = new VBox(4);
        Label title = new Label(vm.text("latent.legend"));
        title.getStyleClass().add(Styles.HEAD);
        legend.getChildren().add(title);
        // two columns (0-4, 5-9): the height goes to the texts below, which must not be cut
        GridPane classes = new GridPane();
        classes.setHgap(10);
        classes.setVgap(4);
        int rows = (LatentViewModel.CLASSES + 1) / 2;
        for (int c = 0; c < LatentViewModel.CLASSES; c++) {
            CheckBox box = new CheckBox(Integer.toString(c));
            box.setId("latent-class-" + c);
            box.setGraphic(new Rectangle(12, 12, DigitImages.CLASS_COLOURS[c]));
            box.selectedProperty().bindBidirectional(vm.classVisibleProperty(c));
            box.setTooltip(new Tooltip(vm.format("latent.class", c)));
            classes.add(box, c / rows, c % rows);
        }
        legend.getChildren().add(classes);
        Button all = new Button(vm.text("latent.all"));
        all.setTooltip(new Tooltip(vm.text("latent.all.tooltip")));
        all.setOnAction(e -> vm.showAllClasses());
        legend.getChildren().add(all);

        Label decodedTitle = new Label(vm.text("latent.decoded"));
        decodedTitle.getStyleClass().add(Styles.HEAD);
        ImageView decoded = new ImageView();
        decoded.setId("latent-decoded");
        decoded.setFitWidth(DECODED_SIZE);
        decoded.setFitHeight(DECODED_SIZE);
        decoded.setSmooth(false);
        StackPane frame = new StackPane(decoded);
        frame.setMinSize(DECODED_SIZE, DECODED_SIZE);
        frame.setMaxSize(DECODED_SIZE, DECODED_SIZE);
        frame.getStyleClass().add(Styles.DIGIT_FRAME);
        Label caption = new Label(vm.text("latent.decoded.hint"));
        caption.setWrapText(true);
        caption.setMaxWidth(140);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        vm.decodedProperty().addListener((obs, o, img) -> {
            decoded.setImage(DigitImages.gray(img));
            Point2D w = vm.walkPointProperty().get();
            caption.setText(img == null || w == null ? vm.text("latent.decoded.hint")
                    : vm.format("latent.decoded.at", w.getX(), w.getY()));
        });
        Region gap = new Region();
        gap.setMinHeight(12);
        // how to use the map, here rather than in a tooltip over the map: a tooltip follows
        // the mouse, runs off the window and covers the hover card
        Label usage = new Label(vm.text("latent.usage"));
        usage.setId("latent-usage");
        usage.getStyleClass().add("latent-usage");
        usage.setWrapText(true);
        usage.setMaxWidth(140);
        usage.setMinHeight(Region.USE_PREF_SIZE);
        Region gap2 = new Region();
        gap2.setMinHeight(12);
        // a t-SNE plane cannot be decoded: no walk, and usage says what the map does instead
        var tsne = vm.tsneMap().kindProperty().isEqualTo(TsneMapViewModel.MapKind.TSNE);
        for (javafx.scene.Node n : new javafx.scene.Node[] {decodedTitle, frame, caption, gap}) {
            n.visibleProperty().bind(tsne.not());
            n.managedProperty().bind(tsne.not());
        }
        usage.textProperty().bind(javafx.beans.binding.Bindings.when(tsne)
                .then(vm.text("latent.usage.tsne")).otherwise(vm.text("latent.usage")));
        getChildren().addAll(legend, gap, decodedTitle, frame, caption, gap2, usage);
        setPadding(new Insets(8));
        setPrefWidth(160);
    }
}
