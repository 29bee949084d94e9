package io.latentlab.ui.training;

import io.latentlab.service.ModelCatalog;
import io.latentlab.service.ModelHandle;
import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;

import java.nio.file.Path;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The saved model of the run that just ended: listed at once, offered until the user uses or
 * dismisses it, and active only when the user chose it (FX thread).
 */
final class RunOffer {

    private final AppContext ctx;
    private final ReadOnlyObjectWrapper<ActiveModel> model;
    private final ReadOnlyStringWrapper text;

    /**
     * @param bean owner of the properties
     * @param ctx where models are listed and made active
     * @param format the offer's text, "%s" standing for the model's name
     */
    RunOffer(Object bean, AppContext ctx, String format) {
        this.ctx = ctx;
        model = new ReadOnlyObjectWrapper<>(bean, "offeredModel");
        text = new ReadOnlyStringWrapper(bean, "offerText", "");
        model.addListener((o, a, m) -> text.set(m == null ? "" : String.format(format, m.name())));
    }

    /**
     * Lists a saved run and offers it.
     *
     * @param saved the loaded model
     * @param dir its run folder
     */
    void offer(ModelHandle saved, Path dir) {
        ActiveModel m = new ActiveModel(ModelCatalog.displayName(saved.encodingDim(), dir), dir,
                saved.metadata(), saved);
        // last, not first: the views' default picks ("the first ED=32") stay on the models
        // listed before, so a fresh run is never chosen for the user by its place in the list
        ctx.models().add(m);
        model.set(m);
    }

    /** Makes the offered model active in every view. */
    void use() {
        ActiveModel m = model.get();
        if (m != null) {
            ctx.activeModelProperty().set(m);
            model.set(null);
        }
    }

    /** Withdraws the offer; the model stays listed. */
    void clear() {
        model.set(null);
    }

    ReadOnlyObjectProperty<ActiveModel> model() {
        return model.getReadOnlyProperty();
    }

    ReadOnlyStringProperty text() {
        return text.getReadOnlyProperty();
    }
}
