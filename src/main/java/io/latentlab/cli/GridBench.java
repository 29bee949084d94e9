package io.latentlab.cli;

import io.latentlab.data.MnistData;
import io.latentlab.study.GridSearch;
import io.latentlab.study.ParallelGridSearch;
import io.latentlab.study.LocalTrialWorkers;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --grid}: one small grid search timed with one fit at a time (using every core)
 * and with one fit per core, alternately in the same JVM, so the ratio is fair on a noisy
 * machine; also checks that both give the same numbers.
 */
final class GridBench {

    private GridBench() {}

    /**
     * @param out where the lines go
     * @param mnist the data
     * @param ed encoding dimension
     * @param batch batch size
     * @param epochs epochs per fit
     * @param rounds how often each configuration is timed (the fastest counts)
     * @throws IOException never in practice
     */
    static void run(PrintWriter out, MnistData mnist, int ed, int batch, int epochs, int rounds)
            throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = LocalTrialWorkers.defaultWorkers(cores);
        // 4 settings x 2 folds on 12,000 digits: 8 fits of 6,000 training digits
        GridSearch.Options options = GridSearch.Options.builder(ed)
                .learningRates(List.of(1e-2, 1e-3)).weightDecays(List.of(1e-4, 1e-5)).folds(2)
                .epochs(epochs).batchSize(batch).trainLimit(12_000).build();
        out.printf(Locale.ROOT, "grid: ed=%d fits=%d epochs=%d digits=%d cores=%d%n", ed,
                options.fits(), epochs, options.trainLimit(), cores);
        out.flush();
        // warm-up of both configurations (kernel selection, allocator)
        GridSearch.Options warm = options.toBuilder().learningRates(List.of(1e-3))
                .weightDecays(List.of(1e-4)).epochs(1).trainLimit(4000).build();
        ParallelGridSearch.run(mnist, warm, 1, cores, null, null, List.of(), null);
        ParallelGridSearch.run(mnist, warm, workers, 1, null, null, List.of(), null);
        int per = LocalTrialWorkers.threadsPerWorker(cores, workers);
        // (fits at a time, PyTorch threads per fit): the sequential default, the same with one
        // thread (its numbers must equal the parallel run's), and one fit per core
        int[][] configs = {{1, cores}, {1, per}, {workers, per}};
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        GridSearch.Result[] results = new GridSearch.Result[configs.length];
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
            for (int c = 0; c < configs.length; c++) {
                long t0 = System.nanoTime();
                results[c] = ParallelGridSearch.run(mnist, options, configs[c][0], configs[c][1],
                        null, null, List.of(), null);
                double s = (System.nanoTime() - t0) / 1e9;
                best[c] = Math.min(best[c], s);
                line.append(String.format(Locale.ROOT, " workers=%d threads=%d %.1fs",
                        configs[c][0], configs[c][1], s));
            }
            out.println(line);
            out.flush();
        }
        for (int c = 0; c < configs.length; c++) {
            out.printf(Locale.ROOT, "grid_seconds workers=%d threads=%d: %.1f%n", configs[c][0],
                    configs[c][1], best[c]);
        }
        out.printf(Locale.ROOT, "speedup_vs_1_worker_%d_threads=%.2f speedup_vs_1_worker_%d_"
                + "threads=%.2f%n", cores, best[0] / best[2], per, best[1] / best[2]);
        out.println("same_numbers_as_1_worker_" + per + "_threads="
                + sameNumbers(results[1], results[2]));
        out.println("same_numbers_as_1_worker_" + cores + "_threads="
                + sameNumbers(results[0], results[2]));
    }

    private static boolean sameNumbers(GridSearch.Result a, GridSearch.Result b) {
        for (int i = 0; i < a.settings().size(); i++) {
            List<GridSearch.FoldCurve> x = a.settings().get(i).folds();
            List<GridSearch.FoldCurve> y = b.settings().get(i).folds();
            for (int f = 0; f < x.size(); f++) {
                if (!java.util.Arrays.equals(x.get(f).validation(), y.get(f).validation())
                        || !java.util.Arrays.equals(x.get(f).train(), y.get(f).train())) {
                    return false;
                }
            }
        }
        return true;
    }
}
