package io.latentlab.analysis;

/**
 * The axes of the latent sliders: what each slider value means for a code, and back.
 *
 * <p>Up to {@link #MAX_SLIDERS} dimensions each coordinate is a slider and the code is the
 * slider values themselves. Above that the sliders move along the first eight principal
 * directions {@code v_k} of the test codes: a slider's value is the code's projection
 * {@code c_k = (z - mean) . v_k}, and values {@code c} turn a start code {@code z0} into
 * {@code z0 + sum_k (c_k - c_k(z0)) v_k}, so the directions not on a slider keep the digit's
 * own values. Ranges are the mean plus or minus {@code spread} standard deviations of the
 * test codes along each axis. Immutable.
 */
public final class LatentAxes {

    /** Most sliders: more coordinates than this are shown as principal directions. */
    public static final int MAX_SLIDERS = 8;

    /** What the sliders move. */
    public enum Kind { COORDINATE, PRINCIPAL }

    private final Kind kind;
    private final int dim;
    private final double[] mean;
    /** dirs[k]: the unit vector slider k moves along (PRINCIPAL only). */
    private final double[][] dirs;
    private final double[] min;
    private final double[] max;
    private final double[] share;

    private LatentAxes(Kind kind, int dim, double[] mean, double[][] dirs, double[] min,
            double[] max, double[] share) {
        this.kind = kind;
        this.dim = dim;
        this.mean = mean;
        this.dirs = dirs;
        this.min = min;
        this.max = max;
        this.share = share;
    }

    /**
     * @param pca the PCA of the test codes
     * @param spread half-width of each range in standard deviations (e.g. 3)
     * @return coordinate sliders up to {@link #MAX_SLIDERS} dimensions, else the first eight
     *     principal directions
     */
    public static LatentAxes of(Pca pca, double spread) {
        return pca.dim() <= MAX_SLIDERS ? coordinates(pca, spread)
                : principal(pca, MAX_SLIDERS, spread);
    }

    /**
     * @param pca the PCA of the test codes
     * @param spread half-width of each range in standard deviations
     * @return one slider per coordinate
     */
    public static LatentAxes coordinates(Pca pca, double spread) {
        int d = pca.dim();
        double[] mean = pca.mean();
        double[] var = new double[d];
        double[] pv = pca.variances();
        // the covariance's diagonal, from its eigen-decomposition
        for (int c = 0; c < pca.components(); c++) {
            double[] v = pca.component(c);
            for (int j = 0; j < d; j++) {
                var[j] += pv[c] * v[j] * v[j];
            }
        }
        double[] min = new double[d];
        double[] max = new double[d];
        for (int j = 0; j < d; j++) {
            double half = halfWidth(var[j], spread);
            min[j] = mean[j] - half;
            max[j] = mean[j] + half;
        }
        return new LatentAxes(Kind.COORDINATE, d, mean, null, min, max, new double[d]);
    }

    /**
     * @param pca the PCA of the test codes
     * @param count number of sliders (at most the dimension)
     * @param spread half-width of each range in standard deviations
     * @return one slider per principal direction, the largest first
     */
    public static LatentAxes principal(Pca pca, int count, double spread) {
        int n = Math.min(count, pca.components());
        double[][] dirs = new double[n][];
        double[] min = new double[n];
        double[] max = new double[n];
        double[] var = pca.variances();
        double[] ratio = pca.explainedVarianceRatio();
        double[] share = new double[n];
        for (int k = 0; k < n; k++) {
            dirs[k] = pca.component(k);
            double half = halfWidth(var[k], spread);
            min[k] = -half;
            max[k] = half;
            share[k] = ratio[k];
        }
        return new LatentAxes(Kind.PRINCIPAL, pca.dim(), pca.mean(), dirs, min, max, share);
    }

    /** A coordinate that never varies still gets a range one can drag over. */
    private static double halfWidth(double variance, double spread) {
        double h = spread * Math.sqrt(Math.max(0, variance));
        return h > 1e-6 ? h : 1;
    }

    /** @return what the sliders move */
    public Kind kind() {
        return kind;
    }

    /** @return the number of sliders */
    public int count() {
        return min.length;
    }

    /** @return the dimension of the codes */
    public int dim() {
        return dim;
    }

    /**
     * @param k a slider
     * @return the low end of its range over the test codes
     */
    public double min(int k) {
        return min[k];
    }

    /**
     * @param k a slider
     * @return the high end of its range over the test codes
     */
    public double max(int k) {
        return max[k];
    }

    /**
     * @param k a slider
     * @return the share of the codes' variance along its principal direction (0 for
     *     coordinate sliders)
     */
    public double varianceShare(int k) {
        return share[k];
    }

    /**
     * @param z a code of {@link #dim()} values
     * @return the slider values that show it
     */
    public double[] values(float[] z) {
        check(z);
        double[] out = new double[count()];
        for (int k = 0; k < out.length; k++) {
            if (kind == Kind.COORDINATE) {
                out[k] = z[k];
            } else {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    s += (z[j] - mean[j]) * dirs[k][j];
                }
                out[k] = s;
            }
        }
        return out;
    }

    /**
     * @param z0 the start code (the digit's own)
     * @param values one value per slider
     * @return the code the sliders show: the values themselves for coordinate sliders, else
     *     {@code z0} moved along each direction by the slider's change from {@code z0}'s value
     */
    public float[] code(float[] z0, double[] values) {
        if (values.length != count()) {
            throw new IllegalArgumentException("expected " + count() + " slider values, got "
                    + values.length);
        }
        if (kind == Kind.COORDINATE) {
            check(z0);
            float[] out = new float[dim];
            for (int j = 0; j < dim; j++) {
                out[j] = (float) values[j];
            }
            return out;
        }
        double[] start = values(z0);
        double[] z = new double[dim];
        for (int j = 0; j < dim; j++) {
            z[j] = z0[j];
        }
        for (int k = 0; k < start.length; k++) {
            double d = values[k] - start[k];
            if (d != 0) {
                for (int j = 0; j < dim; j++) {
                    z[j] += d * dirs[k][j];
                }
            }
        }
        float[] out = new float[dim];
        for (int j = 0; j < dim; j++) {
            out[j] = (float) z[j];
        }
        return out;
    }

    private void check(float[] z) {
        if (z.length != dim) {
            throw new IllegalArgumentException("expected a code of " + dim + " values, got "
                    + z.length);
        }
    }
}
