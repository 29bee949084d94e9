package io.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDirsTest {

    private static final Path HOME = Path.of("/home/ada");

    @TempDir
    Path tmp;

    @Test
    void linuxUsesXdgDataHomeElseLocalShare() {
        assertThat(AppDirs.userData("Linux", Map.of("XDG_DATA_HOME", "/data/ada"), HOME))
                .isEqualTo(Path.of("/data/ada/latent-lab"));
        assertThat(AppDirs.userData("Linux", Map.of(), HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/latent-lab"));
        // the XDG spec: a relative or empty value is ignored
        assertThat(AppDirs.userData("Linux", Map.of("XDG_DATA_HOME", "data"), HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/latent-lab"));
        assertThat(AppDirs.userData("Linux", Map.of("XDG_DATA_HOME", ""), HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/latent-lab"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(AppDirs.userData("Mac OS X", Map.of("XDG_DATA_HOME", "/data/ada"), HOME))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Latent Lab"));
    }

    @Test
    void windowsUsesLocalAppDataElseItsUsualPlace() {
        assertThat(AppDirs.userData("Windows 11", Map.of("LOCALAPPDATA", "/c/Users/ada/AppData/Local"), HOME))
                .isEqualTo(Path.of("/c/Users/ada/AppData/Local/Latent Lab"));
        assertThat(AppDirs.userData("Windows 11", Map.of(), HOME))
                .isEqualTo(Path.of("/home/ada/AppData/Local/Latent Lab"));
    }

    @Test
    void thePropertyOverridesTheUserDataFolderAndHoldsTheLog() {
        // surefire sets it: tests never write into the tester's home
        Path set = Path.of(System.getProperty(AppDirs.USER_DATA_PROPERTY));
        assertThat(AppDirs.userData()).isEqualTo(set);
        assertThat(AppDirs.logFile()).isEqualTo(set.resolve("logs/latent-lab.log"));
    }

    @Test
    void shippedFoldersComeFromTheWorkingDirectoryFirstThenTheInstallation() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path install = Files.createDirectories(tmp.resolve("install/models"));
        Files.createDirectories(tmp.resolve("install/assets/mnist"));

        // not installed: always the working directory's, even when missing
        assertThat(AppDirs.shipped("models", work, null)).isEqualTo(work.resolve("models"));
        // installed, nothing local: the installation's
        assertThat(AppDirs.shipped("models", work, tmp.resolve("install"))).isEqualTo(install);
        assertThat(AppDirs.shipped("assets/mnist", work, tmp.resolve("install")))
                .isEqualTo(tmp.resolve("install/assets/mnist"));
        // a models/ in a folder that is not a Latent Lab folder (a home folder) is not ours
        Files.createDirectories(work.resolve("models"));
        assertThat(AppDirs.shipped("models", work, tmp.resolve("install"))).isEqualTo(install);
        // a checkout's own folder wins
        Files.createDirectories(work.resolve("assets/mnist"));
        assertThat(AppDirs.shipped("models", work, tmp.resolve("install")))
                .isEqualTo(work.resolve("models"));
        // missing in both: the local name, for the error message
        assertThat(AppDirs.shipped("docs", work, tmp.resolve("install")))
                .isEqualTo(work.resolve("docs"));
    }

    @Test
    void runsGoBesideModelsInALatentLabFolderElseToTheUserDataFolder() throws Exception {
        Path user = tmp.resolve("user");
        Path home = Files.createDirectories(tmp.resolve("home"));
        // an installed app started in the home folder: the user's data folder
        assertThat(AppDirs.runs(home, user)).isEqualTo(user.resolve("runs"));

        Path checkout = Files.createDirectories(tmp.resolve("checkout/assets/mnist"));
        Path root = checkout.getParent().getParent();
        assertThat(AppDirs.runs(root, user)).isEqualTo(root.resolve("runs"));

        // a home folder with its own models/ and runs/ is not a Latent Lab folder
        Files.createDirectories(home.resolve("models"));
        Files.createDirectories(home.resolve("runs"));
        assertThat(AppDirs.runs(home, user)).isEqualTo(user.resolve("runs"));
    }
}
