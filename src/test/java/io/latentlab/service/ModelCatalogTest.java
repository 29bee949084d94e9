package io.latentlab.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentlab.data.AppDirs;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {

    @TempDir
    Path install;

    @Test
    void anInstalledModelIsNamedRelativeToTheInstallation() {
        Path shipped = install.resolve("models").resolve("ed4");
        assertThat(ModelCatalog.displayName(4, shipped)).isEqualTo("ED=4 \u00b7 " + shipped);
        System.setProperty(AppDirs.HOME_PROPERTY, install.toString());
        try {
            assertThat(ModelCatalog.displayName(4, shipped))
                    .isEqualTo("ED=4 \u00b7 " + Path.of("models", "ed4"));
        } finally {
            System.clearProperty(AppDirs.HOME_PROPERTY);
        }
    }
}
