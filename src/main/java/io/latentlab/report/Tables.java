package io.latentlab.report;

import java.util.ArrayList;
import java.util.List;

/** CSV and Markdown table helpers of the report (RFC 4180 CSV, GitHub-flavoured tables). */
final class Tables {

    private Tables() {}

    /** One CSV line, fields quoted when they hold a comma, quote or line break. */
    static String csvRow(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0
                    || f.indexOf('\r') >= 0) {
                f = '"' + f.replace("\"", "\"\"") + '"';
            }
            b.append(f);
        }
        return b.append('\n').toString();
    }

    /** A whole CSV file: header, then rows. */
    static String csv(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder(csvRow(header));
        for (List<String> r : rows) {
            b.append(csvRow(r));
        }
        return b.toString();
    }


    /**
     * A Markdown table. Columns whose every non-empty cell is a number are right-aligned.
     * Rows shorter than the header are padded with empty cells.
     */
    static String markdown(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("|");
        for (String h : header) {
            b.append(' ').append(cell(h)).append(" |");
        }
        b.append("\n|");
        for (int c = 0; c < header.size(); c++) {
            b.append(numericColumn(rows, c) ? "---:|" : "---|");
        }
        b.append('\n');
        for (List<String> r : rows) {
            b.append('|');
            for (int c = 0; c < header.size(); c++) {
                b.append(' ').append(cell(c < r.size() ? r.get(c) : "")).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static boolean numericColumn(List<List<String>> rows, int c) {
        boolean any = false;
        for (List<String> r : rows) {
            String v = c < r.size() ? r.get(c).strip() : "";
            if (v.isEmpty()) {
                continue;
            }
            try {
                Double.parseDouble(v);
                any = true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return any;
    }

    /** Escapes what would break a table cell. */
    static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
