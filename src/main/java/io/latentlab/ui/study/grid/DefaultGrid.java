package io.latentlab.ui.study.grid;

import io.latentlab.ui.AppContext.ActiveModel;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the study's own grid search for the active model's encoding dimension
 * ({@code docs/grid-search/edN.csv}) while the tab has nothing else to show, so a new user sees
 * a finished search at once. It follows the active model and, once the data is loaded, is read
 * again with its mean-image baselines; a search the user ran or opened is never replaced.
 */
final class DefaultGrid {

    private final GridSearchViewModel vm;
    private Path folder;
    /** The default on show, or null when nothing or the user's own search is on show. */
    private Path shown;
    private boolean shownWithData;

    DefaultGrid(GridSearchViewModel vm, Path folder) {
        this.vm = vm;
        this.folder = folder;
        vm.context().activeModelProperty().addListener((o, a, b) -> update());
        vm.context().dataProperty().addListener((o, a, b) -> update());
    }

    void setFolder(Path folder) {
        this.folder = folder;
        update();
    }

    /** The user ran or opened a search: defaults stay away from now on. */
    void userChose() {
        shown = null;
    }

    /**
     * @param file the default now on show, or null when it is the user's own
     * @param withData whether it was judged with its baselines
     */
    void shown(Path file, boolean withData) {
        shown = file;
        shownWithData = withData;
    }

    /** @return the file that would be opened for the active model, or null */
    private Path file() {
        ActiveModel m = vm.context().activeModelProperty().get();
        if (m == null || m.ed() < 1 || folder == null) {
            return null;
        }
        Path f = folder.resolve("ed" + m.ed() + ".csv");
        return Files.isRegularFile(f) ? f : null;
    }

    /** Opens the default when the tab shows nothing or an older default. */
    void update() {
        boolean userOwn = vm.resultProperty().get() != null && shown == null;
        if (userOwn || vm.status().activeProperty().get()) {
            return;
        }
        Path f = file();
        boolean data = vm.context().dataProperty().get() != null;
        if (f == null || (f.equals(shown) && (shownWithData || !data))) {
            return;
        }
        vm.open(f, true);
    }
}
