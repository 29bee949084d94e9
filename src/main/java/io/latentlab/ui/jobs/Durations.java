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

    /**
     * The time left as the UI shows it: under a second it says {@code finishing}, because
     * "0 s left" reads as a stuck estimate.
     *
     * @param seconds estimated seconds left, NaN while unknown
     * @param format a format with one {@code %s} for the duration, e.g. "%s left"
     * @param finishing the text for less than a second left, e.g. "finishing…"
     * @return the text, "" for a negative or unknown time
     */
    public static String left(double seconds, String format, String finishing) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "";
        }
        return seconds < 1 ? finishing : String.format(format, format(seconds));
    }
}
