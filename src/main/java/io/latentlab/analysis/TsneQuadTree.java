package io.latentlab.analysis;

import java.util.Arrays;

/**
 * The quadtree of a t-SNE layout for the Barnes-Hut repulsive forces: a cell far enough from a
 * point (width / distance below theta) acts as one body at its centre of mass. Built anew each
 * iteration; nodes live in flat arrays (no objects per cell), children of a node are four
 * consecutive nodes. Leaves hold one point, or several that coincide (depth limit).
 */
final class TsneQuadTree {

    /** Below this depth cells are split; deeper ones keep their (coinciding) points. */
    private static final int MAX_DEPTH = 48;

    private final double[] y;
    private final int[] perm;
    private final int[] scratch;
    private double[] comX = new double[64];
    private double[] comY = new double[64];
    private double[] width = new double[64];
    private int[] count = new int[64];
    private int[] child = new int[64];
    private int[] lo = new int[64];
    private int nodes;

    // the sums of one point's traversal
    private double negX;
    private double negY;
    private double sumQ;

    /**
     * @param y row-major {@code n x 2} layout (read, not copied: rebuild after it changes)
     * @param n points
     */
    TsneQuadTree(double[] y, int n) {
        this.y = y;
        this.perm = new int[n];
        this.scratch = new int[n];
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            perm[i] = i;
            minX = Math.min(minX, y[2 * i]);
            maxX = Math.max(maxX, y[2 * i]);
            minY = Math.min(minY, y[2 * i + 1]);
            maxY = Math.max(maxY, y[2 * i + 1]);
        }
        double half = Math.max(maxX - minX, maxY - minY) / 2 * (1 + 1e-9) + 1e-12;
        nodes = 1;
        build(0, 0, n, (minX + maxX) / 2, (minY + maxY) / 2, half, 0);
    }

    /** Fills node {@code at} with the points {@code perm[from, to)} inside the given square. */
    private void build(int at, int from, int to, double cx, double cy, double half, int depth) {
        width[at] = 2 * half;
        count[at] = to - from;
        lo[at] = from;
        child[at] = -1;
        if (to - from <= 1 || depth >= MAX_DEPTH) {
            double sx = 0;
            double sy = 0;
            for (int k = from; k < to; k++) {
                sx += y[2 * perm[k]];
                sy += y[2 * perm[k] + 1];
            }
            comX[at] = to > from ? sx / (to - from) : cx;
            comY[at] = to > from ? sy / (to - from) : cy;
            return;
        }
        // stable partition into quadrants 0..3 (x >= cx adds 1, y >= cy adds 2)
        int[] sizes = new int[4];
        for (int k = from; k < to; k++) {
            sizes[quadrant(perm[k], cx, cy)]++;
        }
        int[] next = {from, from + sizes[0], from + sizes[0] + sizes[1],
            from + sizes[0] + sizes[1] + sizes[2]};
        int[] starts = next.clone();
        for (int k = from; k < to; k++) {
            int p = perm[k];
            scratch[next[quadrant(p, cx, cy)]++] = p;
        }
        System.arraycopy(scratch, from, perm, from, to - from);
        int first = allocate();
        child[at] = first;
        double q = half / 2;
        double sx = 0;
        double sy = 0;
        for (int c = 0; c < 4; c++) {
            int end = c < 3 ? starts[c + 1] : to;
            build(first + c, starts[c], end, cx + ((c & 1) == 0 ? -q : q),
                    cy + ((c & 2) == 0 ? -q : q), q, depth + 1);
            sx += comX[first + c] * count[first + c];
            sy += comY[first + c] * count[first + c];
        }
        comX[at] = sx / (to - from);
        comY[at] = sy / (to - from);
    }

    private int quadrant(int p, double cx, double cy) {
        return (y[2 * p] >= cx ? 1 : 0) + (y[2 * p + 1] >= cy ? 2 : 0);
    }

    /** @return the first of four new consecutive nodes */
    private int allocate() {
        int first = nodes;
        nodes += 4;
        if (nodes > count.length) {
            int size = Math.max(nodes, count.length * 2);
            comX = Arrays.copyOf(comX, size);
            comY = Arrays.copyOf(comY, size);
            width = Arrays.copyOf(width, size);
            count = Arrays.copyOf(count, size);
            child = Arrays.copyOf(child, size);
            lo = Arrays.copyOf(lo, size);
        }
        return first;
    }

    /**
     * The unnormalised repulsion on point {@code i}:
     * {@code out[0..1] = sum_j q_ij^2 (y_i - y_j)} and {@code out[2] = sum_j q_ij} with
     * {@code q_ij = (1 + |y_i - y_j|^2)^-1}, over all {@code j != i}, far cells summarised.
     *
     * @param i a point
     * @param theta 0 = exact; 0.5 is usual
     * @param out three values
     */
    void repulsion(int i, double theta, double[] out) {
        negX = 0;
        negY = 0;
        sumQ = 0;
        visit(0, i, y[2 * i], y[2 * i + 1], theta * theta);
        out[0] = negX;
        out[1] = negY;
        out[2] = sumQ;
    }

    private void visit(int node, int i, double xi, double yi, double theta2) {
        int c = count[node];
        if (c == 0) {
            return;
        }
        int first = child[node];
        if (first < 0) {
            for (int k = lo[node], end = lo[node] + c; k < end; k++) {
                int j = perm[k];
                if (j != i) {
                    double dx = xi - y[2 * j];
                    double dy = yi - y[2 * j + 1];
                    double q = 1 / (1 + dx * dx + dy * dy);
                    sumQ += q;
                    negX += q * q * dx;
                    negY += q * q * dy;
                }
            }
            return;
        }
        double dx = xi - comX[node];
        double dy = yi - comY[node];
        double d2 = dx * dx + dy * dy;
        double w = width[node];
        if (w * w < theta2 * d2) {
            double q = 1 / (1 + d2);
            double m = c * q;
            sumQ += m;
            negX += m * q * dx;
            negY += m * q * dy;
            return;
        }
        for (int k = 0; k < 4; k++) {
            visit(first + k, i, xi, yi, theta2);
        }
    }

    /** @return nodes in the tree (for tests) */
    int size() {
        return nodes;
    }
}
