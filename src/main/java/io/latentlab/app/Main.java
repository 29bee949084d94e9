package io.latentlab.app;

import io.latentlab.cli.LatentLabCli;
import io.latentlab.data.AppDirs;

import java.io.PrintWriter;

/**
 * Entry point. With a subcommand it runs headless; without arguments it opens the desktop app.
 * This class does not extend {@code Application}, so the jar also starts with JavaFX on the
 * class path.
 */
public final class Main {

    private Main() {}

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        // DJL must never try to download anything: the native library ships as a dependency.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (args.length == 0) {
            // a window started from a menu has no terminal: problems go to a file too
            if (FileLog.install(AppDirs.logFile())) {
                // About names it only when it is written
                System.setProperty(LatentLabApp.LOG_FILE_PROPERTY, AppDirs.logFile().toString());
            }
            javafx.application.Application.launch(LatentLabApp.class);
            return;
        }
        int code = LatentLabCli.run(new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args);
        System.exit(code);
    }
}
