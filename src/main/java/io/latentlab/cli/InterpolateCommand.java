package io.latentlab.cli;

import io.latentlab.analysis.Interpolation;
import io.latentlab.data.Dataset;
import io.latentlab.report.Charts;
import io.latentlab.service.ModelHandle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The latent line between two test digits beside their pixel cross-fade, as a PNG. */
@Command(name = "interpolate",
        description = "Decode points on the line between the codes of two test digits, above "
                + "the pixel cross-fade of the same two digits; write the figure as PNG.")
final class InterpolateCommand implements Callable<Integer> {

    /** Pixel scale of the figure. */
    static final int SCALE = 3;
    /** Most points on a line: more would not fit a screen. */
    static final int MAX_STEPS = 50;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Checkpoint folder.")
    Path model;

    @Option(names = "--from", required = true, paramLabel = "I",
            description = "Test index of digit A.")
    int from;

    @Option(names = "--to", required = true, paramLabel = "J",
            description = "Test index of digit B.")
    int to;

    @Option(names = "--steps", defaultValue = "10",
            description = "Points on the line, A and B included, 2.." + MAX_STEPS
                    + " (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--out", required = true, paramLabel = "FILE.png",
            description = "The PNG to write.")
    Path out;

    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        // Java2D only: never try to open a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        if (steps < Interpolation.MIN_STEPS || steps > MAX_STEPS) {
            throw new IllegalArgumentException("--steps must be between "
                    + Interpolation.MIN_STEPS + " and " + MAX_STEPS + ", got " + steps);
        }
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + ": is a folder; --out needs a file");
        }
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException(out
                    + ": already exists (use --force to replace it)");
        }
        Dataset test = data.load().test();
        checkIndex("--from", from, test.size());
        checkIndex("--to", to, test.size());
        Interpolation.Strip strip;
        try (ModelHandle handle = ModelHandle.load(model)) {
            strip = handle.interpolate(test.copyImage(from), test.copyImage(to), steps);
        }
        String title = String.format(Locale.ROOT, "A = test #%d (label %d), B = test #%d "
                + "(label %d)", from, test.label(from), to, test.label(to));
        Charts.writePng(Charts.interpolation(strip, title, SCALE), out);
        spec.commandLine().getOut().printf(Locale.ROOT,
                "wrote=%s steps=%d from=%d (label %d) to=%d (label %d)%n",
                out.toAbsolutePath().normalize(), steps, from, test.label(from), to,
                test.label(to));
        return 0;
    }

    private static void checkIndex(String option, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(option + " " + index
                    + " is not a test index: they run from 0 to " + (size - 1));
        }
    }
}
