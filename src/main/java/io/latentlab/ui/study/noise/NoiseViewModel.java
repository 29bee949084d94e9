package io.latentlab.ui.study.noise;

import io.latentlab.data.MnistData;
import io.latentlab.data.Seeds;
import io.latentlab.report.Charts;
import io.latentlab.service.StudyService;
import io.latentlab.study.NoiseTable;
import io.latentlab.study.ReconstructionGrid;
import io.latentlab.study.StudyReference;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.JobContext;
import io.latentlab.ui.jobs.LatestWins;
import io.latentlab.ui.study.common.ModelChoice;
import io.latentlab.ui.study.common.StudyFormat;
import io.latentlab.ui.study.common.StudyText;
import io.latentlab.ui.study.common.TabStatus;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The noise robustness tab: the noise table of the chosen models (the study's 8 noise rows,
 * occlusion read two ways, with the study's values beside them, plus a Gaussian sigma series
 * 0..2) and, per model, a grid of the first digits under each noise with their
 * reconstructions. One stepped engine job, a model per step, then the grids; the grid images
 * are drawn by a worker job. A cancelled or failed run publishes nothing. Needs no FX toolkit.
 */
public final class NoiseViewModel {

    /** Default test digits: the first 2000, fast enough for the GUI. */
    public static final String DEFAULT_LIMIT = "2000";
    /** Test digits in each reconstruction grid. */
    public static final int GRID_DIGITS = 8;
    /** Scale of the grid images (2 = 56 px per digit). */
    static final int GRID_SCALE = 2;

    private final AppContext ctx;
    private final ModelChoice models;
    private final TabStatus status;
    private final LatestWins drawing;
    private final StringProperty limit = new SimpleStringProperty(this, "limit", DEFAULT_LIMIT);
    private final StringProperty seed = new SimpleStringProperty(this, "seed",
            Long.toString(Seeds.DEFAULT));
    private final BooleanProperty clip = new SimpleBooleanProperty(this, "clip", false);
    private final StringProperty inputError = new SimpleStringProperty(this, "inputError", "");
    private final BooleanBinding canRun;
    private final ReadOnlyObjectWrapper<NoiseTable> table =
            new ReadOnlyObjectWrapper<>(this, "table");
    private final ObservableList<ReconstructionGrid> grids = FXCollections.observableArrayList();
    private final ObservableList<BufferedImage> gridImages = FXCollections.observableArrayList();

    /** What the job computes. */
    private record Result(NoiseTable table, List<ReconstructionGrid> grids) {}

    /** @param ctx shared services */
    public NoiseViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.models = new ModelChoice(ctx.models(), ctx.sortedModels());
        this.status = new TabStatus(ctx.jobs());
        this.drawing = new LatestWins(ctx.jobs());
        limit.addListener((o, a, b) -> validate());
        seed.addListener((o, a, b) -> validate());
        canRun = Bindings.createBooleanBinding(() -> !status.activeProperty().get()
                && !models.chosen().isEmpty() && inputError.get().isEmpty()
                && ctx.dataProperty().get() != null, status.activeProperty(), models.chosen(),
                inputError, ctx.dataProperty());
        validate();
    }

    /**
     * @param text "all" (or empty) or a positive number
     * @return the limit, 0 for all
     * @throws NumberFormatException if invalid
     */
    public static int parseLimit(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("all")) {
            return 0;
        }
        int v = Integer.parseInt(s);
        if (v < 1) {
            throw new NumberFormatException("must be positive");
        }
        return v;
    }

    private void validate() {
        try {
            parseLimit(limit.get());
        } catch (NumberFormatException e) {
            inputError.set(StudyText.get("error.limit"));
            return;
        }
        try {
            Long.parseLong(seed.get().trim());
        } catch (NumberFormatException | NullPointerException e) {
            inputError.set(StudyText.get("error.seed"));
            return;
        }
        inputError.set("");
    }

    /**
     * Computes the noise table and the reconstruction grids of the chosen models. Does nothing
     * unless {@link #canRunProperty}.
     *
     * @return the job, or null when nothing started
     */
    public Job<?> run() {
        if (!canRun.get()) {
            return null;
        }
        MnistData data = ctx.dataProperty().get();
        int n = parseLimit(limit.get());
        long s = Long.parseLong(seed.get().trim());
        boolean c = clip.get();
        List<ActiveModel> chosen = List.copyOf(models.chosen());
        double[] sigmas = NoiseTable.sigmaGrid(2, 0.1);
        int perModel = StudyService.noiseColumnSteps(sigmas);
        table.set(null);
        grids.clear();
        gridImages.clear();
        drawing.cancelAll();
        Job<Result> job = Job.steps(StudyText.format("job.noise", chosen.size()),
                new Job.Steps<Result>() {
                    private final List<NoiseTable> columns = new ArrayList<>();
                    private final List<ReconstructionGrid> pictures = new ArrayList<>();

                    @Override
                    public boolean step(JobContext j) {
                        j.checkCancelled();
                        int m = columns.size();
                        if (m < chosen.size()) {
                            ActiveModel model = chosen.get(m);
                            j.message(StudyText.format("progress.noise", m + 1, chosen.size(),
                                    model.name()));
                            columns.add(StudyService.noiseColumn(model.name(), model.model(),
                                    data.test(), n, s, c, sigmas, (done, total) -> {
                                        j.progress(m * perModel + done,
                                                (chosen.size() + 1.0) * perModel);
                                        j.checkCancelled();
                                    }));
                            return true;
                        }
                        // the study's figure: the same noisy digits as the table, reconstructed
                        j.message(StudyText.get("progress.grids"));
                        for (ActiveModel model : chosen) {
                            pictures.add(StudyService.reconstructionGrid(model.name(),
                                    model.model(), data.test(),
                                    Math.min(GRID_DIGITS, data.test().size()), s, c));
                        }
                        return false;
                    }

                    @Override
                    public Result result() {
                        return new Result(StudyService.merge(columns), List.copyOf(pictures));
                    }
                });
        job.onSuccess(r -> {
            status.finishedIn("job.noiseDone");
            table.set(r.table());
            grids.setAll(r.grids());
            draw(r.grids());
        }).onCancelled(status::cancelled).onFailure(status::failed);
        return status.submit(job);
    }

    /** Draws each model's grid as an image (inputs above reconstructions), on a worker. */
    private void draw(List<ReconstructionGrid> list) {
        drawing.submit("grids", Job.onWorker(StudyText.get("job.drawGrids"), j -> {
            List<BufferedImage> out = new ArrayList<>();
            for (ReconstructionGrid g : list) {
                j.checkCancelled();
                out.add(Charts.reconstructionGrid(g, g.label(), GRID_SCALE));
            }
            return out;
        }).visible(false).onSuccess(gridImages::setAll).onFailure(status::showError));
    }

    /** Cancels the noise table after the current evaluation; nothing is published. */
    public void cancel() {
        status.cancel();
    }

    /**
     * The noise table as text rows: the noise's label, one MSE per model with 6 decimals (the
     * best, lowest, of each row ends in "*", shown bold), then the study's value for each of
     * {@link #studyEds()}, or {@link StudyFormat#NONE} where it gives none.
     *
     * @param t the table
     * @return the rows
     */
    public static List<List<String>> rows(NoiseTable t) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < t.noises().size(); r++) {
            double[] v = t.mse()[r];
            int best = -1;
            for (int m = 0; m < v.length; m++) {
                if (Double.isFinite(v[m]) && (best < 0 || v[m] < v[best])) {
                    best = m;
                }
            }
            List<String> row = new ArrayList<>();
            row.add(t.noises().get(r).describe());
            for (int m = 0; m < v.length; m++) {
                row.add(StudyFormat.mse(v[m]) + (m == best && v.length > 1 ? "*" : ""));
            }
            for (int ed : studyEds()) {
                OptionalDouble study = StudyReference.noiseMse(t.noises().get(r), ed);
                row.add(study.isPresent() ? StudyFormat.plain(study.getAsDouble())
                        : StudyFormat.NONE);
            }
            rows.add(row);
        }
        return rows;
    }

    /** @return the encoding dimensions of the study's columns after the models' */
    public static List<Integer> studyEds() {
        return StudyReference.noiseTableEds();
    }

    /**
     * Writes the noise table CSV and, next to it, the sigma series CSV (atomically).
     *
     * @param file the table file
     * @throws IOException on failure
     * @throws IllegalStateException if there is no table
     */
    public void writeCsv(Path file) throws IOException {
        NoiseTable t = table.get();
        if (t == null) {
            throw new IllegalStateException("no noise table yet");
        }
        t.write(file);
    }

    /** @return the models to compare */
    public ModelChoice models() {
        return models;
    }

    /** @return this tab's job, progress and message */
    public TabStatus status() {
        return status;
    }

    /** @return whether Run is possible: models chosen, valid settings, data, not running */
    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** @return test digits to use: a number or "all" */
    public StringProperty limitProperty() {
        return limit;
    }

    /** @return the noise seed as text */
    public StringProperty seedProperty() {
        return seed;
    }

    /** @return whether noisy inputs are clamped to [0, 1] */
    public BooleanProperty clipProperty() {
        return clip;
    }

    /** @return why the limit or seed is invalid, or "" */
    public StringProperty inputErrorProperty() {
        return inputError;
    }

    /** @return the latest noise table, or null */
    public ReadOnlyObjectProperty<NoiseTable> tableProperty() {
        return table.getReadOnlyProperty();
    }

    /** @return one reconstruction grid per model of the latest table, in its column order */
    public ObservableList<ReconstructionGrid> grids() {
        return grids;
    }

    /** @return the grids drawn, one image per model, once the worker is done */
    public ObservableList<BufferedImage> gridImages() {
        return gridImages;
    }

    /** @return the context */
    public AppContext context() {
        return ctx;
    }
}
