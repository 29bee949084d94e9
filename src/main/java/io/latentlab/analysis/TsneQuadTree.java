package io.latentlab.analysis;

import java.util.Arrays;

/**
 * The quadtree of a t-SNE layout for the Barnes-Hut repulsive forces: a cell far enough from a
 * point acts as one body at its centre of mass. Far enough means half the cell's width over the
 * distance to its centre of mass below theta, the criterion of van der Maaten's bhtsne (so
 * theta 0.5 means what it means there; scikit-learn's full width is twice as strict). Rebuilt in
 * place each iteration (no allocation once grown); nodes live in flat arrays, the four children
 * of a node are consecutive. Leaves hold up to {@value #LEAF} points (more only where points
 * coincide, at the depth limit); a near leaf is summed point by point.
 */
final class TsneQuadTree {

    /** Points a leaf holds before it is split. */
    static final int LEAF = 8;
    /** Below this depth cells are split; deeper ones keep their (coinciding) points. */
    private static final int MAX_DEPTH = 48;

    private double[] y;
    private int[] perm = new int[0];
    private int[] scratch = new int[0];
    // per node: centre of mass x, y and squared width
    private double[] geometry = new double[3 * 64];
    // per node: points, first child (-1 for a leaf), first point in perm
    private int[] links = new int[3 * 64];
    private int nodes;
    private int[] stack = new int[4 * MAX_DEPTH + 8];

    /**
     * Builds the tree of a layout.
     *
     * @param layout row-major {@code n x 2} (read, not copied: rebuild after it changes)
     * @param n points
     */
    void rebuild(double[] layout, int n) {
        this.y = layout;
        if (perm.length != n) {
            perm = new int[n];
            scratch = new int[n];
        }
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
        int count = to - from;
        geometry[3 * at + 2] = 4 * half * half;
        links[3 * at] = count;
        links[3 * at + 1] = -1;
        links[3 * at + 2] = from;
        if (count <= LEAF || depth >= MAX_DEPTH) {
            double sx = 0;
            double sy = 0;
            for (int k = from; k < to; k++) {
                sx += y[2 * perm[k]];
                sy += y[2 * perm[k] + 1];
            }
            geometry[3 * at] = count > 0 ? sx / count : cx;
            geometry[3 * at + 1] = count > 0 ? sy / count : cy;
            return;
        }
        // stable partition into quadrants 0..3 (x >= cx adds 1, y >= cy adds 2)
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        for (int k = from; k < to; k++) {
            int q = quadrant(perm[k], cx, cy);
            if (q == 0) {
                s0++;
            } else if (q == 1) {
                s1++;
            } else if (q == 2) {
                s2++;
            }
        }
        int n0 = from;
        int n1 = from + s0;
        int n2 = n1 + s1;
        int n3 = n2 + s2;
        int start1 = n1;
        int start2 = n2;
        int start3 = n3;
        for (int k = from; k < to; k++) {
            int p = perm[k];
            switch (quadrant(p, cx, cy)) {
                case 0 -> scratch[n0++] = p;
                case 1 -> scratch[n1++] = p;
                case 2 -> scratch[n2++] = p;
                default -> scratch[n3++] = p;
            }
        }
        System.arraycopy(scratch, from, perm, from, count);
        int first = allocate();
        links[3 * at + 1] = first;
        double q = half / 2;
        build(first, from, start1, cx - q, cy - q, q, depth + 1);
        build(first + 1, start1, start2, cx + q, cy - q, q, depth + 1);
        build(first + 2, start2, start3, cx - q, cy + q, q, depth + 1);
        build(first + 3, start3, to, cx + q, cy + q, q, depth + 1);
        double sx = 0;
        double sy = 0;
        for (int c = first; c < first + 4; c++) {
            sx += geometry[3 * c] * links[3 * c];
            sy += geometry[3 * c + 1] * links[3 * c];
        }
        geometry[3 * at] = sx / count;
        geometry[3 * at + 1] = sy / count;
    }

    private int quadrant(int p, double cx, double cy) {
        return (y[2 * p] >= cx ? 1 : 0) + (y[2 * p + 1] >= cy ? 2 : 0);
    }

    /** @return the first of four new consecutive nodes */
    private int allocate() {
        int first = nodes;
        nodes += 4;
        if (3 * nodes > links.length) {
            int size = 3 * Math.max(nodes, links.length / 3 * 2);
            geometry = Arrays.copyOf(geometry, size);
            links = Arrays.copyOf(links, size);
        }
        return first;
    }

    /**
     * The unnormalised repulsion on point {@code i}:
     * {@code out[0..1] = sum_j q_ij^2 (y_i - y_j)} and {@code out[2] = sum_j q_ij} with
     * {@code q_ij = (1 + |y_i - y_j|^2)^-1}, over all {@code j != i}, far cells summarised.
     *
     * @param i a point
     * @param theta 0 = exact; 0.5 is usual (below 0.35 a cell holding i is never summarised)
     * @param out three values
     */
    void repulsion(int i, double theta, double[] out) {
        double xi = y[2 * i];
        double yi = y[2 * i + 1];
        // (width / 2)^2 < theta^2 d2, with the squared width stored
        double theta2 = 4 * theta * theta;
        double negX = 0;
        double negY = 0;
        double sumQ = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            int count = links[3 * node];
            if (count == 0) {
                continue;
            }
            double dx = xi - geometry[3 * node];
            double dy = yi - geometry[3 * node + 1];
            double d2 = dx * dx + dy * dy;
            if (geometry[3 * node + 2] < theta2 * d2) {
                double q = 1 / (1 + d2);
                double m = count * q;
                sumQ += m;
                negX += m * q * dx;
                negY += m * q * dy;
                continue;
            }
            int first = links[3 * node + 1];
            if (first >= 0) {
                stack[top++] = first + 3;
                stack[top++] = first + 2;
                stack[top++] = first + 1;
                stack[top++] = first;
                continue;
            }
            for (int k = links[3 * node + 2], end = k + count; k < end; k++) {
                int j = perm[k];
                if (j != i) {
                    double ex = xi - y[2 * j];
                    double ey = yi - y[2 * j + 1];
                    double q = 1 / (1 + ex * ex + ey * ey);
                    sumQ += q;
                    negX += q * q * ex;
                    negY += q * q * ey;
                }
            }
        }
        out[0] = negX;
        out[1] = negY;
        out[2] = sumQ;
    }

    /** @return the points in tree order (near points together: a cache-friendly order) */
    int[] order() {
        return perm;
    }
}
