package io.latentlab.study;

import java.nio.file.Path;
import java.util.List;

/** Grid searches saved to files without training, for tests that only read them. */
public final class SavedGrids {

    private SavedGrids() {}

    /**
     * Writes a one-setting search (ED=2, LR 0.01, WD 1e-4, 2 folds of one epoch: train 0.05,
     * validation 0.06) and its curves.
     *
     * @param file the summary CSV
     * @return {@code file}
     * @throws Exception if it cannot be written
     */
    public static Path tiny(Path file) throws Exception {
        GridSearch.FoldCurve c = new GridSearch.FoldCurve(0, new double[] {0.05},
                new double[] {0.06});
        GridSearchReport.write(GridSearch.rank(new GridSearch.Options(2, List.of(0.01),
                List.of(1e-4), 2, 1, 100, 3, 0, 0.1, 0.25), List.of(GridSearch.evaluate(0.01,
                1e-4, List.of(c, new GridSearch.FoldCurve(1, c.train(), c.validation())), 0.1,
                0.25))), file);
        return file;
    }
}
