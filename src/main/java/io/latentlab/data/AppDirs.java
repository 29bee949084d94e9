package io.latentlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Latent Lab finds its folders. Shipped, read-only things ({@code assets/mnist},
 * {@code models}) come from the working directory when it has them (a checkout), else from
 * the installation ({@value #HOME_PROPERTY}, set by the installed launcher). Things the app
 * writes (its log, and runs when the working directory is no Latent Lab folder) go to the
 * user's data folder: {@code $XDG_DATA_HOME/latent-lab} or {@code ~/.local/share/latent-lab}
 * on Linux, {@code ~/Library/Application Support/Latent Lab} on macOS,
 * {@code %LOCALAPPDATA%\Latent Lab} on Windows, or {@value #USER_DATA_PROPERTY} when set
 * (tests point it to a temporary folder).
 */
public final class AppDirs {

    /** System property naming the installation folder that holds assets/ and models/. */
    public static final String HOME_PROPERTY = "latentlab.home";
    /** System property overriding the user's data folder. */
    public static final String USER_DATA_PROPERTY = "latentlab.userdata";

    private AppDirs() {}

    /** @return the user's data folder (not created here) */
    public static Path userData() {
        String override = System.getProperty(USER_DATA_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return userData(System.getProperty("os.name", ""), System.getenv(),
                Path.of(System.getProperty("user.home", "")));
    }

    /**
     * The platform's rule for the user's data folder.
     *
     * @param osName the {@code os.name} property
     * @param env environment variables
     * @param home the user's home folder
     * @return the folder
     */
    static Path userData(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local)
                    : home.resolve("AppData").resolve("Local");
            return base.resolve("Latent Lab");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Latent Lab");
        }
        // XDG base directory spec: a relative XDG_DATA_HOME is invalid and ignored
        String xdg = env.get("XDG_DATA_HOME");
        Path base = isAbsolute(xdg) ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("latent-lab");
    }

    /** @return the app's log file, {@code logs/latent-lab.log} in the user's data folder */
    public static Path logFile() {
        return userData().resolve("logs").resolve("latent-lab.log");
    }

    /**
     * A shipped folder: {@code ./relative} when it exists (and, for an installed app, the working
     * folder is a Latent Lab folder: a menu launcher starts in the home folder, whose own
     * {@code models/} is not ours), else the installation's, else {@code ./relative} (so that an
     * error names it).
     *
     * @param relative e.g. {@code "models"} or {@code "assets/mnist"}
     * @return the folder
     */
    public static Path shipped(String relative) {
        return shipped(relative, Path.of(""), installation());
    }

    static Path shipped(String relative, Path workDir, Path installation) {
        Path local = workDir.resolve(relative);
        if (installation == null || Files.isDirectory(local) && isLatentLabFolder(workDir)) {
            return local;
        }
        Path installed = installation.resolve(relative);
        return Files.isDirectory(installed) ? installed : local;
    }

    /** @return the installation folder, or null when not running from an installed image */
    public static Path installation() {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null || home.isBlank() ? null : Path.of(home);
    }

    /**
     * Where the app saves new runs: {@code ./runs} when the working directory is a writable
     * Latent Lab folder (it has {@code assets/mnist}, as a checkout does: a {@code models/} or
     * {@code runs/} alone may be anyone's), else {@code runs} in the user's data folder (an
     * installed app starts in the home folder or /).
     *
     * @return the folder (not created here)
     */
    public static Path runs() {
        return runs(Path.of(""), userData());
    }

    static Path runs(Path workDir, Path userData) {
        Path abs = workDir.toAbsolutePath();
        Path runs = abs.resolve("runs");
        boolean writable = Files.isDirectory(runs) ? Files.isWritable(runs) : Files.isWritable(abs);
        return isLatentLabFolder(abs) && writable ? workDir.resolve("runs")
                : userData.resolve("runs");
    }

    /** A checkout or a folder set up like one: it holds the MNIST files where the app looks. */
    static boolean isLatentLabFolder(Path dir) {
        return Files.isDirectory(dir.toAbsolutePath().resolve("assets").resolve("mnist"));
    }

    private static boolean isAbsolute(String path) {
        try {
            return path != null && !path.isBlank() && Path.of(path).isAbsolute();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
