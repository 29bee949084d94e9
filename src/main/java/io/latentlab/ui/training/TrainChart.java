package io.latentlab.ui.training;

import io.latentlab.training.EpochMetrics;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.training.TrainViewModel.BatchPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.ToDoubleFunction;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

/**
 * The loss chart of the Train view: batch loss (raw and smoothed), train, validation and test
 * MSE per epoch, and the best epoch. Every series, its points and its legend entry take their
 * colour from the same chart colour (the stylesheet's {@code -ll-chart-*}, per theme), so the
 * picture and the legend agree, on screen and in the PNG. The x axis shows whole epochs from 0.
 */
final class TrainChart {

    private final TrainViewModel vm;
    private final NumberAxis xAxis = new NumberAxis(0, 1, 1);
    private final NumberAxis yAxis = new NumberAxis();
    private final LineChart<Number, Number> chart;
    private final XYChart.Series<Number, Number> batchRaw = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> batchSmooth = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> train = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> val = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> test = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> best = new XYChart.Series<>();
    private double smoothed = Double.NaN;

    /**
     * @param vm the view model whose run is drawn
     * @param s the view's strings
     */
    TrainChart(TrainViewModel vm, ResourceBundle s) {
        this.vm = vm;
        xAxis.setLabel(s.getString("chart.x"));
        xAxis.setAutoRanging(false);
        xAxis.setMinorTickVisible(false);
        xAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
            }

            @Override
            public Number fromString(String text) {
                return Double.valueOf(text);
            }
        });
        yAxis.setForceZeroInRange(false);
        yAxis.setLabel(s.getString("chart.y"));
        chart = new LineChart<>(xAxis, yAxis);
        chart.setId("train-chart");
        chart.setAnimated(false);
        // symbols only where set explicitly (epoch points, best marker): thousands of batch
        // points would each get a node otherwise
        chart.setCreateSymbols(false);
        chart.getStyleClass().add(Styles.LOSS_CHART);
        batchRaw.setName(s.getString("series.batch"));
        batchSmooth.setName(s.getString("series.batchSmooth"));
        train.setName(s.getString("series.train"));
        val.setName(s.getString("series.val"));
        test.setName(s.getString("series.test"));
        best.setName(s.getString("series.best"));
        chart.getData().addAll(List.of(batchRaw, batchSmooth, train, val, test, best));
        batchRaw.getNode().getStyleClass().add(Styles.SERIES_RAW);
        batchSmooth.getNode().getStyleClass().add(Styles.SERIES_SMOOTH);
        for (XYChart.Series<Number, Number> epochSeries : List.of(train, val, test)) {
            epochSeries.getNode().getStyleClass().add(Styles.SERIES_MAIN);
        }
        best.getNode().getStyleClass().add(Styles.SERIES_POINTS);
        // the x axis ends at the last epoch: unclipped, its dots and the best ring show whole
        // (the axes always fit the data, so nothing else reaches past the plot area)
        Node plotContent = chart.lookup(".plot-content");
        if (plotContent != null && plotContent.getParent() != null) {
            plotContent.getParent().setClip(null); // the plot area, which holds the clip
        }
        wire(s);
    }

    private void wire(ResourceBundle s) {
        vm.batchPoints().addListener((ListChangeListener<BatchPoint>) c -> {
            boolean rebuild = false;
            while (c.next()) {
                if (c.wasRemoved() || c.getFrom() != batchRaw.getData().size()) {
                    rebuild = true;
                }
            }
            if (rebuild) {
                redrawBatches();
            } else {
                appendBatches(vm.batchPoints().subList(batchRaw.getData().size(),
                        vm.batchPoints().size()));
            }
            updateXAxis();
        });
        vm.epochs().addListener((ListChangeListener<EpochMetrics>) c -> {
            redrawEpochs();
            updateXAxis();
        });
        vm.logScaleProperty().addListener((o, a, b) -> {
            yAxis.setLabel(s.getString(b ? "chart.yLog" : "chart.y"));
            redrawBatches();
            redrawEpochs();
        });
        vm.smoothingProperty().addListener((o, a, b) -> redrawBatches());
    }

    /** @return the chart node */
    LineChart<Number, Number> node() {
        return chart;
    }

    /**
     * The x axis for data up to an epoch: from 0 to the next whole epoch (at least 1), with
     * whole-epoch ticks about ten to the axis.
     *
     * @param maxX the largest x drawn (0 without data)
     * @return {lower, upper, tick unit}
     */
    static double[] xBounds(double maxX) {
        double upper = Math.max(1, Math.ceil(maxX - 1e-9));
        double unit = 1;
        for (int i = 0; upper / unit > 10; i++) {
            unit = (i % 3 == 1 ? 2.5 : 2) * unit;
        }
        return new double[] {0, upper, unit};
    }

    /**
     * The value plotted for an MSE: itself, or log10 of it on the log scale.
     *
     * @param mse a loss
     * @param log whether the log scale is on
     * @return the plotted value, NaN for a loss that cannot be plotted
     */
    static double plotted(double mse, boolean log) {
        if (!log) {
            return mse;
        }
        return mse > 0 ? Math.log10(mse) : Double.NaN;
    }

    /**
     * Exponential moving average step.
     *
     * @param previous the average so far (NaN for none)
     * @param value the new value
     * @param smoothing 0 = no smoothing, towards 1 = very smooth
     * @return the new average
     */
    static double ema(double previous, double value, double smoothing) {
        if (Double.isNaN(previous)) {
            return value;
        }
        return smoothing * previous + (1 - smoothing) * value;
    }

    private void updateXAxis() {
        double maxX = 0;
        if (!vm.batchPoints().isEmpty()) {
            maxX = vm.batchPoints().get(vm.batchPoints().size() - 1).x();
        }
        if (!vm.epochs().isEmpty()) {
            maxX = Math.max(maxX, vm.epochs().get(vm.epochs().size() - 1).epoch());
        }
        double[] b = xBounds(maxX);
        xAxis.setLowerBound(b[0]);
        xAxis.setUpperBound(b[1]);
        xAxis.setTickUnit(b[2]);
    }

    private void appendBatches(List<BatchPoint> points) {
        boolean log = vm.logScaleProperty().get();
        double k = vm.smoothingProperty().get();
        List<XYChart.Data<Number, Number>> raw = new ArrayList<>(points.size());
        List<XYChart.Data<Number, Number>> sm = new ArrayList<>(points.size());
        for (BatchPoint p : points) {
            double y = plotted(p.loss(), log);
            if (Double.isNaN(y)) {
                continue;
            }
            smoothed = ema(smoothed, y, k);
            raw.add(new XYChart.Data<>(p.x(), y));
            sm.add(new XYChart.Data<>(p.x(), smoothed));
        }
        batchRaw.getData().addAll(raw);
        batchSmooth.getData().addAll(sm);
    }

    private void redrawBatches() {
        smoothed = Double.NaN;
        batchRaw.getData().clear();
        batchSmooth.getData().clear();
        appendBatches(List.copyOf(vm.batchPoints()));
    }

    private void redrawEpochs() {
        boolean log = vm.logScaleProperty().get();
        List<EpochMetrics> all = List.copyOf(vm.epochs());
        fill(train, all, EpochMetrics::trainMse, log);
        fill(val, all, EpochMetrics::valMse, log);
        fill(test, all, EpochMetrics::testMse, log);
        best.getData().clear();
        EpochMetrics b = vm.bestEpoch();
        if (b != null) {
            double y = plotted(Double.isNaN(b.valMse()) ? b.testMse() : b.valMse(), log);
            if (!Double.isNaN(y)) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(b.epoch(), y);
                // a ring around the point, in the colour of the legend's "best epoch"
                StackPane marker = new StackPane();
                marker.getStyleClass().add("train-best-marker");
                Tooltip.install(marker, new Tooltip(vm.bestTextProperty().get()));
                d.setNode(marker);
                best.getData().add(d);
            }
        }
    }

    private static void fill(XYChart.Series<Number, Number> series, List<EpochMetrics> all,
            ToDoubleFunction<EpochMetrics> f, boolean log) {
        List<XYChart.Data<Number, Number>> out = new ArrayList<>();
        for (EpochMetrics m : all) {
            double y = plotted(f.applyAsDouble(m), log);
            if (!Double.isNaN(y)) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(m.epoch(), y);
                // a region, not a shape: the chart styles it as its series' symbol
                d.setNode(new StackPane());
                out.add(d);
            }
        }
        series.getData().setAll(out);
    }
}
