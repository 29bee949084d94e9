package io.latentlab.ui.help;

import io.latentlab.ui.help.ShortcutSheet.Shortcut;

import java.util.List;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The guide: a non-modal window beside the app with a page per view (the question of the study
 * it answers, what it shows, how to use it) and the keyboard shortcut sheet. Its stylesheets
 * follow the main window's, so it takes the theme.
 */
public final class GuideWindow {

    private final Stage stage = new Stage();
    private final ListView<GuidePage> pages = new ListView<>();
    private final ScrollPane body = new ScrollPane();
    private final Supplier<List<Shortcut>> shortcuts;

    /**
     * @param owner the main window
     * @param shortcuts the shortcut sheet, read each time its page is shown
     */
    GuideWindow(Window owner, Supplier<List<Shortcut>> shortcuts) {
        this.shortcuts = shortcuts;
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle(HelpText.get("guide.title"));

        pages.setId("guide-pages");
        pages.getStyleClass().add("guide-pages");
        pages.getItems().setAll(GuidePage.values());
        pages.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(GuidePage page, boolean empty) {
                super.updateItem(page, empty);
                setText(empty || page == null ? null : page.title());
            }
        });
        pages.setPrefWidth(210);
        pages.getSelectionModel().selectedItemProperty().addListener((o, a, page) -> {
            if (page != null) {
                body.setContent(page == GuidePage.SHORTCUTS ? sheet() : page(page));
                body.setVvalue(0);
            }
        });
        body.setId("guide-body");
        body.setFitToWidth(true);

        BorderPane root = new BorderPane(body);
        root.setId("guide-window");
        root.getStyleClass().add("guide-window");
        root.setLeft(pages);
        Scene scene = new Scene(root, 780, 520);
        if (owner != null && owner.getScene() != null) {
            Bindings.bindContent(scene.getStylesheets(), owner.getScene().getStylesheets());
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), stage::hide);
        stage.setScene(scene);
    }

    /**
     * Shows the window on a page, or brings it to the front there.
     *
     * @param page the page
     */
    void show(GuidePage page) {
        pages.getSelectionModel().select(page);
        pages.scrollTo(page);
        stage.show();
        stage.toFront();
    }

    /** @return the window */
    Stage stage() {
        return stage;
    }

    /** @return the page on show */
    GuidePage page() {
        return pages.getSelectionModel().getSelectedItem();
    }

    private static Node page(GuidePage page) {
        VBox box = content(page);
        box.getChildren().add(heading("guide.questionLabel"));
        Label question = wrapped(page.question());
        question.setId("guide-question");
        question.getStyleClass().add("guide-question");
        box.getChildren().add(question);
        section(box, "guide.showsLabel", page.shows());
        section(box, "guide.useLabel", page.use());
        return box;
    }

    private Node sheet() {
        VBox box = content(GuidePage.SHORTCUTS);
        GridPane grid = new GridPane();
        grid.setId("shortcut-sheet");
        grid.getStyleClass().add("shortcut-sheet");
        grid.setHgap(24);
        grid.setVgap(4);
        grid.getColumnConstraints().addAll(new ColumnConstraints(140), new ColumnConstraints());
        int row = 0;
        String group = null;
        for (Shortcut s : shortcuts.get()) {
            if (!s.group().equals(group)) {
                group = s.group();
                Label g = new Label(group);
                g.getStyleClass().add("guide-heading");
                GridPane.setMargin(g, new Insets(row == 0 ? 0 : 10, 0, 2, 0));
                grid.add(g, 0, row++, 2, 1);
            }
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("shortcut-keys");
            Label action = wrapped(s.action());
            action.getStyleClass().add("shortcut-action");
            grid.add(keys, 0, row);
            grid.add(action, 1, row++);
        }
        box.getChildren().add(grid);
        return box;
    }

    private static VBox content(GuidePage page) {
        Label title = new Label(page.title());
        title.setId("guide-title");
        title.getStyleClass().add("guide-title");
        VBox box = new VBox(6, title);
        box.getStyleClass().add("guide-page");
        box.setPadding(new Insets(12, 16, 16, 16));
        return box;
    }

    private static void section(VBox box, String heading, List<String> lines) {
        box.getChildren().add(heading(heading));
        for (String line : lines) {
            Label l = wrapped("\u2022 " + line);
            l.getStyleClass().add("guide-line");
            box.getChildren().add(l);
        }
    }

    private static Label heading(String key) {
        Label h = new Label(HelpText.get(key));
        h.getStyleClass().add("guide-heading");
        VBox.setMargin(h, new Insets(8, 0, 0, 0));
        return h;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
