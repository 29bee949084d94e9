package io.latentlab.ui.study.common;

import io.latentlab.study.GridSearch;

import java.util.Locale;

/** How the Study room writes numbers, in its tables and its CSV files. */
public final class StudyFormat {

    /** Shown for a value that is not known. */
    public static final String NONE = "\u2013";

    private StudyFormat() {
    }

    /** @param v an MSE @return it with 6 decimals, or {@link #NONE} */
    public static String mse(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : NONE;
    }

    /** @param v a score @return it with 4 decimals, or {@link #NONE} */
    public static String fixed4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : NONE;
    }

    /** @param v a ratio @return it as a percentage with 1 decimal, or {@link #NONE} */
    public static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : NONE;
    }

    /** @param v a grid value (LR, WD) @return plain decimal, as in the grid-search CSV */
    public static String plain(double v) {
        return GridSearch.num(v);
    }

    /** @param v a value for a CSV cell @return it with 6 decimals, or "" when unknown */
    public static String csv(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
    }
}
