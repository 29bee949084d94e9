package io.latentlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PyTorch's "AutoNonVariableTypeMode is deprecated" warning out of the terminal. DJL's
 * native {@code NDArray.set} uses that guard, and libtorch prints the warning to the process's
 * stderr the first time (once per process): every command and the app showed it, and it says
 * nothing a user can act on. The first {@code set} is made here with native stderr pointed at
 * {@code /dev/null} for that one call, so the warning is spent and later ones never print.
 *
 * <p>POSIX only (JNA's {@code dup}/{@code dup2}); elsewhere, or if a call fails, nothing is
 * redirected and the warning prints as before. Output of other threads during the call (a few
 * microseconds, at start-up) would be lost; nothing else runs on the engine then.
 */
final class PyTorchWarning {

    private static final Logger LOG = LoggerFactory.getLogger(PyTorchWarning.class);
    private static final int STDERR = 2;
    private static final int O_WRONLY = 1;

    private static boolean spent;

    private PyTorchWarning() {}

    /** libc's file-descriptor calls. */
    interface LibC extends Library {
        int dup(int fd);

        int dup2(int from, int to);

        int open(String path, int flags);

        int close(int fd);
    }

    /**
     * Triggers the warning once per process with native stderr silenced (engine thread).
     *
     * @param manager where the one-element array lives briefly
     */
    static synchronized void spend(NDManager manager) {
        if (spent) {
            return;
        }
        spent = true;
        LibC c = posixLibC();
        int saved = -1;
        int devNull = -1;
        try {
            if (c != null) {
                saved = c.dup(STDERR);
                devNull = c.open("/dev/null", O_WRONLY);
                if (saved < 0 || devNull < 0 || c.dup2(devNull, STDERR) < 0) {
                    LOG.debug("native stderr not redirected: dup {} open {}", saved, devNull);
                }
            }
            try (NDManager m = manager.newSubManager()) {
                NDArray one = m.zeros(new Shape(1));
                one.set(new float[] {0});
            }
        } finally {
            if (c != null) {
                System.err.flush();
                if (saved >= 0) {
                    c.dup2(saved, STDERR);
                    c.close(saved);
                }
                if (devNull >= 0) {
                    c.close(devNull);
                }
            }
        }
    }

    private static LibC posixLibC() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("no libc for the stderr redirect: {}", e.toString());
            return null;
        }
    }
}
