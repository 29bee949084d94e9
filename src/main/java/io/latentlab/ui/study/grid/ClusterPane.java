package io.latentlab.ui.study.grid;

import io.latentlab.ui.common.FxTicker;
import io.latentlab.ui.common.Styles;
import io.latentlab.ui.study.common.StudyText;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The grid tab's cluster section (collapsed until opened): where to join, Connect/Leave, the
 * members and what each trains (read every second while connected), and the plain warning
 * that the engine has no authentication.
 */
final class ClusterPane extends TitledPane {

    private static final double WIDTH = 260;

    ClusterPane(ClusterViewModel vm, GridForm form) {
        setText(StudyText.get("cluster.title"));
        setId("study-grid-cluster");
        setExpanded(false);
        GridPane fields = new GridPane();
        fields.setHgap(6);
        fields.setVgap(4);
        int row = 0;
        for (String key : new String[] {"join", "bind", "name"}) {
            TextField text = new TextField();
            text.setId("study-cluster-" + key);
            text.setPrefColumnCount(9);
            text.textProperty().bindBidirectional(switch (key) {
                case "join" -> vm.joinProperty();
                case "bind" -> vm.bindProperty();
                default -> vm.nameProperty();
            });
            text.disableProperty().bind(vm.connectionProperty().isNotNull().or(vm.busyProperty()));
            Label label = new Label(StudyText.get("cluster." + key));
            // the names stay whole; the fields give way
            label.setMinWidth(Region.USE_PREF_SIZE);
            Tooltip tip = new Tooltip(StudyText.get("cluster." + key + ".tip"));
            tip.setWrapText(true);
            tip.setMaxWidth(360);
            text.setTooltip(tip);
            label.setTooltip(tip);
            fields.addRow(row++, label, text);
        }
        Button connect = new Button();
        connect.setId("study-cluster-connect");
        connect.textProperty().bind(Bindings.when(vm.connectionProperty().isNull())
                .then(StudyText.get("cluster.connect")).otherwise(StudyText.get("cluster.leave")));
        connect.disableProperty().bind(vm.busyProperty().or(vm.searchingProperty()));
        connect.setOnAction(e -> {
            if (vm.connectionProperty().get() == null) {
                vm.connect(form.workers());
            } else {
                vm.leave();
            }
        });
        Label message = wrapped(new Label());
        message.textProperty().bind(vm.messageProperty());
        Label error = wrapped(new Label());
        error.getStyleClass().add(Styles.ERROR);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox members = new VBox(2);
        members.setId("study-cluster-members");
        vm.members().addListener((ListChangeListener<String>) c -> members.getChildren().setAll(
                vm.members().stream().map(t -> wrapped(new Label(t))).toList()));
        Label warning = wrapped(new Label(StudyText.get("cluster.warning")));
        warning.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        VBox box = new VBox(6, fields, connect, message, error, members, warning);
        box.setPadding(new Insets(4));
        setContent(box);
        // the members and their fits, every second while connected and shown
        FxTicker ticker = new FxTicker(1000, vm::refresh);
        vm.connectionProperty().addListener((o, a, conn) -> {
            if (conn != null) {
                ticker.start();
            } else {
                ticker.stop();
            }
        });
    }

    private static Label wrapped(Label l) {
        l.setWrapText(true);
        l.setMaxWidth(WIDTH);
        return l;
    }
}
