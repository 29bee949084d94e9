package io.latentlab.ui.reconstruction;

import static io.latentlab.ui.reconstruction.Icons.icon;
import static io.latentlab.ui.reconstruction.Icons.iconButton;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
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
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/**
 * The drawing surface with brush size, undo and clear. The surface is a square as large as
 * its place allows, between {@link #MIN_SIDE} and {@link #MAX_SIDE}; the strokes are kept in
 * unit-square coordinates, so a resize redraws the same digit larger or smaller.
 */
final class DrawCanvas extends VBox {

    /** Smallest side of the drawing surface. */
    static final double MIN_SIDE = 200;

    /** Largest side: more only makes the mouse travel further. */
    static final double MAX_SIDE = 560;

    private final Drawing drawing;
    private final Canvas canvas = new Canvas(MIN_SIDE, MIN_SIDE);

    DrawCanvas(ReconstructViewModel vm) {
        super(8);
        this.drawing = vm.input().drawing();
        canvas.setId("draw-canvas");
        canvas.setCursor(Cursor.CROSSHAIR);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            drawing.beginStroke(e.getX() / side(), e.getY() / side());
            canvas.requestFocus();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED,
                e -> drawing.strokeTo(e.getX() / side(), e.getY() / side()));
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> drawing.endStroke());
        drawing.versionProperty().addListener(obs -> paint());
        canvas.widthProperty().addListener(obs -> paint());
        paint();
        Square surface = new Square(canvas);

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
        getChildren().addAll(surface, tools, hint);
        setPadding(new Insets(10));
    }

    /** @return the drawing surface (tests) */
    Canvas canvas() {
        return canvas;
    }

    private double side() {
        return canvas.getWidth();
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double k = side();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, k, k);
        g.setStroke(Color.WHITE);
        g.setFill(Color.WHITE);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        for (double[] s : drawing.strokes()) {
            double d = s[0] * k;
            int n = (s.length - 1) / 2;
            if (n == 1) {
                g.fillOval(s[1] * k - d / 2, s[2] * k - d / 2, d, d);
                continue;
            }
            g.setLineWidth(d);
            g.beginPath();
            g.moveTo(s[1] * k, s[2] * k);
            for (int i = 1; i < n; i++) {
                g.lineTo(s[1 + 2 * i] * k, s[2 + 2 * i] * k);
            }
            g.stroke();
        }
    }

    /**
     * Lays the canvas out as the largest square that fits, within the side limits: as tall as
     * it is wide (so the tools stay right under it), shorter only when the height runs out.
     */
    private static final class Square extends Region {

        private final Canvas canvas;

        Square(Canvas canvas) {
            this.canvas = canvas;
            getChildren().add(canvas);
            setMinSize(MIN_SIDE, MIN_SIDE);
            setPrefWidth(MIN_SIDE);
            setMaxSize(Double.MAX_VALUE, USE_PREF_SIZE);
        }

        @Override
        public Orientation getContentBias() {
            return Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefHeight(double width) {
            return clamp(width < 0 ? getWidth() : width);
        }

        @Override
        protected void layoutChildren() {
            double side = clamp(Math.min(getWidth(), getHeight()));
            canvas.setWidth(side);
            canvas.setHeight(side);
            canvas.relocate(Math.max(0, Math.floor((getWidth() - side) / 2)), 0);
        }

        private static double clamp(double side) {
            return Math.floor(Math.max(MIN_SIDE, Math.min(MAX_SIDE, side)));
        }
    }
}
