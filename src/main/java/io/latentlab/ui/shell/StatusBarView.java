package io.latentlab.ui.shell;

import io.latentlab.ui.common.FxTicker;
import io.latentlab.ui.common.Styles;

import java.util.ResourceBundle;

import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import org.controlsfx.control.PopOver;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/**
 * The status bar: the newest running job (title, message, progress, ETA, Cancel) and a button
 * ("+2 more") that lists every running job in a popover; while nothing runs, the last job's
 * final message, fading after a few seconds, then "Ready".
 */
final class StatusBarView extends HBox {

    /** How long a final message stays before it fades. */
    static final Duration FINAL_MESSAGE = Duration.seconds(5);

    private final StatusViewModel vm;
    private final Label text = new Label();
    private final Button jobs = new Button();
    private final FxTicker ticker;
    private final SequentialTransition fade;
    private PopOver popOver;

    /**
     * @param vm what runs
     * @param s shell strings
     */
    StatusBarView(StatusViewModel vm, ResourceBundle s) {
        this.vm = vm;
        setId("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        setPadding(new Insets(3, 8, 3, 8));
        getStyleClass().add(Styles.STATUS_BAR);

        text.setId("status-text");
        text.setMinWidth(Region.USE_PREF_SIZE);
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            if (vm.currentProperty().get() != null) {
                return vm.titleProperty().get();
            }
            String last = vm.finalMessageProperty().get();
            return last.isEmpty() ? s.getString("status.ready") : last;
        }, vm.currentProperty(), vm.titleProperty(), vm.finalMessageProperty()));

        Label message = new Label();
        message.setId("status-message");
        message.getStyleClass().add(Styles.MUTED);
        message.textProperty().bind(vm.messageProperty());
        showIf(message, vm.currentProperty().isNotNull().and(vm.messageProperty().isNotEmpty()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        ProgressBar progress = new ProgressBar();
        progress.setId("status-progress");
        progress.setPrefWidth(180);
        // a run reports every batch; a change smaller than a pixel of the bar is not drawn, so
        // the FX thread (and a pulse, and a frame) does not take a core from training for it
        progress.setProgress(vm.progressProperty().get());
        vm.progressProperty().addListener((o, a, p) -> {
            if (visibleChange(progress.getProgress(), p.doubleValue(), progress.getWidth())) {
                progress.setProgress(p.doubleValue());
            }
        });
        showIf(progress, vm.currentProperty().isNotNull());

        Label eta = new Label();
        eta.setId("status-eta");
        eta.textProperty().bind(vm.etaProperty());
        eta.setMinWidth(Region.USE_PREF_SIZE); // never "12 s l…"
        showIf(eta, vm.etaProperty().isNotEmpty());
        // the ETA is text, Cancel a button: more room than between the bar and the ETA
        HBox.setMargin(eta, new Insets(0, 6, 0, 0));

        Button cancel = new Button(null, new FontIcon(MaterialDesignC.CLOSE_CIRCLE));
        cancel.setId("status-cancel");
        cancel.setTooltip(new Tooltip(s.getString("job.cancel")));
        cancel.setOnAction(e -> vm.cancelCurrent());
        showIf(cancel, vm.cancellableProperty());

        jobs.setId("status-jobs");
        jobs.setGraphic(new FontIcon(MaterialDesignF.FORMAT_LIST_BULLETED));
        jobs.setTooltip(new Tooltip(s.getString("status.jobsTip")));
        jobs.textProperty().bind(Bindings.createStringBinding(vm::moreText, vm.moreProperty()));
        jobs.setOnAction(e -> showJobs(s));
        // hidden but still laid out: the bar keeps its height when a job starts or ends, so
        // the views above it are not resized (a relayout of every tab and a redraw of the map)
        jobs.visibleProperty().bind(vm.currentProperty().isNotNull());

        getChildren().addAll(text, message, spacer, progress, eta, cancel, jobs);

        ticker = new FxTicker(1000, () -> vm.tick(System.nanoTime()));
        vm.currentProperty().addListener((o, a, job) -> {
            vm.tick(System.nanoTime());
            if (job == null) {
                ticker.stop();
                if (popOver != null) {
                    popOver.hide();
                }
            } else {
                ticker.start();
            }
        });

        FadeTransition out = new FadeTransition(Duration.millis(600), text);
        out.setToValue(0);
        fade = new SequentialTransition(
                new PauseTransition(FINAL_MESSAGE.subtract(out.getDuration())), out);
        fade.setOnFinished(e -> {
            vm.dismissFinalMessage();
            text.setOpacity(1);
        });
        vm.finalMessageProperty().addListener((o, a, msg) -> {
            fade.stop();
            text.setOpacity(1);
            if (!msg.isEmpty()) {
                fade.playFromStart();
            }
        });
    }

    /**
     * Whether a progress bar {@code width} pixels wide shows {@code now} differently from
     * {@code shown}: a whole pixel or more of change, or a change to or from unknown (negative),
     * empty or full.
     */
    static boolean visibleChange(double shown, double now, double width) {
        if (shown < 0 || now < 0 || now == 0 || now >= 1 || width <= 0) {
            return shown != now;
        }
        return Math.abs(now - shown) * width >= 1;
    }

    private void showJobs(ResourceBundle s) {
        if (popOver == null) {
            popOver = new PopOver(new JobListView(vm, s));
            popOver.setArrowLocation(PopOver.ArrowLocation.BOTTOM_RIGHT);
            popOver.setDetachable(false);
            popOver.setAnimated(false);
        }
        if (popOver.isShowing()) {
            popOver.hide();
        } else {
            popOver.show(jobs);
        }
    }

    private static void showIf(javafx.scene.Node node,
            javafx.beans.value.ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(node.visibleProperty());
    }

    /** @return the popover listing every job, null until first shown */
    PopOver jobsPopOver() {
        return popOver;
    }
}
