package io.latentlab.ui.reconstruction;

import static io.latentlab.ui.reconstruction.Icons.labelled;

import io.latentlab.ui.AppContext;
import io.latentlab.ui.AppContext.ActiveModel;
import io.latentlab.ui.common.ColorScale;
import io.latentlab.ui.common.DigitImages;
import io.latentlab.ui.common.Styles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The images: original and noisy input, then per model its reconstruction and the difference
 * heat map, with the model pickers. Each reconstruction is drawn with its own original, so a
 * result still in view while a newer one is computed is never compared with another digit.
 */
final class ResultPanel extends GridPane {

    /** Displayed size of each 28x28 panel (6x, integer so pixels stay square). */
    static final double PANEL = 168;

    private final AppContext ctx;
    private final ReconstructViewModel vm;

    ResultPanel(AppContext ctx, ReconstructViewModel vm) {
        this.ctx = ctx;
        this.vm = vm;
        ImageView original = imageView();
        ImageView noisy = imageView();
        show(vm.originalProperty(), original);
        show(vm.noisyProperty(), noisy);
        PatchOverlay patch = new PatchOverlay(noisy, vm.noise());

        setHgap(12);
        setVgap(6);
        add(panel("panel-original", vm.text("panel.original"), original, null), 0, 1);
        add(panel("panel-noisy", vm.text("panel.noisy"), patch, null), 1, 1);
        Tooltip.install(noisy, new Tooltip(vm.text("panel.noisy.tooltip")));

        ComboBox<ActiveModel> primary = modelBox(false);
        primary.setId("primary-model");
        add(labelled(vm.text("model.label"), primary), 2, 0, 2, 1);
        Node[] main = result(vm.reconstructionProperty(), "");
        add(main[0], 2, 1);
        add(main[1], 3, 1);

        ComboBox<ActiveModel> compare = modelBox(true);
        compare.setId("compare-model");
        add(labelled(vm.text("compare.label"), compare), 2, 2, 2, 1);
        Node[] second = result(vm.compareReconstructionProperty(), "compare-");
        add(second[0], 2, 3);
        add(second[1], 3, 3);
        for (Node n : second) {
            n.visibleProperty().bind(vm.compareModelProperty().isNotNull());
        }
        // under the original and noisy digit, which leave that corner empty
        LatentSlidersPanel sliders = new LatentSlidersPanel(vm);
        sliders.setPrefWidth(2 * PANEL + getHgap()); // never wider than the two digits
        sliders.setMaxWidth(sliders.getPrefWidth());
        GridPane.setValignment(sliders, VPos.TOP);
        add(sliders, 0, 2, 2, 2);
    }

    private static void show(ObservableValue<float[]> pixels, ImageView view) {
        pixels.addListener((obs, o, n) -> view.setImage(DigitImages.gray(n)));
        view.setImage(DigitImages.gray(pixels.getValue()));
    }

    /** Reconstruction and difference panels of one model slot. */
    private Node[] result(ObservableValue<Reconstruction> value, String idPrefix) {
        ImageView recon = imageView();
        ImageView diff = imageView();
        Runnable update = () -> {
            Reconstruction r = value.getValue();
            recon.setImage(r == null ? null : DigitImages.gray(r.output()));
            diff.setImage(r == null ? null : DigitImages.diff(r.output(), r.original()));
        };
        value.addListener(obs -> update.run());
        update.run();
        Tooltip.install(diff, new Tooltip(vm.text("panel.difference.tooltip")));

        Label mse = new Label();
        mse.setId(idPrefix + "mse-label");
        mse.getStyleClass().add(Styles.MONO);
        mse.textProperty().bind(Bindings.createStringBinding(() -> {
            Reconstruction r = value.getValue();
            return r == null ? vm.text("mse.none")
                    : vm.text("mse.format", String.format(Locale.ROOT, "%.6f", r.mse()));
        }, value));
        // the difference map's colours on its fixed 0..1 scale, under it
        ColorScale scale = new ColorScale(idPrefix + "difference-scale", v -> {
            int argb = DigitImages.heat(v);
            return Color.rgb((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff);
        }, PANEL - 40, 10);
        scale.show("", "0", "1");
        return new Node[] {
            panel("panel-" + idPrefix + "reconstruction", vm.text("panel.reconstruction"), recon,
                    mse),
            new VBox(4, panel("panel-" + idPrefix + "difference", vm.text("panel.difference"),
                    diff, null), scale),
        };
    }

    private ComboBox<ActiveModel> modelBox(boolean withNone) {
        ActiveModel none = new ActiveModel(vm.text("compare.none"), null, null, null);
        ObservableList<ActiveModel> items = FXCollections.observableArrayList();
        ComboBox<ActiveModel> box = new ComboBox<>(items);
        box.setPrefWidth(220);
        ObjectProperty<ActiveModel> prop = withNone ? vm.compareModelProperty()
                : vm.primaryModelProperty();
        boolean[] updating = {false};
        Runnable fromVm = () -> {
            updating[0] = true;
            box.setValue(prop.get() == null && withNone ? none : prop.get());
            updating[0] = false;
        };
        // replacing the items makes the box clear and reset its value: no user's choice
        Runnable sync = () -> {
            List<ActiveModel> all = new ArrayList<>();
            if (withNone) {
                all.add(none);
            }
            all.addAll(ctx.sortedModels());
            updating[0] = true;
            items.setAll(all); // one change: the box finds its selected item again
            updating[0] = false;
            fromVm.run();
        };
        sync.run();
        ctx.sortedModels().addListener((ListChangeListener<ActiveModel>) c -> sync.run());
        prop.addListener(obs -> fromVm.run());
        box.valueProperty().addListener((obs, o, n) -> {
            if (updating[0]) {
                return;
            }
            ActiveModel m = n == none ? null : n;
            if (withNone) {
                vm.chooseCompare(m);
            } else {
                vm.choosePrimary(m);
            }
        });
        box.setTooltip(new Tooltip(vm.text(withNone ? "compare.tooltip" : "model.tooltip")));
        return box;
    }

    private static Node panel(String id, String title, Node view, Label caption) {
        Label head = new Label(title);
        head.getStyleClass().add(Styles.HEAD);
        Region frame = new Region();
        frame.getStyleClass().add(Styles.DIGIT_FRAME);
        frame.setMinSize(PANEL, PANEL);
        frame.setMaxSize(PANEL, PANEL);
        StackPane stack = new StackPane(frame, view);
        VBox box = caption == null ? new VBox(4, head, stack) : new VBox(4, head, stack, caption);
        box.setId(id);
        return box;
    }

    private static ImageView imageView() {
        ImageView v = new ImageView();
        v.setFitWidth(PANEL);
        v.setFitHeight(PANEL);
        v.setSmooth(false); // show the 28x28 pixels as they are
        v.setPreserveRatio(true);
        return v;
    }
}
