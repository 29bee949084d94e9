package io.latentlab.ui.study.common;

import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableObjectValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

import org.kordamp.ikonli.javafx.FontIcon;

/** Buttons and table columns as every Study tab makes them. */
public final class StudyControls {

    private StudyControls() {
    }

    /**
     * @param id node id (tests look it up)
     * @param key {@code action.KEY} and {@code action.KEY.tip} in the strings
     * @param icon its icon
     * @param action what it does
     * @return the button
     */
    public static Button button(String id, String key, FontIcon icon, Runnable action) {
        Button b = new Button(StudyText.get("action." + key), icon);
        b.setId(id);
        b.setTooltip(new Tooltip(StudyText.get("action." + key + ".tip")));
        b.setOnAction(e -> action.run());
        return b;
    }

    /**
     * @param key the header's key in the strings
     * @param value the cell text of a row
     * @param <R> row type
     * @return an unsortable text column
     */
    public static <R> TableColumn<R, String> column(String key, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(StudyText.get(key));
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    /**
     * The placeholder of a table computed from checked models: what is missing (data, models),
     * that it is computing, or what to press.
     *
     * @param data the loaded dataset (null while none)
     * @param models the tab's model choice
     * @param status the tab's job state
     * @param idleKey the text's key once everything is there
     * @return the label
     */
    public static Label modelTablePlaceholder(ObservableObjectValue<?> data, ModelChoice models,
            TabStatus status, String idleKey) {
        Label empty = new Label();
        empty.setWrapText(true);
        empty.textProperty().bind(Bindings.when(Bindings.isNull(data))
                .then(StudyText.get("hint.noData"))
                .otherwise(Bindings.when(Bindings.isEmpty(models.all()))
                        .then(StudyText.get("empty.models"))
                        .otherwise(Bindings.when(status.activeProperty())
                                .then(StudyText.get("empty.running"))
                                .otherwise(StudyText.get(idleKey)))));
        return empty;
    }
}
