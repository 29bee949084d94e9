package io.latentlab.ui.help;

import io.latentlab.service.EngineInfo;
import io.latentlab.ui.jobs.Job;
import io.latentlab.ui.jobs.Jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What About shows: the version, Java, the engine (read in an engine job, as the engine is
 * engine-thread state), threads, the log file and the licences. FX thread only.
 */
public final class AboutViewModel {

    private final Jobs jobs;
    private final StringProperty engine =
            new SimpleStringProperty(this, "engine", HelpText.get("about.loading"));
    private final ObjectProperty<Path> logFile = new SimpleObjectProperty<>(this, "logFile");

    /**
     * @param jobs runs the engine job
     */
    public AboutViewModel(Jobs jobs) {
        this.jobs = jobs;
    }

    /**
     * The version the build stamped: the jar manifest's Implementation-Version, else the
     * filtered {@code version.properties} (also there when run from target/classes), else "dev".
     *
     * @return the application version
     */
    public static String version() {
        String v = AboutViewModel.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return v;
        }
        try (InputStream in = AboutViewModel.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                v = p.getProperty("version", "");
                // an unfiltered copy (an IDE's build) still holds the placeholder
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "dev";
    }

    /**
     * Reads the engine's versions in an invisible engine job; until it ends, and if it fails,
     * {@link #engineProperty()} says so.
     *
     * @return the job
     */
    public Job<EngineInfo> load() {
        return jobs.submit(Job.onEngine(HelpText.get("about.title"), c -> EngineInfo.read())
                .visible(false)
                .onSuccess(info -> engine.set(engineText(info)))
                .onFailure(e -> engine.set(
                        HelpText.get("about.noEngine") + ": " + e.getMessage())));
    }

    static String engineText(EngineInfo info) {
        return info.engineName() + " " + info.engineVersion() + " (DJL " + info.djlVersion() + ")";
    }

    /** @return "Latent Lab 0.1.0" */
    public String header() {
        return HelpText.format("about.header", version());
    }

    /** @return Java's version and vendor */
    public String java() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    /** @return processors and PyTorch's intra-op threads */
    public String threads() {
        return HelpText.format("about.threadsValue", Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
    }

    /** @return the engine line: "PyTorch 2.7.1 (DJL 0.36.0)" once read */
    public ReadOnlyStringProperty engineProperty() {
        return engine;
    }

    /** @return the log file About names; null hides the line (set by the shell) */
    public ObjectProperty<Path> logFileProperty() {
        return logFile;
    }

    /** @return the licences line */
    public String licences() {
        return HelpText.get("about.licencesText");
    }
}
