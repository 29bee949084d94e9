package io.latentlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class FileLogTest {

    private static final Logger LOG = LoggerFactory.getLogger(FileLogTest.class);

    @TempDir
    Path tmp;

    @AfterEach
    void detach() {
        FileLog.uninstall();
    }

    @Test
    void warningsGoToTheFileInAFolderItCreatesAndDebugDoesNot() throws Exception {
        Path file = tmp.resolve("user/logs/latent-lab.log");
        assertThat(FileLog.install(file)).isTrue();
        // once only: a second install adds no second appender
        assertThat(FileLog.install(file)).isFalse();

        LOG.warn("disk full while saving {}", "runs/ed4");
        LOG.debug("not a problem");

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains("WARN", "FileLogTest", "disk full while saving runs/ed4")
                .doesNotContain("not a problem");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFileRollsOverAtTwoMegabytesKeepingThreeOldOnes() throws Exception {
        Path file = tmp.resolve("logs/latent-lab.log");
        assertThat(FileLog.install(file)).isTrue();
        var root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        var appender = (RollingFileAppender<ILoggingEvent>) root.getAppender(FileLog.APPENDER);
        var trigger = (SizeBasedTriggeringPolicy<ILoggingEvent>) appender.getTriggeringPolicy();
        assertThat(trigger.getMaxFileSize().getSize()).isEqualTo(2L * 1024 * 1024);

        // logback checks the size on a clock; the rollover it then does is run directly here
        for (int i = 1; i <= 5; i++) {
            LOG.warn("generation {}", i);
            appender.rollover();
        }
        LOG.warn("generation 6");

        assertThat(Files.readString(file)).contains("generation 6").doesNotContain("generation 5");
        assertThat(Files.readString(file.resolveSibling("latent-lab.1.log"))).contains("generation 5");
        assertThat(Files.readString(file.resolveSibling("latent-lab.3.log"))).contains("generation 3");
        assertThat(file.resolveSibling("latent-lab.4.log")).doesNotExist();
    }
}
