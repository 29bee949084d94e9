package io.latentlab.cluster;

import io.latentlab.model.AtomicFiles;
import io.latentlab.study.GridSearch;
import io.latentlab.study.GridTrial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fits of a search saved one by one as they arrive, next to its summary
 * ({@code grid.csv -> grid-fits.csv}): the summary is saved per setting, so without this file an
 * interruption would lose the finished folds of the settings in progress, each possibly minutes
 * of a member's time. {@code --resume} reads it back; the search removes it when it ends, as the
 * summary then holds everything. Each save rewrites the whole (small) file atomically.
 */
public final class FitLog {

    private static final String MAGIC = "# latent-lab grid-search fits, search ";
    private static final String HEADER = "lr,wd,fold,epoch,train,validation";

    private final Path path;
    private final String searchId;
    private final Map<GridTrial, GridSearch.FoldCurve> fits = new LinkedHashMap<>();

    private FitLog(Path path, String searchId) {
        this.path = path;
        this.searchId = searchId;
    }

    /**
     * @param summary the search's summary CSV
     * @return the file of its fits, {@code grid.csv -> grid-fits.csv}
     */
    public static Path pathFor(Path summary) {
        String name = summary.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".csv")
                ? name.substring(0, name.length() - 4) : name;
        return summary.resolveSibling(base + "-fits.csv");
    }

    /**
     * Opens the fits file of a search, reading the fits it holds.
     *
     * @param path the file ({@link #pathFor})
     * @param spec the search
     * @param resume whether an existing file may be used; without it an existing file is an
     *     error (it belongs to an earlier search)
     * @return the log
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file: not ours, another search, bad line
     */
    public static FitLog open(Path path, SearchSpec spec, boolean resume) throws IOException {
        FitLog log = new FitLog(path, spec.id());
        if (!Files.exists(path)) {
            return log;
        }
        List<String> lines = Files.readAllLines(path);
        if (lines.isEmpty() || !lines.get(0).startsWith(MAGIC)) {
            throw new IllegalArgumentException(path + ": not a grid-search fits file, left "
                    + "as it is (use another --out)");
        }
        if (!resume) {
            throw new IllegalArgumentException(path + ": holds fits of an interrupted search "
                    + "(use --resume to continue it, or another --out)");
        }
        if (!lines.get(0).substring(MAGIC.length()).equals(spec.id())) {
            throw new IllegalArgumentException(path + ": holds fits of another search (other "
                    + "options or data); delete it to start again");
        }
        if (lines.size() < 2 || !lines.get(1).equals(HEADER)) {
            throw new IllegalArgumentException(path + ": line 2: expected '" + HEADER + "'");
        }
        int epochs = spec.epochs();
        Map<GridTrial, double[][]> read = new LinkedHashMap<>();
        for (int i = 2; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            try {
                if (f.length != 6) {
                    throw new IllegalArgumentException("expected 6 fields, found " + f.length);
                }
                GridTrial t = new GridTrial(Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                        Integer.parseInt(f[2]));
                int epoch = Integer.parseInt(f[3]);
                if (epoch < 1 || epoch > epochs) {
                    throw new IllegalArgumentException("epoch " + epoch + " outside 1.."
                            + epochs);
                }
                double[][] c = read.computeIfAbsent(t, k -> new double[][] {
                    nans(epochs), nans(epochs), new double[1]});
                c[0][epoch - 1] = Double.parseDouble(f[4]);
                c[1][epoch - 1] = Double.parseDouble(f[5]);
                c[2][0]++;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": line " + (i + 1) + ": "
                        + e.getMessage(), e);
            }
        }
        for (Map.Entry<GridTrial, double[][]> e : read.entrySet()) {
            if (e.getValue()[2][0] != epochs) {
                throw new IllegalArgumentException(path + ": " + e.getKey().label() + " has "
                        + (int) e.getValue()[2][0] + " epochs, expected " + epochs);
            }
            log.fits.put(e.getKey(), new GridSearch.FoldCurve(e.getKey().fold(),
                    e.getValue()[0], e.getValue()[1]));
        }
        return log;
    }

    private static double[] nans(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }

    /** @return the fits saved so far */
    public synchronized Map<GridTrial, GridSearch.FoldCurve> fits() {
        return Map.copyOf(fits);
    }

    /**
     * Adds a fit and saves the file.
     *
     * @param trial the fit
     * @param curve its curve
     * @throws IOException if saving fails
     */
    public synchronized void add(GridTrial trial, GridSearch.FoldCurve curve) throws IOException {
        if (fits.putIfAbsent(trial, curve) != null) {
            return;
        }
        StringBuilder b = new StringBuilder(MAGIC).append(searchId).append('\n')
                .append(HEADER).append('\n');
        for (Map.Entry<GridTrial, GridSearch.FoldCurve> e : fits.entrySet()) {
            GridTrial t = e.getKey();
            GridSearch.FoldCurve c = e.getValue();
            for (int i = 0; i < c.train().length; i++) {
                // Double.toString reads back to the same double
                b.append(t.lr()).append(',').append(t.wd()).append(',').append(t.fold())
                        .append(',').append(i + 1).append(',').append(c.train()[i])
                        .append(',').append(c.validation()[i]).append('\n');
            }
        }
        AtomicFiles.writeString(path, b.toString());
    }

    /**
     * Removes the file once the summary holds every fit.
     *
     * @throws IOException if it cannot be removed
     */
    public synchronized void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    /** @return the trials saved, for messages */
    synchronized List<GridTrial> trials() {
        return new ArrayList<>(fits.keySet());
    }
}
