package io.latentlab.ui.study.common;

import io.latentlab.ui.AppContext.ActiveModel;

import java.util.List;

import javafx.collections.ListChangeListener;

import org.controlsfx.control.CheckListView;

/** The models of a {@link ModelChoice} as a check list: checks show the choice, clicks change it. */
public final class ModelCheckList extends CheckListView<ActiveModel> {

    private boolean syncing;

    /**
     * @param choice the choice it shows and changes
     * @param id node id
     */
    public ModelCheckList(ModelChoice choice, String id) {
        super(choice.all());
        setId(id);
        setPrefHeight(160);
        setPrefWidth(260);
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
