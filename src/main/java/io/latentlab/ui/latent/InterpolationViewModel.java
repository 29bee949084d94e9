package io.latentlab.ui.latent;

import io.latentlab.analysis.Interpolation;
import io.latentlab.report.Charts;
import io.latentlab.service.ModelHandle;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.Jobs;
import io.latentlab.ui.jobs.LatestWins;
import io.latentlab.ui.latent.LatentViewModel.Projection;

import java.nio.file.Path;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interpolation on the latent map: two test digits A and B picked on the map, the decodes of
 * {@link #STEPS} codes on the line between their codes and the pixel cross-fade of the two
 * (one engine job; a newer pair replaces one not yet computed), and its export as PNG.
 * FX thread only.
 */
public final class InterpolationViewModel {

    /** Points on the line, A and B included. */
    public static final int STEPS = 10;
    /** Pixel scale of the exported figure. */
    static final int SCALE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(InterpolationViewModel.class);
    private static final String LINE = "latent.line";

    private final LatentViewModel map;
    private final Jobs jobs;
    private final LatestWins latest;
    private final BooleanProperty picking = new SimpleBooleanProperty(this, "picking");
    private final ReadOnlyIntegerWrapper a = new ReadOnlyIntegerWrapper(this, "a", -1);
    private final ReadOnlyIntegerWrapper b = new ReadOnlyIntegerWrapper(this, "b", -1);
    private final ReadOnlyObjectWrapper<Interpolation.Strip> strip = new ReadOnlyObjectWrapper<>(
            this, "strip");
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    /**
     * @param map the latent map the digits are picked on (a new map drops A and B)
     * @param jobs where the work runs
     */
    InterpolationViewModel(LatentViewModel map, Jobs jobs) {
        this.map = map;
        this.jobs = jobs;
        this.latest = new LatestWins(jobs);
        map.projectionProperty().addListener((obs, o, n) -> clear());
        updateCaption();
    }

    /**
     * Picks a test digit: the first pick (or one after a complete pair) is A, the next B,
     * which computes the strip.
     *
     * @param index a test index of the map
     */
    public void pick(int index) {
        if (a.get() < 0 || b.get() >= 0) {
            setA(index);
        } else {
            setB(index);
        }
    }

    /** @param index the test index of A; B is picked next */
    public void setA(int index) {
        latest.cancel(LINE);
        strip.set(null);
        a.set(index);
        b.set(-1);
        status.set("");
        updateCaption();
    }

    /** @param index the test index of B; with A set, computes the strip */
    public void setB(int index) {
        b.set(index);
        updateCaption();
        compute();
    }

    /** Forgets A, B and the strip. */
    public void clear() {
        latest.cancel(LINE);
        strip.set(null);
        a.set(-1);
        b.set(-1);
        status.set("");
        updateCaption();
    }

    private void compute() {
        Projection p = map.projectionProperty().get();
        int ia = a.get();
        int ib = b.get();
        if (p == null || ia < 0 || ib < 0) {
            return;
        }
        float[] imageA = p.images().copyImage(ia);
        float[] imageB = p.images().copyImage(ib);
        ModelHandle handle = p.model().model();
        latest.submit(LINE, Job.onEngine(map.text("latent.line.job"),
                c -> handle.interpolate(imageA, imageB, STEPS))
                .visible(false)
                .onSuccess(s -> {
                    if (p == map.projectionProperty().get() && ia == a.get() && ib == b.get()) {
                        strip.set(s);
                    }
                })
                .onFailure(e -> {
                    LOG.warn("interpolating failed", e);
                    status.set(map.format("latent.line.error", e.getMessage()));
                }));
    }

    /**
     * Writes the strip as a PNG figure (both rows, A and B named in its title) in a worker
     * job; the status says where it went or why it failed.
     *
     * @param file the PNG to write (atomically)
     * @return the job, or null when there is no strip
     */
    public Job<Path> export(Path file) {
        Interpolation.Strip s = strip.get();
        if (s == null) {
            return null;
        }
        String title = title();
        return jobs.submit(Job.onWorker(map.text("latent.line.exportJob"), c -> {
            Charts.writePng(Charts.interpolation(s, title, SCALE), file);
            return file;
        }).onSuccess(f -> status.set(map.format("latent.line.exported", f.getFileName())))
                .onFailure(e -> status.set(map.format("latent.line.exportError",
                        e.getMessage()))));
    }

    /** @return "A = test #3 (label 0), B = test #7 (label 9)", or "" without a pair */
    public String title() {
        Projection p = map.projectionProperty().get();
        if (p == null || a.get() < 0 || b.get() < 0) {
            return "";
        }
        return map.format("latent.line.title", a.get(), p.labels()[a.get()], b.get(),
                p.labels()[b.get()]);
    }

    /** @return the suggested file name of the export */
    public String fileName() {
        return "interpolation-" + a.get() + "-" + b.get() + ".png";
    }

    private void updateCaption() {
        Projection p = map.projectionProperty().get();
        if (a.get() < 0 || p == null) {
            caption.set(map.text("latent.line.pickA"));
        } else if (b.get() < 0) {
            caption.set(map.format("latent.line.pickB", a.get(), p.labels()[a.get()]));
        } else {
            caption.set(title());
        }
    }

    /** @return whether a click on a point picks it (the A–B toggle) instead of opening it */
    public BooleanProperty pickingProperty() {
        return picking;
    }

    /** @return the test index of A, or -1 */
    public ReadOnlyIntegerProperty aProperty() {
        return a.getReadOnlyProperty();
    }

    /** @return the test index of B, or -1 */
    public ReadOnlyIntegerProperty bProperty() {
        return b.getReadOnlyProperty();
    }

    /** @return the computed strip, or null */
    public ReadOnlyObjectProperty<Interpolation.Strip> stripProperty() {
        return strip.getReadOnlyProperty();
    }

    /** @return what to do next, or which digits the strip joins */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** @return the export's outcome or an error, else "" */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
