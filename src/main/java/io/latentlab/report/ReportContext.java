package io.latentlab.report;

import io.latentlab.data.Dataset;
import io.latentlab.data.MnistData;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the section builders of one report share: its inputs, the files written so far and the
 * helpers that name, link and format them.
 */
final class ReportContext {

    static final int BATCH = 1000;
    static final int SCALE = 3;
    static final int CHART_W = 800;
    static final int CHART_H = 500;

    final Path out;
    /** The models, in report order. */
    final List<ReportItem> items;
    final MnistData data;
    final ReportWriter.Options opts;
    final Consumer<String> progress;
    /** The test digits used (all, or the first {@code limit}). */
    final Dataset test;
    /** Every file written, in writing order. */
    final List<Path> files = new ArrayList<>();

    ReportContext(Path out, List<ReportItem> items, MnistData data, ReportWriter.Options opts,
            Consumer<String> progress) {
        this.out = out;
        this.items = items;
        this.data = data;
        this.opts = opts;
        this.progress = progress;
        this.test = opts.limit() == 0 ? data.test()
                : data.test().slice(0, Math.min(opts.limit(), data.test().size()));
    }

    /** The path of a report file, recorded as written. */
    Path file(String name) {
        Path p = out.resolve(name);
        files.add(p);
        return p;
    }

    void png(BufferedImage img, String name) throws IOException {
        Charts.writePng(img, file(name));
    }

    String digitsText() {
        return opts.limit() == 0 ? "all " + test.size() + " test digits"
                : "the first " + test.size() + " test digits (--limit " + opts.limit() + ")";
    }

    // ------------------------------------------------------------ names, links, numbers

    static String safeName(Path dir) {
        Path f = dir.toAbsolutePath().normalize().getFileName();
        return safeName(f == null ? "" : f.toString(), "model");
    }

    static String safeName(String name, String prefix) {
        // the name becomes part of file names and Markdown links
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? prefix + safe : safe;
    }

    static String uniqueName(String base, Set<String> taken) {
        String name = base;
        for (int k = 2; !taken.add(name); k++) {
            name = base + "-" + k;
        }
        return name;
    }

    static String image(String file, String alt) {
        return "![" + alt + "](" + file + ")\n\n";
    }

    static String link(String file) {
        return "[" + file + "](" + file + ")";
    }

    static boolean anyFinite(double[] v) {
        for (double d : v) {
            if (Double.isFinite(d)) {
                return true;
            }
        }
        return false;
    }

    static String str(String s) {
        return s == null ? "" : s;
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
    }

    static String fmt4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "";
    }

    static String fmtShort(double v) {
        return Axis.tickLabel(v);
    }
}
