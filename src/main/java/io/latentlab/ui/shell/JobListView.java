package io.latentlab.ui.shell;

import io.latentlab.ui.common.Styles;
import io.latentlab.ui.jobs.Job;

import java.util.ResourceBundle;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * Every running job with its progress, message, ETA and Cancel, for the status bar's popover.
 * ControlsFX's {@code TaskProgressView} would fit, but it takes {@code javafx.concurrent.Task}s,
 * which tie the work to the FX toolkit and cannot run on the same-thread executor of the
 * tests; our {@link Job}s are shown by this small list instead.
 */
final class JobListView extends ListView<Job<?>> {

    /**
     * @param vm the running jobs and their ETAs
     * @param s shell strings
     */
    JobListView(StatusViewModel vm, ResourceBundle s) {
        super(vm.running());
        setId("job-list");
        setPrefSize(440, 260);
        setFocusTraversable(false);
        setPlaceholder(new Label(s.getString("status.noJobs")));
        setCellFactory(list -> new JobCell(vm, s));
    }

    /** One job: title; progress bar, ETA and Cancel; message. */
    private static final class JobCell extends ListCell<Job<?>> {
        private final StatusViewModel vm;
        private final Label title = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final Label eta = new Label();
        private final Button cancel = new Button(null, new FontIcon(MaterialDesignC.CLOSE_CIRCLE));
        private final Label message = new Label();
        private final BooleanProperty asked = new SimpleBooleanProperty();
        private final VBox box;

        JobCell(StatusViewModel vm, ResourceBundle s) {
            this.vm = vm;
            title.getStyleClass().add("job-title");
            title.getStyleClass().add(Styles.HEAD);
            bar.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(bar, Priority.ALWAYS);
            eta.getStyleClass().add("job-eta");
            eta.setMinWidth(70);
            cancel.getStyleClass().add("job-cancel");
            cancel.setTooltip(new Tooltip(s.getString("job.cancel")));
            message.getStyleClass().add("job-message");
            message.getStyleClass().add(Styles.MUTED);
            HBox row = new HBox(8, bar, eta, cancel);
            row.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(3, title, row, message);
            box.setPadding(new Insets(2, 0, 2, 0));
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(Job<?> job, boolean empty) {
            super.updateItem(job, empty);
            title.textProperty().unbind();
            bar.progressProperty().unbind();
            eta.textProperty().unbind();
            message.textProperty().unbind();
            cancel.disableProperty().unbind();
            if (empty || job == null) {
                setGraphic(null);
                return;
            }
            title.textProperty().bind(job.titleProperty());
            bar.progressProperty().bind(job.progressProperty());
            eta.textProperty().bind(vm.etaOf(job));
            message.textProperty().bind(job.messageProperty());
            message.visibleProperty().bind(Bindings.isNotEmpty(message.textProperty()));
            message.managedProperty().bind(message.visibleProperty());
            cancel.setVisible(job.isCancellable());
            cancel.setManaged(job.isCancellable());
            asked.set(job.isCancelRequested());
            cancel.disableProperty().bind(asked.or(Bindings.createBooleanBinding(
                    () -> job.stateProperty().get().done(), job.stateProperty())));
            cancel.setOnAction(e -> {
                asked.set(true);
                job.cancel();
            });
            setGraphic(box);
        }
    }
}
