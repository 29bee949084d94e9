package io.latentlab.report;

import static io.latentlab.report.ChartFrame.AXIS;
import static io.latentlab.report.ChartFrame.LABEL_FONT;
import static io.latentlab.report.ChartFrame.TITLE_FONT;
import static io.latentlab.report.ChartFrame.canvas;
import static io.latentlab.report.ChartFrame.graphics;

import io.latentlab.study.ReconstructionGrid;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Labelled grids of grayscale digit images, such as the reconstruction figure. */
final class ImageGrids {

    private ImageGrids() {}

    /** See {@link Charts#reconstructionGrid}. */
    static BufferedImage reconstructionGrid(ReconstructionGrid grid, String title,
            int scale) {
        int n = grid.noises().size();
        float[][][] cells = new float[2 * n][][];
        List<String> rowLabels = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            cells[2 * r] = grid.inputs()[r];
            cells[2 * r + 1] = grid.outputs()[r];
            rowLabels.add(grid.noises().get(r).spec() + " input");
            rowLabels.add(grid.noises().get(r).spec() + " output");
        }
        List<String> colLabels = new ArrayList<>();
        for (int i = 0; i < grid.digits().length; i++) {
            colLabels.add("#" + grid.digits()[i] + " (" + grid.classes()[i] + ")");
        }
        return imageGrid(title, rowLabels, colLabels, cells, grid.rows(), scale);
    }

    /** See {@link Charts#imageGrid}. */
    static BufferedImage imageGrid(String title, List<String> rowLabels,
            List<String> colLabels, float[][][] images, int side, int scale) {
        int rows = images.length;
        int cols = rows == 0 ? 0 : images[0].length;
        if (rowLabels.size() != rows || (!colLabels.isEmpty() && colLabels.size() != cols)) {
            throw new IllegalArgumentException("need " + rows + " row labels and " + cols
                    + " column labels, got " + rowLabels.size() + " and " + colLabels.size());
        }
        if (side < 1 || scale < 1) {
            throw new IllegalArgumentException("side and scale must be >= 1");
        }
        int cell = side * scale;
        int gap = 4;
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics fm = probe.getFontMetrics(LABEL_FONT);
        probe.dispose();
        int labelWidth = 0;
        for (String l : rowLabels) {
            labelWidth = Math.max(labelWidth, fm.stringWidth(l));
        }
        int left = labelWidth + 16;
        int top = (title.isEmpty() ? 8 : 34) + (colLabels.isEmpty() ? 0 : 20);
        int width = Math.max(left + cols * (cell + gap) + 8, 200);
        int height = top + rows * (cell + gap) + 8;
        BufferedImage img = canvas(width, height);
        Graphics2D g = graphics(img);
        try {
            if (!title.isEmpty()) {
                g.setFont(TITLE_FONT);
                g.setColor(AXIS);
                g.drawString(title, 8, 22);
            }
            g.setFont(LABEL_FONT);
            g.setColor(AXIS);
            for (int c = 0; c < colLabels.size(); c++) {
                String l = colLabels.get(c);
                g.drawString(l, left + c * (cell + gap) + (cell - fm.stringWidth(l)) / 2,
                        top - 6);
            }
            for (int r = 0; r < rows; r++) {
                int y = top + r * (cell + gap);
                g.setColor(AXIS);
                g.drawString(rowLabels.get(r), left - 10 - fm.stringWidth(rowLabels.get(r)),
                        y + cell / 2 + fm.getAscent() / 2 - 1);
                if (images[r].length != cols) {
                    throw new IllegalArgumentException("row " + r + " has " + images[r].length
                            + " images, expected " + cols);
                }
                for (int c = 0; c < cols; c++) {
                    drawDigit(img, images[r][c], side, scale, left + c * (cell + gap), y);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void drawDigit(BufferedImage img, float[] pixels, int side, int scale, int x0,
            int y0) {
        if (pixels.length < side * side) {
            throw new IllegalArgumentException("an image needs " + side * side + " pixels, got "
                    + pixels.length);
        }
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                float v = pixels[r * side + c];
                int gray = Float.isNaN(v) ? 0 : Math.round(Math.max(0f, Math.min(1f, v)) * 255);
                int rgb = (gray << 16) | (gray << 8) | gray;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(x0 + c * scale + dx, y0 + r * scale + dy, rgb);
                    }
                }
            }
        }
    }
}
