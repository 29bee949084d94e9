package io.latentlab.ui.study.grid;

import io.latentlab.data.MnistData;
import io.latentlab.data.Seeds;
import io.latentlab.study.GridSearch;
import io.latentlab.study.LocalTrialWorkers;
import io.latentlab.ui.FormFields;
import io.latentlab.ui.study.common.StudyText;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The grid search form: its fields as typed, an inline error per field, and the
 * {@link GridSearch.Options} they describe while valid. Validated on every change and when the
 * dataset arrives (the training-digit limits depend on it). FX thread only.
 */
public final class GridForm {

    /** Fields of the form. */
    public enum Field {
        /** Encoding dimension. */ ED,
        /** Learning rates, comma separated. */ LRS,
        /** Weight decays, comma separated. */ WDS,
        /** Folds. */ FOLDS,
        /** Epochs per fit. */ EPOCHS,
        /** Batch size. */ BATCH,
        /** Training subset size (0 = all). */ TRAIN_LIMIT,
        /** Seed. */ SEED,
        /** Max final validation loss. */ MAX_LOSS,
        /** Oscillation threshold. */ OSCILLATION,
        /** Margin below the mean-image baseline. */ BASELINE_MARGIN,
        /** Fits trained side by side (not part of the search's options: the numbers differ
         *  only by float rounding when a fit's share of the cores changes). */ WORKERS
    }

    /** Most fits side by side the form takes. */
    public static final int MAX_WORKERS = 64;

    private final ObservableValue<MnistData> data;
    private final FormFields<Field> fields;
    private final StringProperty formError = new SimpleStringProperty(this, "formError", "");
    private final ReadOnlyObjectWrapper<GridSearch.Options> options =
            new ReadOnlyObjectWrapper<>(this, "options");

    /** @param data the dataset, null while loading */
    public GridForm(ObservableValue<MnistData> data) {
        this.data = data;
        Map<Field, String> initial = new EnumMap<>(Field.class);
        initial.put(Field.ED, "32");
        initial.put(Field.LRS, "1e-2, 1e-3, 1e-4");
        initial.put(Field.WDS, "1e-3, 1e-4, 1e-5");
        initial.put(Field.FOLDS, "3");
        initial.put(Field.EPOCHS, "5");
        initial.put(Field.BATCH, "1000");
        initial.put(Field.TRAIN_LIMIT, "6000");
        initial.put(Field.SEED, Long.toString(Seeds.DEFAULT));
        initial.put(Field.MAX_LOSS, "0.1");
        initial.put(Field.OSCILLATION, "0.25");
        initial.put(Field.BASELINE_MARGIN, GridSearch.num(
                GridSearch.Options.DEFAULT_BASELINE_MARGIN));
        initial.put(Field.WORKERS, Integer.toString(LocalTrialWorkers.defaultWorkers(
                Runtime.getRuntime().availableProcessors())));
        fields = new FormFields<>(Field.class, this, initial, this::validate);
        data.addListener((o, a, b) -> validate());
        validate();
    }

    /** @param f a field @return its text as typed */
    public StringProperty valueProperty(Field f) {
        return fields.value(f);
    }

    /** @param f a field @return why its value is invalid, or "" */
    public StringProperty errorProperty(Field f) {
        return fields.error(f);
    }

    /** @return an error involving several fields, or "" */
    public StringProperty formErrorProperty() {
        return formError;
    }

    /** @return fits to train side by side, as typed when valid, else the default */
    public int workers() {
        try {
            int n = Integer.parseInt(fields.text(Field.WORKERS).trim());
            if (n >= 1 && n <= MAX_WORKERS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the field shows its error; Run is off while the form is invalid
        }
        return LocalTrialWorkers.defaultWorkers(Runtime.getRuntime().availableProcessors());
    }

    /** @return the options the form describes, null while invalid */
    public ReadOnlyObjectProperty<GridSearch.Options> optionsProperty() {
        return options.getReadOnlyProperty();
    }

    /**
     * Puts options into the form (a search opened from a file), so Run would repeat it.
     *
     * @param o the options
     */
    public void show(GridSearch.Options o) {
        valueProperty(Field.ED).set(Integer.toString(o.encodingDim()));
        valueProperty(Field.LRS).set(joinNumbers(o.learningRates()));
        valueProperty(Field.WDS).set(joinNumbers(o.weightDecays()));
        valueProperty(Field.FOLDS).set(Integer.toString(o.folds()));
        valueProperty(Field.EPOCHS).set(Integer.toString(o.epochs()));
        valueProperty(Field.BATCH).set(Integer.toString(o.batchSize()));
        valueProperty(Field.TRAIN_LIMIT).set(Integer.toString(o.trainLimit()));
        valueProperty(Field.SEED).set(Long.toString(o.seed()));
        valueProperty(Field.MAX_LOSS).set(GridSearch.num(o.maxLoss()));
        valueProperty(Field.OSCILLATION).set(GridSearch.num(o.oscillation()));
        valueProperty(Field.BASELINE_MARGIN).set(GridSearch.num(o.baselineMargin()));
    }

    /**
     * Parses a list of numbers separated by commas, semicolons or spaces.
     *
     * @param text the text
     * @return the numbers
     * @throws NumberFormatException if a part is not a number or there is none
     */
    public static List<Double> parseList(String text) {
        List<Double> out = new ArrayList<>();
        for (String part : (text == null ? "" : text).trim().split("[,;\\s]+")) {
            if (!part.isEmpty()) {
                out.add(Double.parseDouble(part));
            }
        }
        if (out.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        return out;
    }

    private static String joinNumbers(List<Double> values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(GridSearch.num(v));
        }
        return String.join(", ", parts);
    }

    private void validate() {
        Map<Field, Object> parsed = new EnumMap<>(Field.class);
        boolean ok = true;
        for (Field f : Field.values()) {
            String err;
            try {
                Object v = switch (f) {
                    case LRS, WDS -> parseList(fields.text(f));
                    case SEED -> Long.parseLong(fields.text(f));
                    case MAX_LOSS, OSCILLATION, BASELINE_MARGIN ->
                            Double.parseDouble(fields.text(f));
                    default -> Integer.parseInt(fields.text(f));
                };
                parsed.put(f, v);
                err = check(f, v);
            } catch (NumberFormatException e) {
                err = StudyText.get(switch (f) {
                    case LRS, WDS -> "error.notList";
                    case MAX_LOSS, OSCILLATION, BASELINE_MARGIN -> "error.notNumber";
                    default -> "error.notInteger";
                });
            }
            fields.error(f).set(err);
            ok &= err.isEmpty();
        }
        formError.set("");
        if (ok) {
            ok = fitsTheData((Integer) parsed.get(Field.TRAIN_LIMIT),
                    (Integer) parsed.get(Field.FOLDS));
        }
        if (!ok) {
            options.set(null);
            return;
        }
        try {
            @SuppressWarnings("unchecked")
            List<Double> lrs = (List<Double>) parsed.get(Field.LRS);
            @SuppressWarnings("unchecked")
            List<Double> wds = (List<Double>) parsed.get(Field.WDS);
            options.set(GridSearch.Options.builder((Integer) parsed.get(Field.ED))
                    .learningRates(lrs).weightDecays(wds)
                    .folds((Integer) parsed.get(Field.FOLDS))
                    .epochs((Integer) parsed.get(Field.EPOCHS))
                    .batchSize((Integer) parsed.get(Field.BATCH))
                    .seed((Long) parsed.get(Field.SEED))
                    .trainLimit((Integer) parsed.get(Field.TRAIN_LIMIT))
                    .maxLoss((Double) parsed.get(Field.MAX_LOSS))
                    .oscillation((Double) parsed.get(Field.OSCILLATION))
                    .baselineMargin((Double) parsed.get(Field.BASELINE_MARGIN))
                    .build());
        } catch (IllegalArgumentException e) {
            formError.set(e.getMessage());
            options.set(null);
        }
    }

    /** The limits that depend on the loaded training set; true while there is none yet. */
    private boolean fitsTheData(int limit, int folds) {
        MnistData d = data.getValue();
        if (d == null) {
            return true;
        }
        int size = d.train().size();
        if (limit > size) {
            fields.error(Field.TRAIN_LIMIT).set(StudyText.format("error.trainLimit", size));
            return false;
        }
        int pool = limit == 0 ? size : limit;
        if (folds > pool) {
            fields.error(Field.FOLDS).set(StudyText.format("error.folds", pool));
            return false;
        }
        return true;
    }

    /** The rules of one field alone; "" when fine. */
    @SuppressWarnings("unchecked")
    private static String check(Field f, Object v) {
        return switch (f) {
            case ED -> (Integer) v >= 1 && (Integer) v <= 4096 ? ""
                    : StudyText.format("error.range", 1, 4096);
            case FOLDS -> (Integer) v >= 2 ? "" : StudyText.get("error.folds2");
            case EPOCHS, BATCH -> (Integer) v >= 1 ? "" : StudyText.get("error.positive");
            case TRAIN_LIMIT -> (Integer) v >= 0 ? "" : StudyText.get("error.nonNegative");
            case SEED -> "";
            case WORKERS -> (Integer) v >= 1 && (Integer) v <= MAX_WORKERS ? ""
                    : StudyText.format("error.range", 1, MAX_WORKERS);
            case MAX_LOSS, OSCILLATION -> (Double) v > 0 && Double.isFinite((Double) v) ? ""
                    : StudyText.get("error.positive");
            case BASELINE_MARGIN -> (Double) v < 1 && Double.isFinite((Double) v) ? ""
                    : StudyText.get("error.margin");
            case LRS -> ((List<Double>) v).stream().allMatch(x -> x > 0 && x <= 10) ? ""
                    : StudyText.get("error.lr");
            case WDS -> ((List<Double>) v).stream().allMatch(x -> x >= 0 && x <= 1) ? ""
                    : StudyText.get("error.wd");
        };
    }
}
