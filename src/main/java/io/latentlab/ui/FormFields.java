package io.latentlab.ui;

import java.util.EnumMap;
import java.util.Map;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

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
}
