package io.latentlab.ui.training;

import io.latentlab.data.MnistData;
import io.latentlab.training.TrainingEvent;
import io.latentlab.ui.common.DigitImages;

import java.util.ResourceBundle;

import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Eight test digits (top) and their latest reconstructions (bottom), refreshed every epoch. */
final class PreviewStrip extends VBox {

    private static final int SIZE = 56;

    private final ImageView[] originals = new ImageView[TrainViewModel.PREVIEW_INDICES.length];
    private final ImageView[] reconstructions = new ImageView[TrainViewModel.PREVIEW_INDICES.length];

    /**
     * @param vm supplies the data and the reconstructions
     * @param s the view's strings
     */
    PreviewStrip(TrainViewModel vm, ResourceBundle s) {
        super(2);
        GridPane grid = new GridPane();
        grid.setId("train-strip");
        grid.setHgap(4);
        grid.setVgap(4);
        for (int i = 0; i < originals.length; i++) {
            originals[i] = digitView();
            reconstructions[i] = digitView();
            grid.add(originals[i], i, 0);
            grid.add(reconstructions[i], i, 1);
        }
        getChildren().addAll(new Label(s.getString("strip.title")), grid);
        vm.previewProperty().addListener((o, a, p) -> showReconstructions(p));
        vm.context().dataProperty().addListener((o, a, d) -> showOriginals(d));
        showOriginals(vm.context().dataProperty().get());
    }

    private static ImageView digitView() {
        ImageView v = new ImageView();
        // nearest-neighbour scaling keeps the pixels visible
        v.setSmooth(false);
        v.setFitWidth(SIZE);
        v.setFitHeight(SIZE);
        return v;
    }

    private void showReconstructions(TrainingEvent.Preview p) {
        for (int i = 0; i < reconstructions.length; i++) {
            reconstructions[i].setImage(p == null || i >= p.images().length ? null
                    : DigitImages.gray(p.images()[i]));
        }
    }

    private void showOriginals(MnistData data) {
        for (int i = 0; i < originals.length; i++) {
            int idx = TrainViewModel.PREVIEW_INDICES[i];
            originals[i].setImage(data == null || idx >= data.test().size() ? null
                    : DigitImages.gray(data.test().copyImage(idx)));
        }
    }
}
