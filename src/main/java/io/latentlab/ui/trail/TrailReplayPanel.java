package io.latentlab.ui.trail;

import io.latentlab.ui.common.FxTicker;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Play/pause and a slider over the epochs of a replayed trail; shown only while replaying.
 * The slider steps one epoch per arrow key when focused; a whole replay takes about
 * {@link #REPLAY_MILLIS} (at least {@link #MIN_FRAME_MILLIS} an epoch).
 */
public final class TrailReplayPanel extends HBox {

    /** Time a whole replay takes, unless it has very few or very many epochs. */
    static final long REPLAY_MILLIS = 8000;
    static final long MIN_FRAME_MILLIS = 40;
    static final long MAX_FRAME_MILLIS = 400;

    private final TrailReplayViewModel vm;
    private final Slider slider = new Slider(0, 0, 0);
    private final Button play = new Button();
    private FxTicker ticker;

    /**
     * @param vm the player
     * @param idPrefix prefix of the controls' ids ("latent-trail", "train-trail")
     */
    public TrailReplayPanel(TrailReplayViewModel vm, String idPrefix) {
        super(6);
        this.vm = vm;
        setId(idPrefix + "-replay");
        setAlignment(Pos.CENTER_LEFT);
        play.setId(idPrefix + "-play");
        play.setTooltip(new Tooltip(vm.text("trail.play.tooltip")));
        play.setOnAction(e -> vm.togglePlay());
        slider.setId(idPrefix + "-slider");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setTooltip(new Tooltip(vm.text("trail.slider.tooltip")));
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.valueProperty().addListener((o, a, v) -> {
            int i = (int) Math.round(v.doubleValue());
            if (i != vm.indexProperty().get()) {
                vm.step(i - vm.indexProperty().get());
            }
        });
        slider.setOnKeyPressed(e -> {
            // Home and End: the first and the last epoch
            if (e.getCode() == KeyCode.HOME || e.getCode() == KeyCode.END) {
                vm.step(e.getCode() == KeyCode.HOME ? -vm.countProperty().get()
                        : vm.countProperty().get());
                e.consume();
            }
        });
        vm.indexProperty().addListener((o, a, i) -> slider.setValue(i.intValue()));
        vm.countProperty().addListener((o, a, n) -> {
            slider.setMax(Math.max(0, n.intValue() - 1));
            slider.setValue(vm.indexProperty().get());
        });
        vm.playingProperty().addListener((o, a, on) -> playing(on));
        playing(false);
        getChildren().addAll(play, slider);
        visibleProperty().bind(vm.modeProperty().isEqualTo(TrailReplayViewModel.Mode.REPLAY));
        managedProperty().bind(visibleProperty());
    }

    private void playing(boolean on) {
        play.setGraphic(new FontIcon(on ? "mdi2p-pause" : "mdi2p-play"));
        play.setText(null);
        play.getTooltip().setText(vm.text(on ? "trail.pause" : "trail.play.tooltip"));
        if (ticker != null) {
            ticker.stop();
            ticker = null;
        }
        if (on) {
            int n = Math.max(1, vm.countProperty().get());
            long period = Math.max(MIN_FRAME_MILLIS, Math.min(MAX_FRAME_MILLIS, REPLAY_MILLIS / n));
            ticker = new FxTicker(period, vm::tick);
            ticker.start();
        }
    }

    /** @return the slider (tests) */
    public Slider slider() {
        return slider;
    }
}
