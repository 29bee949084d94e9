package io.latentlab.ui.study.common;

import io.latentlab.model.AtomicFiles;
import io.latentlab.ui.DialogFolders;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import javax.imageio.ImageIO;

/** Saving a tab's table as CSV and a chart as PNG, through a file chooser; every file atomic. */
public final class Exports {

    /** Writes a file. */
    @FunctionalInterface
    public interface Writer {
        /** @param file target @throws IOException on failure */
        void write(Path file) throws IOException;
    }

    private Exports() {
    }

    /**
     * Asks for a CSV file and writes it; a failure is shown in an alert.
     *
     * @param owner a node of the window
     * @param name suggested file name
     * @param writer writes the file
     */
    public static void csv(Node owner, String name, Writer writer) {
        File file = choose(owner, name, "dialog.exportCsv", "file.csv", "*.csv");
        if (file != null) {
            run(() -> writer.write(file.toPath()));
        }
    }

    /**
     * Asks for a PNG file and writes a snapshot of the chart to it.
     *
     * @param owner a node of the window
     * @param chart what to snapshot
     * @param name suggested file name
     */
    public static void png(Node owner, Node chart, String name) {
        File file = choose(owner, name, "dialog.exportPng", "file.png", "*.png");
        if (file != null) {
            run(() -> writePng(chart, file.toPath()));
        }
    }

    /**
     * Writes a snapshot of a node as PNG, atomically (FX thread).
     *
     * @param node what to snapshot
     * @param file target
     * @throws IOException on failure
     */
    public static void writePng(Node node, Path file) throws IOException {
        BufferedImage image = SwingFXUtils.fromFXImage(node.snapshot(null, null), null);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /**
     * @param owner a node of the window
     * @return the window, or null
     */
    public static Window window(Node owner) {
        return owner.getScene() == null ? null : owner.getScene().getWindow();
    }

    private static File choose(Node owner, String name, String titleKey, String typeKey,
            String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(StudyText.get(titleKey));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                StudyText.get(typeKey), pattern));
        chooser.setInitialFileName(name);
        chooser.setInitialDirectory(DialogFolders.exports(Path.of("").toAbsolutePath()).toFile());
        return chooser.showSaveDialog(window(owner));
    }

    /** Something that writes. */
    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private static void run(IoAction action) {
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR, String.valueOf(e.getMessage()));
            alert.setHeaderText(StudyText.get("error.export"));
            alert.show();
        }
    }
}
