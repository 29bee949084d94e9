package io.latentlab.cli;

/** Reads the engine settings that DJL takes from system properties. */
final class EngineSettings {

    private EngineSettings() {}

    /** @return the intra-op thread count DJL gives PyTorch */
    static int intraOpThreads() {
        String v = System.getProperty("ai.djl.pytorch.num_threads");
        if (v != null) {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                // fall through to DJL's default
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
