package io.latentlab.ui.reconstruction;

import static io.latentlab.ui.reconstruction.Icons.iconButton;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;

/** Browses the test set: class filter, position, previous/next/random and what is shown. */
final class DigitPicker extends VBox {

    // asObject() adapters are only weakly referenced by bidirectional bindings: keep it
    private final ObjectProperty<Integer> positionObject;

    DigitPicker(ReconstructViewModel vm) {
        super(10);
        DigitInput in = vm.input();
        positionObject = in.positionProperty().asObject();

        String all = vm.text("filter.all");
        ComboBox<Integer> filter = new ComboBox<>();
        filter.setId("class-filter");
        for (int c = -1; c <= 9; c++) {
            filter.getItems().add(c);
        }
        filter.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer c) {
                return c == null || c < 0 ? all : Integer.toString(c);
            }

            @Override
            public Integer fromString(String s) {
                return s.equals(all) ? -1 : Integer.valueOf(s);
            }
        });
        filter.setValue(in.classFilterProperty().get());
        filter.valueProperty().addListener((obs, o, n) -> {
            if (n != null) {
                in.classFilterProperty().set(n);
            }
        });
        in.classFilterProperty().addListener((obs, o, n) -> filter.setValue(n.intValue()));
        filter.setTooltip(new Tooltip(vm.text("filter.tooltip")));

        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 0, 0);
        factory.maxProperty().bind(Bindings.max(0, in.filteredCountProperty().subtract(1)));
        factory.setWrapAround(true);
        Spinner<Integer> index = new Spinner<>(factory);
        index.setId("digit-index");
        index.setEditable(true);
        index.setPrefWidth(100);
        factory.valueProperty().bindBidirectional(positionObject);
        index.setTooltip(new Tooltip(vm.text("index.tooltip")));

        Button prev = iconButton(MaterialDesignC.CHEVRON_LEFT, vm.text("prev.tooltip"));
        prev.setOnAction(e -> in.previous());
        Button next = iconButton(MaterialDesignC.CHEVRON_RIGHT, vm.text("next.tooltip"));
        next.setOnAction(e -> in.next());
        Button random = iconButton(MaterialDesignD.DICE_5, vm.text("random.tooltip"));
        random.setId("random-digit");
        random.setOnAction(e -> in.randomDigit());

        Label info = new Label();
        info.setId("digit-info");
        info.textProperty().bind(Bindings.createStringBinding(() -> in.testIndexProperty()
                .get() < 0 ? vm.text("digit.none") : vm.text("digit.info",
                        String.valueOf(in.testIndexProperty().get()),
                        String.valueOf(in.testLabelProperty().get())),
                in.testIndexProperty(), in.testLabelProperty()));

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label(vm.text("filter.label")), filter);
        grid.addRow(1, new Label(vm.text("index.label")), index);
        getChildren().addAll(grid, new HBox(6, prev, next, random), info);
        setPadding(new Insets(10));
    }
}
