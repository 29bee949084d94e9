package io.latentlab.ui.latent;

import io.latentlab.ui.latent.LatentViewModel.Projection;

import javafx.geometry.Point2D;

/**
 * Maps the principal plane to canvas pixels: the plane point (centerX, centerY) sits at the
 * canvas centre, zoom 1 fits every point with a margin, and both axes share one scale.
 */
final class PlaneTransform {

    private double width = 1;
    private double height = 1;
    private double centerX;
    private double centerY;
    private double zoom = 1;
    private double minX = -1;
    private double maxX = 1;
    private double minY = -1;
    private double maxY = 1;

    /** @param w canvas width @param h canvas height */
    void setSize(double w, double h) {
        width = w;
        height = h;
    }

    /** @return canvas width */
    double width() {
        return width;
    }

    /** @return canvas height */
    double height() {
        return height;
    }

    /** @param p the map to fit, or null for the unit square */
    void fit(Projection p) {
        minX = -1;
        maxX = 1;
        minY = -1;
        maxY = 1;
        if (p == null || p.n() == 0) {
            return;
        }
        minX = Double.POSITIVE_INFINITY;
        minY = Double.POSITIVE_INFINITY;
        maxX = Double.NEGATIVE_INFINITY;
        maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.n(); i++) {
            minX = Math.min(minX, p.x(i));
            maxX = Math.max(maxX, p.x(i));
            minY = Math.min(minY, p.y(i));
            maxY = Math.max(maxY, p.y(i));
        }
    }

    /** Zoom 1, centred on all points. */
    void reset() {
        zoom = 1;
        centerX = (minX + maxX) / 2;
        centerY = (minY + maxY) / 2;
    }

    /** @return pixels per plane unit */
    double scale() {
        double w = Math.max(1, width);
        double h = Math.max(1, height);
        double spanX = Math.max(maxX - minX, 1e-9);
        double spanY = Math.max(maxY - minY, 1e-9);
        // a collapsed axis (1-D latent space) must not blow the other one up
        double base;
        if (spanY < spanX * 1e-6) {
            base = 0.9 * w / spanX;
        } else if (spanX < spanY * 1e-6) {
            base = 0.9 * h / spanY;
        } else {
            base = 0.9 * Math.min(w / spanX, h / spanY);
        }
        return base * zoom;
    }

    /** @return canvas x of plane x = 0 */
    double originX() {
        return width / 2 - centerX * scale();
    }

    /** @return canvas y of plane y = 0 */
    double originY() {
        return height / 2 + centerY * scale();
    }

    /** @return canvas coordinates of a plane point */
    Point2D toScreen(double x, double y) {
        double s = scale();
        return new Point2D(width / 2 + (x - centerX) * s, height / 2 - (y - centerY) * s);
    }

    /** @return plane coordinates of a canvas point */
    Point2D toPlane(double sx, double sy) {
        double s = scale();
        return new Point2D(centerX + (sx - width / 2) / s, centerY - (sy - height / 2) / s);
    }

    /** Zooms by {@code factor} keeping the plane point under (sx, sy) where it is. */
    void zoomAt(double sx, double sy, double factor) {
        Point2D anchor = toPlane(sx, sy);
        zoom = Math.max(0.2, Math.min(500, zoom * factor));
        double s = scale();
        centerX = anchor.getX() - (sx - width / 2) / s;
        centerY = anchor.getY() + (sy - height / 2) / s;
    }

    /** Moves the view by a drag of (dx, dy) pixels. */
    void pan(double dx, double dy) {
        double s = scale();
        centerX -= dx / s;
        centerY += dy / s;
    }
}
