package io.latentlab.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;

import java.nio.file.Path;

import org.slf4j.LoggerFactory;

/**
 * The desktop app's log file: whatever reaches the root logger (warnings and errors by default,
 * see logback.xml) also goes to a file, for a window started from a menu has no terminal. It
 * rolls at {@value #MAX_SIZE} and keeps {@value #KEPT} old files. The CLI keeps stderr only.
 */
final class FileLog {

    static final String APPENDER = "FILE";
    static final String MAX_SIZE = "2MB";
    static final int KEPT = 3;

    private FileLog() {}

    /**
     * Adds the rolling file appender to the root logger (once; logback creates the folder).
     *
     * @param file e.g. {@code logs/latent-lab.log} in the user's data folder
     * @return whether it was added (false when logback is not the SLF4J binding or it is there)
     */
    static boolean install(Path file) {
        try {
            return attach(file);
        } catch (RuntimeException e) {
            // logback reads the path as a pattern: a folder name with '%' or '(' can break it;
            // the app must open all the same, logging to stderr only
            LoggerFactory.getLogger(FileLog.class).warn("no log file at {}: {}", file,
                    e.toString());
            return false;
        }
    }

    private static boolean attach(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return false;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(APPENDER) != null) {
            return false;
        }
        String name = file.getFileName().toString();
        String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(file.toString());

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file.resolveSibling(base + ".%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(KEPT);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(MAX_SIZE));
        trigger.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            return false;
        }
        root.addAppender(appender);
        return true;
    }

    /** Detaches and closes the file appender (tests). */
    static void uninstall() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            var appender = root.getAppender(APPENDER);
            if (appender != null) {
                root.detachAppender(appender);
                appender.stop();
            }
        }
    }
}
