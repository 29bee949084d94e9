package io.latentlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PyTorch's engine warnings out of the terminal. Two print on a normal run:
 *
 * <p>NNPACK: on CPUs NNPACK does not support (seen on an AMD EPYC), every convolution of a
 * small batch (a drawn digit, a single reconstruction) tried to initialise it and printed
 * "Could not initialize NNPACK! Reason: Unsupported hardware". NNPACK is switched off through
 * PyTorch's own switch ({@code torch.backends.nnpack.enabled = False}, i.e.
 * {@code at::globalContext().setUserEnabledNNPACK(false)}), called through JNA on the loaded
 * libtorch_cpu (Linux: found in /proc/self/maps; DJL has no binding). Convolutions then take
 * PyTorch's other CPU kernels, as they already did where NNPACK could not start.
 *
 * <p>"AutoNonVariableTypeMode is deprecated": DJL's
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
        disableNnpack();
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

    /** {@code at::globalContext().setUserEnabledNNPACK(false)}; Linux only, else nothing. */
    private static void disableNnpack() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return;
        }
        try (Stream<String> lines = Files.lines(maps)) {
            String lib = lines.map(PyTorchWarning::mappedPath)
                    .filter(f -> f.endsWith("/libtorch_cpu.so")).findFirst().orElse(null);
            if (lib == null) {
                return;
            }
            NativeLibrary torch = NativeLibrary.getInstance(lib);
            Pointer context = torch.getFunction("_ZN2at13globalContextEv")
                    .invokePointer(new Object[0]);
            torch.getFunction("_ZN2at7Context20setUserEnabledNNPACKEb")
                    .invokeVoid(new Object[] {context, Boolean.FALSE});
        } catch (IOException | LinkageError | RuntimeException e) {
            LOG.debug("NNPACK left as it is: {}", e.toString());
        }
    }

    /**
     * The path of a /proc/self/maps line: everything after the fifth field (it may hold spaces),
     * without a trailing " (deleted)".
     */
    static String mappedPath(String line) {
        String[] f = line.trim().split("\\s+", 6);
        if (f.length < 6) {
            return "";
        }
        String path = f[5];
        return path.endsWith(" (deleted)") ? path.substring(0, path.length() - 10) : path;
    }

    /**
     * @return whether PyTorch's NNPACK switch is on; null where it cannot be read (not Linux,
     *     libtorch not loaded)
     */
    static Boolean nnpackEnabled() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            String lib = lines.map(PyTorchWarning::mappedPath)
                    .filter(f -> f.endsWith("/libtorch_cpu.so")).findFirst().orElse(null);
            if (lib == null) {
                return null;
            }
            NativeLibrary torch = NativeLibrary.getInstance(lib);
            Pointer context = torch.getFunction("_ZN2at13globalContextEv")
                    .invokePointer(new Object[0]);
            return (torch.getFunction("_ZNK2at7Context17userEnabledNNPACKEv")
                    .invokeInt(new Object[] {context}) & 0xff) != 0;
        } catch (IOException | LinkageError | RuntimeException e) {
            return null;
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
