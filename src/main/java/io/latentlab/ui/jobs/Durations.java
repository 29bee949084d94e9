package io.latentlab.ui.jobs;

/** Durations as the UI shows them. */
public final class Durations {

    private Durations() {
    }

    /**
     * Formats seconds as "1 h 02 min", "3 min 05 s" or "12 s".
     *
     * @param seconds a duration
     * @return the text, "" for a negative or unknown duration
     */
    public static String format(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format("%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }
}
