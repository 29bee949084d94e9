package io.latentlab.ui.study.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import javafx.beans.InvalidationListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Long texts (model names, discard reasons, noise labels) shown whole: columns as wide as
 * their longest text up to a limit, and beyond it the full text in the cell's tooltip.
 */
public final class FullText {

    /** A column is never made wider than this; its longer texts are in tooltips. */
    private static final double MAX_WIDTH = 420;
    /** A cell's padding and a bold text's extra width. */
    private static final double PADDING = 28;

    private FullText() {
    }

    /**
     * @param key the header's key in the strings
     * @param value the cell text of a row
     * @param rows the table's rows: the column widens to their longest text
     * @param <R> row type
     * @return an unsortable text column whose cells carry their text as tooltip
     */
    public static <R> TableColumn<R, String> column(String key, Function<R, String> value,
            ObservableList<R> rows) {
        TableColumn<R, String> c = StudyControls.column(key, value);
        c.setCellFactory(x -> cell());
        InvalidationListener fit = o -> {
            List<String> texts = new ArrayList<>();
            for (R r : rows) {
                texts.add(value.apply(r));
            }
            fit(c, texts);
        };
        rows.addListener(fit);
        fit.invalidated(rows);
        return c;
    }

    /**
     * Sets a column's minimum and preferred width to show its header and these texts whole,
     * up to {@link #MAX_WIDTH}.
     *
     * @param c the column
     * @param texts its cells' texts
     */
    public static void fit(TableColumn<?, ?> c, Collection<String> texts) {
        double w = Math.max(width(c.getText(), true), width(texts, false));
        w = Math.min(MAX_WIDTH, w + PADDING);
        c.setMinWidth(w);
        c.setPrefWidth(w);
    }

    /**
     * @param <R> row type
     * @return a cell showing its text, the whole text also as its tooltip
     */
    public static <R> TableCell<R, String> cell() {
        return new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                boolean none = empty || item == null || item.isEmpty();
                setText(none ? null : item);
                tip.setText(none ? "" : item);
                setTooltip(none ? null : tip);
            }
        };
    }

    /**
     * @param texts texts, each of one or more lines
     * @param bold whether they are shown bold (as column headers are)
     * @return the width of the widest line in the default font
     */
    public static double width(Collection<String> texts, boolean bold) {
        double w = 0;
        for (String s : texts) {
            w = Math.max(w, width(s, bold));
        }
        return w;
    }

    private static double width(String s, boolean bold) {
        if (s == null) {
            return 0;
        }
        Font base = Font.getDefault();
        Font font = bold ? Font.font(base.getFamily(), FontWeight.BOLD, base.getSize()) : base;
        double w = 0;
        for (String line : s.split("\n")) {
            Text t = new Text(line);
            t.setFont(font);
            w = Math.max(w, t.getLayoutBounds().getWidth());
        }
        return Math.ceil(w);
    }
}
