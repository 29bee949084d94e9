package io.latentlab.ui.reconstruction;

import static io.latentlab.ui.reconstruction.Icons.iconButton;
import static io.latentlab.ui.reconstruction.Icons.labelled;

import io.latentlab.ui.reconstruction.ReconstructViewModel.NoiseKind;
import io.latentlab.ui.reconstruction.ReconstructViewModel.PatchPlacement;

import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The noise bar: kind, sigma, occlusion patch, seed and clipping. */
final class NoiseControls extends FlowPane {

    // asObject() adapters are only weakly referenced by bidirectional bindings: keep them
    private final ObjectProperty<Integer> seedObject;
    private final ObjectProperty<Integer> patchObject;

    NoiseControls(ReconstructViewModel vm) {
        super(16, 8);
        NoiseSettings noise = vm.noise();
        seedObject = noise.seedProperty().asObject();
        patchObject = noise.occlusionSizeProperty().asObject();

        ComboBox<NoiseKind> kind = new ComboBox<>(FXCollections.observableArrayList(
                NoiseKind.values()));
        kind.setId("noise-kind");
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(NoiseKind k) {
                return k == null ? "" : vm.text("noise." + k.name());
            }

            @Override
            public NoiseKind fromString(String s) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(noise.kindProperty());
        kind.setTooltip(new Tooltip(vm.text("noise.tooltip")));

        Slider sigma = new Slider(0, 2, noise.sigmaProperty().get());
        sigma.setId("sigma-slider");
        sigma.setPrefWidth(160);
        sigma.setMajorTickUnit(0.5);
        sigma.setShowTickMarks(true);
        sigma.valueProperty().bindBidirectional(noise.sigmaProperty());
        sigma.setTooltip(new Tooltip(vm.text("sigma.tooltip")));
        Label sigmaValue = new Label();
        sigmaValue.textProperty().bind(noise.sigmaProperty().asString(Locale.ROOT, "%.2f"));
        sigmaValue.setMinWidth(36);
        HBox sigmaBox = labelled(vm.text("sigma.label"), sigma, sigmaValue);
        sigmaBox.disableProperty().bind(noise.kindProperty().isNotEqualTo(NoiseKind.GAUSSIAN));

        SpinnerValueFactory.IntegerSpinnerValueFactory patchFactory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, ReconstructViewModel.SIDE,
                        noise.occlusionSizeProperty().get());
        patchFactory.valueProperty().bindBidirectional(patchObject);
        Spinner<Integer> patch = new Spinner<>(patchFactory);
        patch.setId("patch-size");
        patch.setEditable(true);
        patch.setPrefWidth(80);
        patch.setTooltip(new Tooltip(vm.text("patch.tooltip")));
        Button randomize = iconButton(MaterialDesignS.SHUFFLE_VARIANT,
                vm.text("patch.randomize.tooltip"));
        randomize.setOnAction(e -> noise.randomizeOcclusion());
        ComboBox<PatchPlacement> placement = new ComboBox<>(FXCollections.observableArrayList(
                PatchPlacement.values()));
        placement.setId("patch-placement");
        placement.setConverter(new StringConverter<>() {
            @Override
            public String toString(PatchPlacement p) {
                return p == null ? "" : vm.text("placement." + p.name());
            }

            @Override
            public PatchPlacement fromString(String s) {
                return null;
            }
        });
        placement.valueProperty().bindBidirectional(noise.placementProperty());
        placement.setTooltip(new Tooltip(vm.text("placement.tooltip")));
        HBox patchBox = labelled(vm.text("patch.label"), patch, placement, randomize);
        patchBox.disableProperty().bind(
                noise.kindProperty().isNotEqualTo(NoiseKind.OCCLUSION));

        SpinnerValueFactory.IntegerSpinnerValueFactory seedFactory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(0, Integer.MAX_VALUE,
                        noise.seedProperty().get());
        seedFactory.valueProperty().bindBidirectional(seedObject);
        Spinner<Integer> seed = new Spinner<>(seedFactory);
        seed.setId("noise-seed");
        seed.setEditable(true);
        seed.setPrefWidth(100);
        seed.setTooltip(new Tooltip(vm.text("seed.tooltip")));
        HBox seedBox = labelled(vm.text("seed.label"), seed);
        // a patch placed by hand has no randomness
        seedBox.disableProperty().bind(Bindings.createBooleanBinding(() -> !noise.seeded(),
                noise.kindProperty(), noise.placementProperty()));

        CheckBox clip = new CheckBox(vm.text("clip.label"));
        clip.setId("clip-noise");
        clip.selectedProperty().bindBidirectional(noise.clipProperty());
        clip.setTooltip(new Tooltip(vm.text("clip.tooltip")));

        getChildren().addAll(labelled(vm.text("noise.label"), kind), sigmaBox, patchBox, seedBox,
                clip);
        setAlignment(Pos.CENTER_LEFT);
    }
}
