package io.latentlab.analysis;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Orthogonal Procrustes alignment of one scatter onto another: the rotation or reflection (and
 * translation) that brings {@code moving} closest to {@code target} in the least-squares sense.
 * Used to show the latent space epoch after epoch: PCA axes may flip or swap between epochs,
 * and aligned to the previous picture the clusters move instead of jumping. No scaling: a
 * latent space that grows or shrinks while it learns should be seen doing so.
 */
public final class Procrustes {

    private Procrustes() {}

    /**
     * Aligns {@code moving} onto {@code target}: with both centred, {@code R = U V^T} from the
     * SVD {@code Mc^T Tc = U S V^T} minimises {@code |Mc R - Tc|}; the result is
     * {@code Mc R + mean(target)}.
     *
     * @param moving row-major {@code n x dim} points to align
     * @param target row-major {@code n x dim} points, row {@code i} the same item as in moving
     * @param n number of points, at least 1
     * @param dim coordinates per point, at least 1
     * @return the aligned copy of {@code moving}, row-major {@code n x dim}
     * @throws IllegalArgumentException if the sizes do not fit
     */
    public static float[] align(float[] moving, float[] target, int n, int dim) {
        if (n < 1 || dim < 1) {
            throw new IllegalArgumentException("need n >= 1 and dim >= 1, got n=" + n
                    + ", dim=" + dim);
        }
        if ((long) n * dim != moving.length || (long) n * dim != target.length) {
            throw new IllegalArgumentException("moving has " + moving.length + " and target "
                    + target.length + " values, " + n + "x" + dim + " needed in each");
        }
        double[] mm = mean(moving, n, dim);
        double[] mt = mean(target, n, dim);
        double[][] cross = new double[dim][dim];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dim; a++) {
                double ma = moving[i * dim + a] - mm[a];
                for (int b = 0; b < dim; b++) {
                    cross[a][b] += ma * (target[i * dim + b] - mt[b]);
                }
            }
        }
        SingularValueDecomposition svd =
                new SingularValueDecomposition(new Array2DRowRealMatrix(cross, false));
        RealMatrix r = svd.getU().multiply(svd.getVT());
        float[] out = new float[n * dim];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < dim; b++) {
                double s = mt[b];
                for (int a = 0; a < dim; a++) {
                    s += (moving[i * dim + a] - mm[a]) * r.getEntry(a, b);
                }
                out[i * dim + b] = (float) s;
            }
        }
        return out;
    }

    private static double[] mean(float[] points, int n, int dim) {
        double[] m = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                m[j] += points[i * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            m[j] /= n;
        }
        return m;
    }
}
