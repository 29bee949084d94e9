package io.latentlab.ui.training;

import io.latentlab.training.TrainingEvent;
import io.latentlab.ui.common.DigitImages;
import io.latentlab.ui.common.Styles;

import java.util.ResourceBundle;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The latent space learning live: after every epoch the followed test digits' codes on their PCA
 * plane, turned to match the epoch before, coloured by class. Fitted to the picture each time.
 */
final class LatentTrailView extends VBox {

    static final double SIZE = 150;
    private static final double DOT = 2;

    private final Canvas canvas = new Canvas(SIZE, SIZE);
    private final Label title = new Label();
    private final ResourceBundle s;

    LatentTrailView(TrainViewModel vm, ResourceBundle s) {
        super(2);
        this.s = s;
        setId("train-latent");
        StackPane plot = new StackPane(canvas);
        plot.getStyleClass().add(Styles.PLOT);
        plot.setMinSize(SIZE, SIZE);
        plot.setMaxSize(SIZE, SIZE);
        title.setText(s.getString("latent.title"));
        Tooltip tip = new Tooltip(s.getString("latent.tip"));
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        title.setTooltip(tip);
        Tooltip.install(plot, tip);
        getChildren().addAll(title, plot);
        vm.latentProperty().addListener((o, a, l) -> draw(l));
    }

    private void draw(TrainingEvent.LatentSnapshot l) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, SIZE, SIZE);
        if (l == null) {
            title.setText(s.getString("latent.title"));
            return;
        }
        title.setText(String.format(s.getString("latent.epoch"), l.epoch()));
        float[] xy = l.xy();
        int n = l.labels().length;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, xy[2 * i]);
            maxX = Math.max(maxX, xy[2 * i]);
            minY = Math.min(minY, xy[2 * i + 1]);
            maxY = Math.max(maxY, xy[2 * i + 1]);
        }
        // one scale for both axes: distances stay true
        double span = Math.max(1e-9, Math.max(maxX - minX, maxY - minY));
        double k = (SIZE - 8) / span;
        double ox = 4 + (SIZE - 8 - (maxX - minX) * k) / 2;
        double oy = 4 + (SIZE - 8 - (maxY - minY) * k) / 2;
        for (int i = 0; i < n; i++) {
            g.setFill(DigitImages.CLASS_COLOURS[Math.floorMod(l.labels()[i], 10)]);
            double x = ox + (xy[2 * i] - minX) * k;
            // screen y grows downwards
            double y = SIZE - (oy + (xy[2 * i + 1] - minY) * k);
            g.fillRect(x - DOT / 2, y - DOT / 2, DOT, DOT);
        }
    }
}
