package io.latentlab.ui.study.grid;

import io.latentlab.study.GridSearch;
import io.latentlab.ui.common.ColorScale;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.study.common.StudyFormat;
import io.latentlab.ui.study.common.StudyText;
import io.latentlab.ui.study.grid.GridSearchViewModel.HeatCell;
import io.latentlab.ui.study.grid.GridSearchViewModel.MseRange;

import java.util.List;
import java.util.Locale;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * Mean validation MSE per (LR, WD) as a grid of cells, green (best) to red (worst), discarded
 * settings grey, the winner framed; a click selects a setting. Each cell's user data is its
 * {@link HeatCell}. {@link #legend} is its colour scale.
 */
final class HeatMap extends GridPane {

    /** Colour of a discarded setting's cell. */
    private static final String DISCARDED = "#9e9e9e";

    private final GridSearchViewModel vm;

    HeatMap(GridSearchViewModel vm) {
        this.vm = vm;
        setId("study-heatmap");
        setHgap(2);
        setVgap(2);
        // in a narrow window the curves beside it give way, not the map's labels
        setMinWidth(USE_PREF_SIZE);
        // the cells are published before the result, so the result's change redraws
        vm.resultProperty().addListener((o, a, b) -> rebuild());
        vm.selectedProperty().addListener((o, a, b) -> showSelection());
    }

    private void rebuild() {
        getChildren().clear();
        GridSearch.Result r = vm.resultProperty().get();
        if (r == null) {
            return;
        }
        List<Double> lrs = r.options().learningRates();
        List<Double> wds = r.options().weightDecays();
        Label corner = new Label(StudyText.get("heat.lr") + " \\ " + StudyText.get("heat.wd"));
        corner.getStyleClass().add(Styles.SMALL);
        add(corner, 0, 0);
        for (int j = 0; j < wds.size(); j++) {
            add(header(StudyFormat.plain(wds.get(j))), j + 1, 0);
        }
        for (int i = 0; i < lrs.size(); i++) {
            add(new Label(StudyFormat.plain(lrs.get(i))), 0, i + 1);
        }
        for (HeatCell c : vm.heatCells()) {
            add(cell(c, r), c.col() + 1, c.row() + 1);
        }
        showSelection();
    }

    private static Label header(String text) {
        Label h = new Label(text);
        h.setMaxWidth(Double.MAX_VALUE);
        h.setAlignment(Pos.CENTER);
        return h;
    }

    private Label cell(HeatCell c, GridSearch.Result r) {
        GridSearch.SettingResult setting = c.setting();
        Label cell = new Label(StudyFormat.mse(setting.meanValMse()));
        cell.setId("study-heat-" + c.row() + "-" + c.col());
        cell.getStyleClass().add("study-heat-cell");
        if (setting.discarded()) {
            cell.getStyleClass().add(Styles.HEAT_DISCARDED);
        }
        if (c.best()) {
            cell.getStyleClass().add(Styles.HEAT_BEST);
        }
        // the value's colour is data, not style: computed here, borders and text in the CSS
        cell.setBackground(new Background(new BackgroundFill(colour(c), null, null)));
        cell.setUserData(c);
        cell.setMinSize(86, 40);
        cell.setPrefSize(96, 44);
        cell.setAlignment(Pos.CENTER);
        String tip = setting.discarded()
                ? setting.label() + "\n" + StudyText.format("heat.discarded", setting.reason())
                : String.format(Locale.ROOT, StudyText.get("heat.kept"), setting.label(),
                        setting.meanValMse(), setting.meanGap(), r.rank(setting));
        Tooltip t = new Tooltip(tip);
        t.setWrapText(true);
        t.setMaxWidth(360);
        t.setShowDelay(Duration.millis(200));
        cell.setTooltip(t);
        cell.setOnMouseClicked(e -> vm.selectedProperty().set(setting));
        return cell;
    }

    private void showSelection() {
        GridSearch.SettingResult sel = vm.selectedProperty().get();
        for (Node n : getChildren()) {
            if (n.getUserData() instanceof HeatCell c) {
                n.pseudoClassStateChanged(Styles.SELECTED, c.setting() == sel);
            }
        }
    }

    /**
     * @param shade 0 (best) .. 1 (worst)
     * @return green (best) to red (worst) through yellow
     */
    static Color colour(double shade) {
        return Color.hsb(120 * (1 - shade), 0.55, 0.9);
    }

    /**
     * @param vm the tab's view model
     * @return the map's colour scale: the kept settings' lowest and highest mean validation
     *     MSE at the ends of the bar, hidden while there is none
     */
    static ColorScale legend(GridSearchViewModel vm) {
        ColorScale scale = new ColorScale("study-heat-scale", HeatMap::colour, 150, 12);
        Rectangle grey = new Rectangle(12, 12, Color.web(DISCARDED));
        Label discarded = new Label(StudyText.get("heat.discardedKey"), grey);
        discarded.setId("study-heat-scale-discarded");
        discarded.getStyleClass().add("color-scale-label");
        discarded.setMinWidth(Region.USE_PREF_SIZE);
        scale.addKey(discarded);
        Runnable show = () -> {
            MseRange r = vm.rangeProperty().get();
            GridSearch.Result result = vm.resultProperty().get();
            scale.setVisible(r != null);
            discarded.setVisible(result != null
                    && result.ranking().size() < result.settings().size());
            if (r != null) {
                scale.show(StudyText.get("heat.scale"), StudyFormat.mse(r.min()),
                        StudyFormat.mse(r.max()));
            }
        };
        // the range is set before the result: redraw on the result, as the map does
        vm.resultProperty().addListener((o, a, b) -> show.run());
        show.run();
        return scale;
    }

    /** Grey when discarded, else green (best) to red (worst) through yellow. */
    private static Color colour(HeatCell c) {
        return c.setting().discarded() ? Color.web(DISCARDED) : colour(c.shade());
    }
}
