package io.latentlab.ui.training;

import io.latentlab.data.MnistData;
import io.latentlab.training.Monitor;
import io.latentlab.training.TrainingConfig;
import io.latentlab.ui.FormFields;
import io.latentlab.ui.training.TrainViewModel.Field;

import java.util.EnumMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The hyperparameter form of the Train view: the typed texts, an inline error per field and
 * the {@link TrainingConfig} they describe (null while anything is invalid).
 */
final class TrainForm {

    private final ResourceBundle strings;
    private final Supplier<MnistData> data;
    private final FormFields<Field> fields;
    private final StringProperty formError = new SimpleStringProperty(this, "formError", "");
    private final StringProperty formWarning = new SimpleStringProperty(this, "formWarning", "");
    private final ReadOnlyObjectWrapper<TrainingConfig> config =
            new ReadOnlyObjectWrapper<>(this, "config");

    /**
     * @param bean owner of the properties
     * @param strings messages
     * @param data the loaded dataset, or null (the subset size is checked against it)
     */
    TrainForm(Object bean, ResourceBundle strings, Supplier<MnistData> data) {
        this.strings = strings;
        this.data = data;
        TrainingConfig d = defaults();
        Map<Field, String> initial = Map.of(Field.ED, fmt(d.encodingDim()),
                Field.LR, fmt(d.learningRate()), Field.WD, fmt(d.weightDecay()),
                Field.BATCH, fmt(d.batchSize()), Field.MAX_EPOCHS, fmt(d.maxEpochs()),
                Field.PATIENCE, fmt(d.patience()), Field.TOLERANCE, fmt(d.tolerance()),
                Field.VAL_FRACTION, fmt(d.valFraction()), Field.SEED, fmt(d.seed()),
                Field.TRAIN_LIMIT, fmt(d.trainLimit()));
        fields = new FormFields<>(Field.class, bean, initial, this::validate);
        validate();
    }

    private static TrainingConfig defaults() {
        return TrainingConfig.defaults(32).withMaxEpochs(TrainViewModel.GUI_MAX_EPOCHS);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    StringProperty value(Field f) {
        return fields.value(f);
    }

    StringProperty error(Field f) {
        return fields.error(f);
    }

    StringProperty formError() {
        return formError;
    }

    StringProperty formWarning() {
        return formWarning;
    }

    ReadOnlyObjectProperty<TrainingConfig> config() {
        return config.getReadOnlyProperty();
    }

    /** Parses every field; sets the errors and the configuration. */
    void validate() {
        Map<Field, Number> parsed = new EnumMap<>(Field.class);
        boolean ok = true;
        for (Field f : Field.values()) {
            String s = fields.text(f);
            try {
                parsed.put(f, f.isInteger() ? (f == Field.SEED ? Long.parseLong(s)
                        : (Number) Integer.parseInt(s)) : Double.parseDouble(s));
                fields.error(f).set("");
            } catch (NumberFormatException e) {
                fields.error(f).set(strings.getString(f.isInteger() ? "error.notInteger"
                        : "error.notNumber"));
                ok = false;
            }
        }
        // each field alone against the defaults, so TrainingConfig's message lands on its field
        for (Map.Entry<Field, Number> e : parsed.entrySet()) {
            try {
                build(Map.of(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                fields.error(e.getKey()).set(ex.getMessage());
                ok = false;
            }
        }
        MnistData d = data.get();
        Number limit = parsed.get(Field.TRAIN_LIMIT);
        if (d != null && limit != null && limit.intValue() > d.train().size()
                && fields.error(Field.TRAIN_LIMIT).get().isEmpty()) {
            fields.error(Field.TRAIN_LIMIT).set(String.format(strings.getString("error.trainLimit"),
                    d.train().size()));
            ok = false;
        }
        formError.set("");
        formWarning.set("");
        if (!ok) {
            config.set(null);
            return;
        }
        try {
            config.set(build(parsed));
            formWarning.set(warning(config.get()));
        } catch (IllegalArgumentException ex) {
            formError.set(ex.getMessage());
            config.set(null);
        }
    }

    /** A valid setting that will not do what it seems to, or "". */
    private String warning(TrainingConfig c) {
        // early stopping looks back over its window: a run no longer than it never stops early
        if (c.patience() > 0 && c.patience() >= c.maxEpochs()) {
            return String.format(strings.getString("warning.patience"), c.patience(),
                    c.maxEpochs(), c.maxEpochs());
        }
        return "";
    }

    /**
     * Builds a configuration from GUI defaults with some values replaced. Without a validation
     * split the test loss is monitored, as in the original study.
     */
    static TrainingConfig build(Map<Field, Number> v) {
        TrainingConfig d = defaults();
        double val = num(v, Field.VAL_FRACTION, d.valFraction()).doubleValue();
        return d.toBuilder()
                .encodingDim(num(v, Field.ED, d.encodingDim()).intValue())
                .learningRate(num(v, Field.LR, d.learningRate()).doubleValue())
                .weightDecay(num(v, Field.WD, d.weightDecay()).doubleValue())
                .batchSize(num(v, Field.BATCH, d.batchSize()).intValue())
                .maxEpochs(num(v, Field.MAX_EPOCHS, d.maxEpochs()).intValue())
                .patience(num(v, Field.PATIENCE, d.patience()).intValue())
                .tolerance(num(v, Field.TOLERANCE, d.tolerance()).doubleValue())
                .seed(num(v, Field.SEED, d.seed()).longValue())
                .trainLimit(num(v, Field.TRAIN_LIMIT, d.trainLimit()).intValue())
                .valFraction(val)
                .monitor(val > 0 ? Monitor.VALIDATION : Monitor.TEST)
                .build();
    }

    private static Number num(Map<Field, Number> v, Field f, Number fallback) {
        Number n = v.get(f);
        return n == null ? fallback : n;
    }
}
