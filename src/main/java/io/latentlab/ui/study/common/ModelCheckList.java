package io.latentlab.ui.study.common;

import io.latentlab.ui.AppContext.ActiveModel;

import java.util.List;

import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;

import org.controlsfx.control.CheckListView;

/** The models of a {@link ModelChoice} as a check list: checks show the choice, clicks change it. */
public final class ModelCheckList extends CheckListView<ActiveModel> {

    private static final double MIN_WIDTH = 220;
    /** Beside the tables a list is no wider than this; longer names are in tooltips. */
    private static final double MAX_WIDTH = 300;
    /** The check box, the cell's padding and a vertical scroll bar. */
    private static final double CHECK_AND_SCROLL = 64;

    private boolean syncing;

    /**
     * @param choice the choice it shows and changes
     * @param id node id
     */
    public ModelCheckList(ModelChoice choice, String id) {
        super(choice.all());
        setId(id);
        setPrefHeight(160);
        // each name whole; the longest ones (runs/edN-date-time) also in a tooltip
        setCellFactory(v -> new CheckBoxListCell<>(this::getItemBooleanProperty) {
            private final Tooltip tip = new Tooltip();

            @Override
            public void updateItem(ActiveModel item, boolean empty) {
                super.updateItem(item, empty);
                tip.setText(empty || item == null ? "" : item.name());
                setTooltip(empty || item == null ? null : tip);
            }
        });
        InvalidationListener fit = o -> setPrefWidth(Math.min(MAX_WIDTH, Math.max(
                MIN_WIDTH, FullText.width(getItems().stream().map(ActiveModel::name).toList(),
                        false) + CHECK_AND_SCROLL)));
        getItems().addListener(fit);
        fit.invalidated(getItems());
        getCheckModel().getCheckedItems().addListener((ListChangeListener<ActiveModel>) c -> {
            if (!syncing) {
                choice.choose(List.copyOf(getCheckModel().getCheckedItems()));
            }
        });
        // the items change first, then the choice: show the choice once it has caught up
        choice.chosen().addListener((ListChangeListener<ActiveModel>) c -> show(choice));
        choice.all().addListener((ListChangeListener<ActiveModel>) c -> show(choice));
        show(choice);
    }

    private void show(ModelChoice choice) {
        syncing = true;
        try {
            getCheckModel().clearChecks();
            for (ActiveModel m : choice.chosen()) {
                getCheckModel().check(m);
            }
        } finally {
            syncing = false;
        }
    }
}
