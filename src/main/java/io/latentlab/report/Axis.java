package io.latentlab.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A mapping of data values to [0, 1] with its tick positions, and the tick arithmetic behind it.
 */
record Axis(double lo, double hi, double[] ticks, boolean log) {

    static Axis linear(double min, double max) {
        double[] t = niceTicks(min, max, 5);
        return new Axis(t[0], t[t.length - 1], t, false);
    }

    static Axis log(double min, double max) {
        if (Math.log10(max) - Math.log10(min) < 3) {
            // a short range: bounds and ticks on the 1-2-5 sequence, no wasted decade
            double lo = niceFloor(min);
            double hi = niceCeil(max);
            if (hi <= lo) {
                hi = niceCeil(lo * 1.01);
            }
            List<Double> ticks = new ArrayList<>();
            for (int e = (int) Math.floor(Math.log10(lo)) - 1; e <= Math.log10(hi) + 1; e++) {
                for (double m : new double[] {1, 2, 5}) {
                    double v = Double.parseDouble(m + "e" + e);
                    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                        ticks.add(v);
                    }
                }
            }
            return new Axis(lo, hi, ticks.stream().mapToDouble(Double::doubleValue)
                    .toArray(), true);
        }
        int lo = (int) Math.floor(Math.log10(min) + 1e-9);
        int hi = (int) Math.ceil(Math.log10(max) - 1e-9);
        double[] ticks = new double[hi - lo + 1];
        for (int e = lo; e <= hi; e++) {
            ticks[e - lo] = Double.parseDouble("1e" + e);
        }
        return new Axis(ticks[0], ticks[ticks.length - 1], ticks, true);
    }

    /** The largest of 1, 2, 5 times a power of ten that is at most {@code v}. */
    private static double niceFloor(double v) {
        int e = (int) Math.floor(Math.log10(v));
        for (double m : new double[] {5, 2, 1}) {
            double c = Double.parseDouble(m + "e" + e);
            if (c <= v * (1 + 1e-9)) {
                return c;
            }
        }
        return Double.parseDouble("1e" + (e - 1)) * 5;
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code v}. */
    private static double niceCeil(double v) {
        int e = (int) Math.floor(Math.log10(v));
        for (double m : new double[] {1, 2, 5}) {
            double c = Double.parseDouble(m + "e" + e);
            if (c >= v * (1 - 1e-9)) {
                return c;
            }
        }
        return Double.parseDouble("1e" + (e + 1));
    }

    double fraction(double v) {
        return log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                : (v - lo) / (hi - lo);
    }

    /**
     * "Nice" tick positions (multiples of 1, 2 or 5 times a power of ten) covering
     * {@code [min, max]}: the first tick is at or below {@code min}, the last at or above
     * {@code max}.
     *
     * @param min smallest value
     * @param max largest value
     * @param target roughly how many intervals
     * @return ascending ticks, at least two
     */
    static double[] niceTicks(double min, double max, int target) {
        if (!(max > min)) { // a single value: centre it in a unit-wide range
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / Math.max(1, target));
        double first = Math.floor(min / step + 1e-9) * step;
        double last = Math.ceil(max / step - 1e-9) * step;
        int count = (int) Math.round((last - first) / step) + 1;
        double[] ticks = new double[Math.max(2, count)];
        for (int i = 0; i < ticks.length; i++) {
            // round away floating-point dust such as 0.30000000000000004
            ticks[i] = new BigDecimal(first + i * step).round(new MathContext(12))
                    .doubleValue();
        }
        return ticks;
    }

    private static double niceStep(double raw) {
        double exp = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / exp;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * exp;
    }

    /**
     * A short tick label: plain decimals without trailing zeros, scientific notation for very
     * small or large magnitudes.
     *
     * @param v the value
     * @return the label
     */
    static String tickLabel(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            String s = String.format(Locale.ROOT, "%.1e", v);
            return s.replace(".0e", "e").replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }
}
