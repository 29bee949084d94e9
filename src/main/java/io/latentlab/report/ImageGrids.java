package io.latentlab.report;

import static io.latentlab.report.ChartFrame.AXIS;
import static io.latentlab.report.ChartFrame.LABEL_FONT;
import static io.latentlab.report.ChartFrame.TITLE_FONT;
import static io.latentlab.report.ChartFrame.canvas;
import static io.latentlab.report.ChartFrame.graphics;

import io.latentlab.study.ReconstructionGrid;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Labelled grids of grayscale digit images, such as the reconstruction figure. */
final class ImageGrids {

    private ImageGrids() {}

    /**
     * See {@link Charts#reconstructionGrid}. Each noise gets a heading line over its pair of
     * rows, so the row labels stay short ("in", "out") and the figure narrow: shrunk to a
     * side pane its text stays readable, which is why the text grows with the scale.
     */
    static BufferedImage reconstructionGrid(ReconstructionGrid grid, String title,
            int scale) {
        int n = grid.noises().size();
        int cols = grid.digits().length;
        int side = grid.rows();
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1");
        }
        int cell = side * scale;
        int gap = 2 * scale;
        Font label = LABEL_FONT.deriveFont((float) (6 * scale + 5));
        Font heading = label.deriveFont(Font.BOLD);
        Font titleFont = TITLE_FONT.deriveFont((float) (5 * scale + 8));
        Graphics2D probe = graphics(canvas(1, 1));
        FontMetrics fm = probe.getFontMetrics(label);
        FontMetrics hm = probe.getFontMetrics(heading);
        FontMetrics tm = probe.getFontMetrics(titleFont);
        probe.dispose();
        String in = "in";
        String out = "out";
        int margin = 8;
        int left = margin + Math.max(fm.stringWidth(in), fm.stringWidth(out)) + margin;
        int headingH = hm.getHeight() + scale;
        int top = margin + (title.isEmpty() ? 0 : tm.getHeight() + margin) + fm.getHeight();
        int block = headingH + 2 * cell + gap + 2 * gap;
        int width = left + cols * (cell + gap) + margin;
        int height = top + n * block + margin;
        BufferedImage img = canvas(width, height);
        Graphics2D g = graphics(img);
        try {
            g.setColor(AXIS);
            if (!title.isEmpty()) {
                g.setFont(titleFont);
                g.drawString(title, margin, margin + tm.getAscent());
            }
            g.setFont(label);
            for (int c = 0; c < cols; c++) {
                String l = "#" + grid.digits()[c] + " (" + grid.classes()[c] + ")";
                g.drawString(l, left + c * (cell + gap) + (cell - fm.stringWidth(l)) / 2,
                        top - fm.getDescent());
            }
            for (int r = 0; r < n; r++) {
                int y = top + r * block;
                g.setColor(AXIS);
                g.setFont(heading);
                g.drawString(grid.noises().get(r).describe(), left, y + hm.getAscent());
                int yIn = y + headingH;
                int yOut = yIn + cell + gap;
                g.setFont(label);
                int mid = (cell + fm.getAscent() - fm.getDescent()) / 2;
                g.drawString(in, left - margin - fm.stringWidth(in), yIn + mid);
                g.drawString(out, left - margin - fm.stringWidth(out), yOut + mid);
                for (int c = 0; c < cols; c++) {
                    int x = left + c * (cell + gap);
                    drawDigit(img, grid.inputs()[r][c], side, scale, x, yIn);
                    drawDigit(img, grid.outputs()[r][c], side, scale, x, yOut);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
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
