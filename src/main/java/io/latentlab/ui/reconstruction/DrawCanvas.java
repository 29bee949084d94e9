package io.latentlab.ui.reconstruction;

import static io.latentlab.ui.reconstruction.Icons.icon;
import static io.latentlab.ui.reconstruction.Icons.iconButton;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/** The drawing surface with brush size, undo and clear. */
final class DrawCanvas extends VBox {

    private final Drawing drawing;
    private final Canvas canvas = new Canvas(Drawing.CANVAS, Drawing.CANVAS);

    DrawCanvas(ReconstructViewModel vm) {
        super(8);
        this.drawing = vm.input().drawing();
        canvas.setId("draw-canvas");
        canvas.setCursor(Cursor.CROSSHAIR);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            drawing.beginStroke(e.getX(), e.getY());
            canvas.requestFocus();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> drawing.strokeTo(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> drawing.endStroke());
        drawing.versionProperty().addListener(obs -> paint());
        paint();

        Slider brush = new Slider(6, 40, drawing.brushSizeProperty().get());
        brush.setId("brush-size");
        brush.valueProperty().bindBidirectional(drawing.brushSizeProperty());
        brush.setTooltip(new Tooltip(vm.text("brush.tooltip")));
        HBox.setHgrow(brush, Priority.ALWAYS);
        Button undo = iconButton(MaterialDesignU.UNDO, vm.text("undo.tooltip"));
        undo.setId("undo-stroke");
        undo.setOnAction(e -> drawing.undo());
        Button clear = iconButton(MaterialDesignE.ERASER, vm.text("clear.tooltip"));
        clear.setId("clear-drawing");
        clear.setOnAction(e -> drawing.clear());
        HBox tools = new HBox(6, new Label(vm.text("brush.label"), icon(MaterialDesignB.BRUSH)),
                brush, undo, clear);
        tools.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label(vm.text("draw.hint"));
        hint.setWrapText(true);
        getChildren().addAll(canvas, tools, hint);
        setPadding(new Insets(10));
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setStroke(Color.WHITE);
        g.setFill(Color.WHITE);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        for (double[] s : drawing.strokes()) {
            double d = s[0];
            int n = (s.length - 1) / 2;
            if (n == 1) {
                g.fillOval(s[1] - d / 2, s[2] - d / 2, d, d);
                continue;
            }
            g.setLineWidth(d);
            g.beginPath();
            g.moveTo(s[1], s[2]);
            for (int i = 1; i < n; i++) {
                g.lineTo(s[1 + 2 * i], s[2 + 2 * i]);
            }
            g.stroke();
        }
    }
}
