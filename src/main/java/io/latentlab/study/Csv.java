package io.latentlab.study;

/** Small helpers for writing RFC 4180 CSV. */
final class Csv {

    private Csv() {}

    /** Quotes a field when it holds a comma, quote or line break. */
    static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0
                && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** A number with full precision (round-trips through {@link Double#parseDouble}). */
    static String number(double v) {
        return Double.toString(v);
    }

    /** Joins fields with commas and ends the line. */
    static String row(String... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(fields[i]));
        }
        return b.append('\n').toString();
    }
}
