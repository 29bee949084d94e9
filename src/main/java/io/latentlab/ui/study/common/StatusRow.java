package io.latentlab.ui.study.common;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/** A tab's status line: progress bar and line of its running job, and the tab's message. */
public final class StatusRow extends HBox {

    /**
     * @param status the tab's status
     * @param idPrefix e.g. {@code study-noise}: ids {@code -progress}, {@code -progress-text},
     *     {@code -status}
     */
    public StatusRow(TabStatus status, String idPrefix) {
        this(status, idPrefix, "error.title");
    }

    /**
     * @param status the status
     * @param idPrefix id prefix of the row's nodes
     * @param errorTitleKey key of the header of the error alert
     */
    public StatusRow(TabStatus status, String idPrefix, String errorTitleKey) {
        super(8);
        ProgressBar bar = new ProgressBar();
        bar.setId(idPrefix + "-progress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(status.progressProperty());
        bar.visibleProperty().bind(status.activeProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label text = new Label();
        text.setId(idPrefix + "-progress-text");
        text.textProperty().bind(status.progressTextProperty());
        Label msg = new Label();
        msg.setId(idPrefix + "-status");
        msg.textProperty().bind(status.messageProperty());
        // the job's title first, then its progress line, as in the status bar
        getChildren().addAll(bar, msg, text);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        status.errorProperty().addListener((o, a, error) -> {
            if (error != null && getScene() != null && getScene().getWindow() != null) {
                Alert alert = new Alert(Alert.AlertType.ERROR, error);
                alert.setHeaderText(StudyText.get(errorTitleKey));
                alert.initOwner(getScene().getWindow());
                alert.show();
            }
        });
    }
}
