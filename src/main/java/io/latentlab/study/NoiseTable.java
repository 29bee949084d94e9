package io.latentlab.study;

import io.latentlab.data.Dataset;
import io.latentlab.data.Noise;
import io.latentlab.model.AtomicFiles;
import io.latentlab.model.Autoencoder;
import io.latentlab.training.Evaluator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Noise robustness of several models, as in the study: the MSE between the reconstruction of a
 * noisy test digit and the clean digit, per noise kind, plus an MSE-versus-sigma series for
 * Gaussian noise. Every model sees exactly the same noisy digits (same seed per image).
 *
 * @param models column labels, one per model
 * @param noises the noise of each row
 * @param mse {@code mse[row][model]}
 * @param sigmas the sigma grid of the series
 * @param sigmaMse {@code sigmaMse[i][model]} for {@code sigmas[i]}
 * @param count test digits evaluated
 * @param seed noise seed
 * @param clip whether the noisy input was clamped to [0, 1]
 */
public record NoiseTable(List<String> models, List<Noise> noises, double[][] mse,
        double[] sigmas, double[][] sigmaMse, int count, long seed, boolean clip) {

    private static final int BATCH = 1000;

    /** Copies the lists. */
    public NoiseTable {
        models = List.copyOf(models);
        noises = List.copyOf(noises);
    }

    /**
     * A model to evaluate.
     *
     * @param label its column label
     * @param model the model (stays owned by the caller)
     */
    public record Entry(String label, Autoencoder model) {}

    /**
     * The study's 8 noise rows (none, Gaussian sigma 0.1, 0.3, 0.5, 1, 2, a random 14x14
     * occlusion, uniform U[0,1)), the occlusion twice: anywhere inside the image, as this app
     * has always measured it, and in one of the four quadrants, the reading closest to the
     * study's numbers (see README).
     *
     * @return the noises, in table order
     */
    public static List<Noise> standardNoises() {
        int side = StudyReference.OCCLUSION_SIZE;
        return List.of(new Noise.None(), new Noise.Gaussian(0.1), new Noise.Gaussian(0.3),
                new Noise.Gaussian(0.5), new Noise.Gaussian(1), new Noise.Gaussian(2),
                Noise.occlusion(side), Noise.occlusion(side, Noise.Occlusion.Placement.QUADRANT),
                new Noise.Uniform());
    }

    /**
     * {@code 0, step, 2 step, ...} up to {@code max} inclusive, each rounded to 9 decimals so
     * that e.g. 0.3 is exactly {@code 0.3}, the same value as the table's row.
     *
     * @param max largest sigma (>= 0)
     * @param step spacing (> 0), or 0 for no series
     * @return the grid
     */
    public static double[] sigmaGrid(double max, double step) {
        if (step == 0) {
            return new double[0];
        }
        if (!(step > 0) || !(max >= 0) || Double.isInfinite(max) || max / step > 10_000) {
            throw new IllegalArgumentException("sigma grid needs max >= 0 and 0 < step, at most "
                    + "10000 points; got max=" + max + ", step=" + step);
        }
        int count = (int) Math.floor(max / step + 1e-9) + 1;
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.round(i * step * 1e9) / 1e9;
        }
        return out;
    }

    /**
     * Evaluates every model under every noise. Call on the DJL thread.
     *
     * @param entries the models
     * @param test clean test digits
     * @param limit the first this many digits (0 = all)
     * @param seed noise seed
     * @param clip clamp the noisy input to [0, 1]
     * @param sigmas sigma grid of the series (may be empty)
     * @return the table
     */
    public static NoiseTable compute(List<Entry> entries, Dataset test, int limit, long seed,
            boolean clip, double[] sigmas) {
        return compute(entries, test, limit, seed, clip, sigmas, null);
    }

    /** Receives progress after every evaluation (one model under one noise). */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called on the computing thread between evaluations, outside any NDArray scope. It
         * may run other queued DJL work, and may throw (e.g. a
         * {@link java.util.concurrent.CancellationException}) to abort the computation.
         *
         * @param done evaluations finished
         * @param total evaluations in all
         */
        void onStep(int done, int total);
    }

    /**
     * Evaluates every model under every noise, reporting progress. Call on the DJL thread.
     *
     * @param entries the models
     * @param test clean test digits
     * @param limit the first this many digits (0 = all)
     * @param seed noise seed
     * @param clip clamp the noisy input to [0, 1]
     * @param sigmas sigma grid of the series (may be empty)
     * @param progress called after every evaluation, or null
     * @return the table
     */
    public static NoiseTable compute(List<Entry> entries, Dataset test, int limit, long seed,
            boolean clip, double[] sigmas, Progress progress) {
        Progress step = progress == null ? (d, t) -> { } : progress;
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("need at least one model");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
        }
        List<Noise> noises = standardNoises();
        double[][] mse = new double[noises.size()][entries.size()];
        double[][] series = new double[sigmas.length][entries.size()];
        List<String> labels = new ArrayList<>();
        int total = entries.size() * (noises.size() + sigmas.length);
        int done = 0;
        for (int m = 0; m < entries.size(); m++) {
            Autoencoder model = entries.get(m).model();
            labels.add(entries.get(m).label());
            for (int r = 0; r < noises.size(); r++) {
                mse[r][m] = Evaluator.noisyMse(model, test, noises.get(r), clip, limit, seed,
                        BATCH);
                step.onStep(++done, total);
            }
            for (int i = 0; i < sigmas.length; i++) {
                series[i][m] = Evaluator.noisyMse(model, test, new Noise.Gaussian(sigmas[i]),
                        clip, limit, seed, BATCH);
                step.onStep(++done, total);
            }
        }
        int count = limit == 0 ? test.size() : Math.min(limit, test.size());
        return new NoiseTable(labels, noises, mse, sigmas.clone(), series, count, seed, clip);
    }

    /**
     * The table as Markdown, one row per noise (labelled by {@link Noise#describe()}), one
     * column per model, then one column per encoding dimension of the study's noise table
     * with its published value where it gives one.
     *
     * @return the table
     */
    public String markdown() {
        StringBuilder b = new StringBuilder("| noise |");
        for (String m : models) {
            b.append(' ').append(m.replace("|", "\\|")).append(" |");
        }
        List<Integer> studyEds = StudyReference.noiseTableEds();
        for (int ed : studyEds) {
            b.append(" study ED=").append(ed).append(" |");
        }
        b.append("\n|---|");
        b.append("---:|".repeat(models.size() + studyEds.size())).append('\n');
        for (int r = 0; r < noises.size(); r++) {
            b.append("| ").append(noises.get(r).describe().replace("|", "\\|")).append(" |");
            for (int m = 0; m < models.size(); m++) {
                b.append(String.format(Locale.ROOT, " %.6f |", mse[r][m]));
            }
            for (int ed : studyEds) {
                OptionalDouble study = StudyReference.noiseMse(noises.get(r), ed);
                b.append(study.isPresent() ? " " + study.getAsDouble() + " |" : "  |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Every measured value the study gives a number for, beside it: one line per row and model
     * whose encoding dimension the study's noise table has, as Markdown.
     *
     * @param eds each model's encoding dimension, in column order
     * @return the comparison table, or "" when no model has a study value
     */
    public String studyComparison(int[] eds) {
        if (eds.length != models.size()) {
            throw new IllegalArgumentException("need one encoding dimension per model ("
                    + models.size() + "), got " + eds.length);
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < noises.size(); r++) {
            for (int m = 0; m < models.size(); m++) {
                OptionalDouble study = StudyReference.noiseMse(noises.get(r), eds[m]);
                if (study.isPresent()) {
                    double ratio = mse[r][m] / study.getAsDouble() - 1;
                    b.append(String.format(Locale.ROOT, "| %s | %s | %.6f | %s | %+.1f%% |\n",
                            noises.get(r).describe(), models.get(m).replace("|", "\\|"),
                            mse[r][m], study.getAsDouble(), 100 * ratio));
                }
            }
        }
        return b.isEmpty() ? "" : "| noise | model | measured | study | measured vs study |\n"
                + "|---|---|---:|---:|---:|\n" + b;
    }

    /** @return the table as CSV: {@code noise,<model>...} */
    public String csv() {
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("noise"));
        header.addAll(models);
        b.append(Csv.row(header.toArray(String[]::new)));
        for (int r = 0; r < noises.size(); r++) {
            b.append(Csv.row(row(noises.get(r).spec(), mse[r])));
        }
        return b.toString();
    }

    /** @return the sigma series as CSV: {@code sigma,<model>...} */
    public String sigmaCsv() {
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("sigma"));
        header.addAll(models);
        b.append(Csv.row(header.toArray(String[]::new)));
        for (int i = 0; i < sigmas.length; i++) {
            b.append(Csv.row(row(GridSearch.num(sigmas[i]), sigmaMse[i])));
        }
        return b.toString();
    }

    private static String[] row(String first, double[] values) {
        String[] out = new String[values.length + 1];
        out[0] = first;
        for (int i = 0; i < values.length; i++) {
            out[i + 1] = Csv.number(values[i]);
        }
        return out;
    }

    /**
     * The series file written next to the table: {@code noise.csv -> noise-sigma.csv}.
     *
     * @param table the table CSV path
     * @return the series CSV path
     */
    public static Path sigmaPath(Path table) {
        String name = table.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".csv")
                ? name.substring(0, name.length() - 4) : name;
        return table.resolveSibling(base + "-sigma.csv");
    }

    /**
     * Writes {@link #csv()} to {@code table} and, when there is a series, {@link #sigmaCsv()}
     * to {@link #sigmaPath}, each atomically.
     *
     * @param table the table CSV path
     * @throws IOException if writing fails
     */
    public void write(Path table) throws IOException {
        AtomicFiles.writeString(table, csv());
        if (sigmas.length > 0) {
            AtomicFiles.writeString(sigmaPath(table), sigmaCsv());
        }
    }
}
