package io.latentlab.ui;

import io.latentlab.ui.common.Styles;

import java.util.EnumMap;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;

/**
 * The text fields of a form and their inline error messages, keyed by an enum: what the
 * Train and Study forms share. FX thread only.
 *
 * @param <F> the form's field enum
 */
public final class FormFields<F extends Enum<F>> {

    private final Map<F, StringProperty> values;
    private final Map<F, StringProperty> errors;

    /**
     * @param type the field enum
     * @param bean owner of the properties
     * @param initial initial text per field (missing = empty)
     * @param onChange called after any value changes (typically: validate the form)
     */
    public FormFields(Class<F> type, Object bean, Map<F, String> initial, Runnable onChange) {
        values = new EnumMap<>(type);
        errors = new EnumMap<>(type);
        for (F f : type.getEnumConstants()) {
            StringProperty p = new SimpleStringProperty(bean, f.name(), initial.getOrDefault(f, ""));
            p.addListener((o, a, b) -> onChange.run());
            values.put(f, p);
            errors.put(f, new SimpleStringProperty(bean, f.name() + "Error", ""));
        }
    }

    /**
     * @param f a field
     * @return its text as typed
     */
    public StringProperty value(F f) {
        return values.get(f);
    }

    /**
     * @param f a field
     * @return its text, trimmed, never null
     */
    public String text(F f) {
        String s = values.get(f).get();
        return s == null ? "" : s.trim();
    }

    /**
     * @param f a field
     * @return why its value is invalid, or ""
     */
    public StringProperty error(F f) {
        return errors.get(f);
    }

    /**
     * Adds a labelled field with its inline error below it (shown only when there is one; the
     * field gets a red border then).
     *
     * @param grid the form
     * @param row first free row
     * @param label the field's label
     * @param field the input
     * @param error the field's error text
     * @param errorId id of the error label (for tests)
     * @param errorWidth wrap width of the error text
     * @return the next free row
     */
    public static int addRow(GridPane grid, int row, Label label, TextInputControl field,
            StringProperty error, String errorId, double errorWidth) {
        label.setLabelFor(field);
        Label message = new Label();
        message.setId(errorId);
        message.getStyleClass().add(Styles.ERROR);
        message.setWrapText(true);
        message.setMaxWidth(errorWidth);
        message.textProperty().bind(error);
        message.visibleProperty().bind(error.isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        field.styleProperty().bind(Bindings.when(error.isNotEmpty())
                .then("-fx-border-color: #d32f2f;").otherwise(""));
        grid.add(label, 0, row);
        grid.add(field, 1, row);
        grid.add(message, 1, row + 1);
        return row + 2;
    }
}
