package io.latentlab.ui.help;

import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/** About Latent Lab: version, Java, engine, threads, log file, licences and the app's graphic. */
final class AboutDialog extends Dialog<Void> {

    /**
     * @param vm what it shows
     * @param graphic the app's graphic (icon), or null
     * @param owner the main window, or null
     */
    AboutDialog(AboutViewModel vm, Node graphic, Window owner) {
        setTitle(HelpText.get("about.title"));
        if (owner != null) {
            initOwner(owner);
            if (owner.getScene() != null) {
                // the theme of the moment; About is short-lived
                getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            }
        }
        getDialogPane().setId("about-pane");
        getDialogPane().getStyleClass().add("about-pane");
        setHeaderText(vm.header());
        // the app icon goes here (Help.aboutGraphicProperty(), set by the shell)
        setGraphic(graphic);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        ColumnConstraints keys = new ColumnConstraints();
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMaxWidth(420);
        grid.getColumnConstraints().addAll(keys, values);
        Label summary = new Label(HelpText.get("about.summary"));
        summary.getStyleClass().add("about-summary");
        grid.add(summary, 0, 0, 2, 1);
        int row = 1;
        row(grid, row++, "about.java", "about-java", new Label(vm.java()));
        Label engine = new Label();
        engine.textProperty().bind(vm.engineProperty());
        row(grid, row++, "about.engine", "about-engine", engine);
        row(grid, row++, "about.threads", "about-threads", new Label(vm.threads()));
        if (vm.logFileProperty().get() != null) {
            row(grid, row++, "about.log", "about-log",
                    new Label(vm.logFileProperty().get().toString()));
        }
        Label licences = new Label(vm.licences());
        licences.getStyleClass().add("about-licences");
        row(grid, row, "about.licences", "about-licences", licences);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }

    private static void row(GridPane grid, int row, String key, String id, Label value) {
        Label name = new Label(HelpText.get(key));
        name.getStyleClass().add("about-key");
        value.setId(id);
        value.setWrapText(true);
        grid.add(name, 0, row);
        grid.add(value, 1, row);
    }
}
