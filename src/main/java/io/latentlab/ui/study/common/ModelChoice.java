package io.latentlab.ui.study.common;

import io.latentlab.ui.AppContext.ActiveModel;

import java.util.ArrayList;
import java.util.List;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The models a Study tab compares, out of all the app's models: the default choice (ED=4 and
 * ED=32, else the first two) until the user chooses, and never a model that has gone. FX
 * thread only.
 */
public final class ModelChoice {

    private final ObservableList<ActiveModel> all;
    private final ObservableList<ActiveModel> shown;
    private final ObservableList<ActiveModel> chosen = FXCollections.observableArrayList();
    private final ObservableList<ActiveModel> chosenView =
            FXCollections.unmodifiableObservableList(chosen);
    private boolean userChose;

    /**
     * @param all every model the app has, in the order listed (models arrive one by one while
     *     discovered); the default picks read this order
     * @param shown the same models in the order the lists show them (by ED, then name)
     */
    public ModelChoice(ObservableList<ActiveModel> all, ObservableList<ActiveModel> shown) {
        this.all = all;
        this.shown = shown;
        all.addListener((ListChangeListener<ActiveModel>) c -> modelsChanged());
        chosen.setAll(defaultSelection(all));
    }

    private void modelsChanged() {
        if (!userChose || chosen.isEmpty()) {
            chosen.setAll(defaultSelection(all));
        } else {
            chosen.removeIf(m -> !all.contains(m));
        }
    }

    /**
     * The user's choice; it stays until the user changes it (models that go are dropped).
     *
     * @param models the chosen models, in the order to show them
     */
    public void choose(List<ActiveModel> models) {
        userChose = true;
        List<ActiveModel> keep = new ArrayList<>();
        for (ActiveModel m : models) {
            if (all.contains(m) && !keep.contains(m)) {
                keep.add(m);
            }
        }
        chosen.setAll(keep);
    }

    /** @return the chosen models (read-only; see {@link #choose}) */
    public ObservableList<ActiveModel> chosen() {
        return chosenView;
    }

    /** @return every model, in the order the lists show them (by ED, then name) */
    public ObservableList<ActiveModel> all() {
        return shown;
    }

    /**
     * The default models to compare: the first with ED=4 and the first with ED=32 when
     * present, topped up with the first models so that two are chosen when possible.
     *
     * @param models the available models
     * @return the choice
     */
    public static List<ActiveModel> defaultSelection(List<ActiveModel> models) {
        List<ActiveModel> out = new ArrayList<>();
        for (int ed : new int[] {4, 32}) {
            models.stream().filter(m -> edOf(m) == ed).findFirst().ifPresent(out::add);
        }
        for (ActiveModel m : models) {
            if (out.size() >= 2) {
                break;
            }
            if (!out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * @param m a model
     * @return its encoding dimension from the metadata, -1 if unreadable
     */
    public static int edOf(ActiveModel m) {
        return m.ed();
    }
}
