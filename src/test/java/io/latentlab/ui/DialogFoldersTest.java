package io.latentlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.model.ModelStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DialogFoldersTest {

    @TempDir
    Path base;

    @Test
    void modelsStartInRunsOnlyWhenItHoldsARun() throws Exception {
        // nothing there: the working directory
        assertThat(DialogFolders.models(base)).isEqualTo(base);

        Files.createDirectories(base.resolve("models"));
        assertThat(DialogFolders.models(base)).isEqualTo(base.resolve("models"));

        // runs/ with only a folder that is no checkpoint: still models/
        Files.createDirectories(base.resolve("runs/half-written"));
        assertThat(DialogFolders.models(base)).isEqualTo(base.resolve("models"));

        Path run = Files.createDirectories(base.resolve("runs/ed4-20261202-120000"));
        Files.writeString(run.resolve(ModelStore.META),
                "format=latent-lab-checkpoint-1\nencoding_dim=4\nepochs=3\n");
        assertThat(DialogFolders.models(base)).isEqualTo(base.resolve("runs"));
    }

    @Test
    void gridSearchesDatasetsAndExportsStartWhereTheirFilesAre() throws Exception {
        assertThat(DialogFolders.gridSearches(base)).isEqualTo(base);
        assertThat(DialogFolders.datasets(base)).isEqualTo(base);
        assertThat(DialogFolders.exports(base)).isEqualTo(base);

        Files.createDirectories(base.resolve("docs/grid-search"));
        Files.createDirectories(base.resolve("assets/mnist"));
        assertThat(DialogFolders.gridSearches(base)).isEqualTo(base.resolve("docs/grid-search"));
        assertThat(DialogFolders.datasets(base)).isEqualTo(base.resolve("assets"));
    }

    @Test
    void aFileWhereAFolderShouldBeIsPassedOver() throws Exception {
        Files.createDirectories(base.resolve("docs"));
        Files.writeString(base.resolve("docs/grid-search"), "not a folder");
        assertThat(DialogFolders.gridSearches(base)).isEqualTo(base);
    }

    @Test
    void dialogTitlesAreShortNamesNotSentences() {
        ResourceBundle shell = ResourceBundle.getBundle("io.latentlab.ui.shell.strings",
                Locale.ROOT);
        ResourceBundle study = ResourceBundle.getBundle("io.latentlab.ui.study.strings",
                Locale.ROOT);
        assertThat(shell.getString("dialog.openModel")).isEqualTo("Open model");
        assertThat(study.getString("action.openGrid.title")).isEqualTo("Open grid search");
        for (ResourceBundle b : new ResourceBundle[] {shell, study}) {
            for (String key : b.keySet()) {
                if (key.startsWith("dialog.")) {
                    // two or three words, no "..." of a menu item
                    assertThat(b.getString(key)).as(key).doesNotContain(".")
                            .matches("\\S+( \\S+){1,2}");
                }
            }
        }
    }
}
