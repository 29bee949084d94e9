package io.latentlab.ui.study.ed;

import io.latentlab.model.AtomicFiles;
import io.latentlab.model.ModelMetadata;
import io.latentlab.study.Csv;
import io.latentlab.study.StudyReference;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.study.common.StudyFormat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The encoding-dimension tab: the available models from their checkpoint metadata (no engine
 * work), their test MSE per ED and the study's published result next to it. Needs no FX
 * toolkit.
 */
public final class EncodingDimViewModel {

    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(EncodingDimViewModel.class);

    /**
     * One row of the models table.
     *
     * @param name display name
     * @param ed encoding dimension
     * @param testMse test MSE (NaN if unknown)
     * @param valMse validation MSE (NaN if unknown)
     * @param epochs epochs trained ("" if unknown)
     * @param bestEpoch best epoch ("" if unknown)
     * @param earlyStopped "yes", "no" or ""
     */
    public record ModelRow(String name, int ed, double testMse, double valMse, String epochs,
            String bestEpoch, String earlyStopped) {

        /** @return the study's published test MSE at this ED, NaN when it gives none */
        public double studyTestMse() {
            return StudyReference.testMseOrNaN(ed);
        }

        static ModelRow of(ActiveModel m) {
            ModelMetadata md = m.metadata();
            String es = md.get("early_stopped");
            return new ModelRow(m.name(), md.encodingDim(), md.getDouble("test_mse"),
                    md.getDouble("val_mse"), orEmpty(md.get("epochs")),
                    orEmpty(md.get("best_epoch")),
                    es == null ? "" : Boolean.parseBoolean(es) ? "yes" : "no");
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }
    }

    private final AppContext ctx;
    private final ObservableList<ModelRow> rows = FXCollections.observableArrayList();

    /** @param ctx shared services */
    public EncodingDimViewModel(AppContext ctx) {
        this.ctx = ctx;
        ctx.sortedModels().addListener((ListChangeListener<ActiveModel>) c -> modelsChanged());
        modelsChanged();
    }

    private void modelsChanged() {
        List<ModelRow> out = new ArrayList<>();
        for (ActiveModel m : ctx.sortedModels()) {
            try {
                out.add(ModelRow.of(m));
            } catch (RuntimeException e) {
                LOG.debug("model without a readable ED: {}", m.name());
            }
        }
        rows.setAll(out);
    }

    /** @return the available models, sorted by ED */
    public ObservableList<ModelRow> modelRows() {
        return rows;
    }

    /**
     * The best (lowest) known test MSE per ED, for the "test MSE vs ED" chart.
     *
     * @return ED to test MSE, ascending ED; models without a test MSE are left out
     */
    public Map<Integer, Double> testMseByEd() {
        Map<Integer, Double> out = new TreeMap<>();
        for (ModelRow r : rows) {
            if (Double.isFinite(r.testMse())) {
                out.merge(r.ed(), r.testMse(), Math::min);
            }
        }
        return out;
    }

    /**
     * The study's published test MSE at the EDs of {@link #testMseByEd()} that it gives one
     * for, drawn next to them (only there, so a category axis keeps the EDs in order).
     *
     * @return ED to the study's test MSE, ascending ED
     */
    public Map<Integer, Double> studyTestMseByEd() {
        Map<Integer, Double> out = new TreeMap<>();
        for (int ed : testMseByEd().keySet()) {
            StudyReference.testMse(ed).ifPresent(v -> out.put(ed, v));
        }
        return out;
    }

    /** @return the models table as CSV */
    public String modelsCsv() {
        StringBuilder b = new StringBuilder(Csv.row("name", "ed", "test_mse", "val_mse", "epochs",
                "best_epoch", "early_stopped", "study_test_mse"));
        for (ModelRow r : rows) {
            b.append(Csv.row(r.name(), Integer.toString(r.ed()), StudyFormat.csv(r.testMse()),
                    StudyFormat.csv(r.valMse()), r.epochs(), r.bestEpoch(), r.earlyStopped(),
                    StudyFormat.csv(r.studyTestMse())));
        }
        return b.toString();
    }

    /**
     * @param file where to write {@link #modelsCsv()}, atomically
     * @throws IOException on failure
     */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeString(file, modelsCsv());
    }
}
