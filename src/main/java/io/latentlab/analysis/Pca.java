package io.latentlab.analysis;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Principal component analysis of latent codes (plain Java, no DJL).
 *
 * <p>The codes are centred and the sample covariance matrix is decomposed; components are
 * sorted by decreasing variance. Each component's sign is fixed so that its largest-magnitude
 * loading is positive (the first such loading on ties), so the same data always gives the same
 * picture, not a mirrored one.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class Pca {

    private final int dim;
    private final double[] mean;
    /** components[c][j]: loading of input dimension j on component c, unit length. */
    private final double[][] components;
    private final double[] variances;

    private Pca(double[] mean, double[][] components, double[] variances) {
        this.dim = mean.length;
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /**
     * Fits a PCA to {@code n} codes of {@code dim} values each.
     *
     * @param codes row-major {@code n x dim} values (at least {@code n * dim} long)
     * @param n number of codes, at least 1
     * @param dim values per code, at least 1
     * @return the fitted PCA with {@code dim} components
     * @throws IllegalArgumentException if the sizes do not fit or a value is not finite
     */
    public static Pca fit(float[] codes, int n, int dim) {
        if (n < 1 || dim < 1) {
            throw new IllegalArgumentException("need n >= 1 and dim >= 1, got n=" + n
                    + ", dim=" + dim);
        }
        if ((long) n * dim > codes.length) {
            throw new IllegalArgumentException("codes has " + codes.length + " values, "
                    + n + "x" + dim + " needed");
        }
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                float v = codes[i * dim + j];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("code " + i + " has a non-finite value");
                }
                mean[j] += v;
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= n;
        }
        // Covariance in double: 10,000 x 32 codes take a few milliseconds.
        double[][] cov = new double[dim][dim];
        double[] centred = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                centred[j] = codes[i * dim + j] - mean[j];
            }
            for (int a = 0; a < dim; a++) {
                double ca = centred[a];
                for (int b = a; b < dim; b++) {
                    cov[a][b] += ca * centred[b];
                }
            }
        }
        double denom = Math.max(1, n - 1);
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < dim; b++) {
                cov[a][b] /= denom;
                cov[b][a] = cov[a][b];
            }
        }
        // SVD of a symmetric PSD matrix: singular values are its eigenvalues, already sorted
        // in decreasing order, and it is robust for rank-deficient (e.g. collinear) data.
        RealMatrix c = new Array2DRowRealMatrix(cov, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(c);
        double[] values = svd.getSingularValues();
        RealMatrix u = svd.getU();
        double[][] comps = new double[dim][];
        double[] variances = new double[dim];
        for (int k = 0; k < dim; k++) {
            double[] v = u.getColumn(k);
            fixSign(v);
            comps[k] = v;
            variances[k] = Math.max(0, values[k]);
        }
        return new Pca(mean, comps, variances);
    }

    private static void fixSign(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            // a small tolerance so that rounding noise does not pick between equal loadings
            if (Math.abs(v[j]) > Math.abs(v[best]) + 1e-12) {
                best = j;
            }
        }
        if (v[best] < 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] = -v[j];
            }
        }
    }

    /** @return the dimension of the codes */
    public int dim() {
        return dim;
    }

    /** @return the number of components (equal to {@link #dim()}) */
    public int components() {
        return components.length;
    }

    /** @return a copy of the mean code */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * @param k component index, 0 = largest variance
     * @return a copy of that unit-length component
     */
    public double[] component(int k) {
        return components[k].clone();
    }

    /** @return the variance along each component, descending */
    public double[] variances() {
        return variances.clone();
    }

    /**
     * The share of the total variance along each component, in decreasing order; all zeros if
     * the codes do not vary at all.
     *
     * @return one ratio per component, summing to 1 (or 0)
     */
    public double[] explainedVarianceRatio() {
        double total = 0;
        for (double v : variances) {
            total += v;
        }
        double[] out = new double[variances.length];
        if (total > 0) {
            for (int k = 0; k < out.length; k++) {
                out[k] = variances[k] / total;
            }
        }
        return out;
    }

    /**
     * Projects codes onto the first {@code k} components. If {@code k} exceeds
     * {@link #components()} (a 1-D latent space shown in 2-D), the extra coordinates are 0.
     *
     * @param codes row-major {@code n x dim()} values
     * @param n number of codes
     * @param k number of output coordinates per code
     * @return row-major {@code n x k} coordinates
     */
    public float[] project(float[] codes, int n, int k) {
        if ((long) n * dim > codes.length) {
            throw new IllegalArgumentException("codes has " + codes.length + " values, "
                    + n + "x" + dim + " needed");
        }
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        int used = Math.min(k, components.length);
        float[] out = new float[n * k];
        for (int i = 0; i < n; i++) {
            int base = i * dim;
            for (int c = 0; c < used; c++) {
                double[] v = components[c];
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    s += (codes[base + j] - mean[j]) * v[j];
                }
                out[i * k + c] = (float) s;
            }
        }
        return out;
    }

    /**
     * Maps a point of the plane of the first two components back to the latent space:
     * {@code mean + p[0] * v1 + p[1] * v2}. Coordinates beyond {@link #components()} are
     * ignored (for a 1-D latent space only {@code p[0]} counts).
     *
     * @param point2d plane coordinates (1 or 2 values; more are ignored beyond the second)
     * @return a code of {@link #dim()} values
     */
    public float[] inverse(double[] point2d) {
        int used = Math.min(Math.min(2, point2d.length), components.length);
        float[] out = new float[dim];
        for (int j = 0; j < dim; j++) {
            double s = mean[j];
            for (int c = 0; c < used; c++) {
                s += point2d[c] * components[c][j];
            }
            out[j] = (float) s;
        }
        return out;
    }
}
