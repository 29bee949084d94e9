package io.latentlab.model;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the C allocator keep freed memory for reuse instead of returning it to the operating
 * system after every training step.
 *
 * <p>Why: PyTorch's CPU allocator calls {@code malloc}/{@code free} for every tensor. With
 * glibc's defaults, many of a training step's multi-megabyte temporaries were mapped fresh from
 * the OS and zero-filled by the kernel on first touch, step after step: about 4,400 page faults
 * (17 MB) per batch of 1000, and roughly 15% of the training throughput (measured with
 * {@code bench}, README "Performance"). Three {@code mallopt} settings fix it: blocks up to
 * 32 MiB (glibc's maximum mmap threshold) come from the heap, up to 1 GiB of free heap is kept
 * rather than trimmed, and the heap grows in 64 MiB steps. The process then holds on to its
 * peak working set (a few hundred MB while training), which it would reuse anyway.
 *
 * <p>Linux with glibc only (the same settings can be given as {@code MALLOC_*_} environment
 * variables, but a desktop app cannot rely on its launcher); elsewhere, or if the call fails,
 * nothing changes and training is just slower.
 */
public final class NativeMemory {

    private static final Logger LOG = LoggerFactory.getLogger(NativeMemory.class);

    // glibc's malloc.h
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;

    private static final int MIB = 1024 * 1024;

    private static String state;

    private NativeMemory() {}

    /** glibc's tuning call. */
    interface LibC extends Library {
        int mallopt(int param, int value);
    }

    /**
     * Applies the allocator settings once per process; later calls only return the outcome.
     *
     * @return what was done, e.g. {@code "glibc malloc tuned"} or {@code "default (macOS)"}
     */
    public static synchronized String tune() {
        if (state == null) {
            state = apply();
            LOG.debug("native allocator: {}", state);
        }
        return state;
    }

    private static String apply() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return "default (" + System.getProperty("os.name") + ")";
        }
        try {
            LibC c = Native.load("c", LibC.class);
            boolean ok = c.mallopt(M_MMAP_THRESHOLD, 32 * MIB) == 1
                    & c.mallopt(M_TRIM_THRESHOLD, 1024 * MIB) == 1
                    & c.mallopt(M_TOP_PAD, 64 * MIB) == 1;
            return ok ? "glibc malloc tuned" : "default (mallopt refused a setting)";
        } catch (LinkageError | RuntimeException e) {
            // not glibc (e.g. musl without mallopt) or JNA cannot load: keep the defaults
            return "default (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
    }
}
