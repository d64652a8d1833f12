package io.toolsmith.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import io.toolsmith.settings.Home;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends the log to {@code toolsmith.log} in the home folder (the terminal stays for the CLI's own output),
 * and, with --debug, also to stderr at DEBUG level. The file rolls over by size and keeps a few old files, so a
 * long-running window cannot fill the disk. When the home folder cannot be created the log goes to the system's
 * temporary folder instead, with one line on stderr saying where: a failure to start must still leave a trace.
 * Configured once per process, by the first client that starts.
 */
public final class Logging {
    /** Size at which the log file rolls over; with {@link #OLD_FILES} the log takes at most about 20 MB. */
    static final String MAX_FILE_SIZE = "5MB";
    /** Old files kept beside the current one: toolsmith.1.log … toolsmith.3.log. */
    static final int OLD_FILES = 3;
    private static boolean configured;

    private Logging() {
    }

    public static synchronized void configure(Home home, boolean debug) {
        if (configured) {
            return;
        }
        configured = true;
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(debug ? Level.DEBUG : Level.INFO);
        if (!debug) {
            root.detachAppender(LoggingDefaults.APPENDER);
        }
        Path folder = logFolder(home.root(), Path.of(System.getProperty("java.io.tmpdir")), System.err);
        if (folder != null) {
            root.addAppender(rollingFile(context, folder.resolve(home.logFile().getFileName())));
        }
    }

    /**
     * The folder for the log file: the home folder, or, when it cannot be created, a folder in {@code fallback}
     * (noted in one line on {@code err}); null when neither can be created, and then the log stays on stderr.
     */
    static Path logFolder(Path home, Path fallback, PrintStream err) {
        try {
            Files.createDirectories(home);
            return home;
        } catch (IOException | SecurityException e) {
            Path temporary = fallback.resolve("toolsmith-log-" + System.getProperty("user.name", "user"));
            try {
                Files.createDirectories(temporary);
                err.println("Toolsmith cannot create its folder " + home + " (" + e.getMessage()
                        + "); its log is written to " + temporary + " for now.");
                return temporary;
            } catch (IOException | SecurityException again) {
                err.println("Toolsmith cannot create its folder " + home + " (" + e.getMessage()
                        + ") nor " + temporary + "; its log is not kept in a file.");
                return null;
            }
        }
    }

    /** A started encoder writing each event as {@code pattern} says. */
    static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    /** A started appender writing {@code file}, rolled over to {@code name.1.log} … by size. */
    static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context, Path file) {
        PatternLayoutEncoder encoder = encoder(context, "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);

        String name = file.getFileName().toString();
        String stem = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file.resolveSibling(stem + ".%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(OLD_FILES);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
        trigger.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.start();
        return appender;
    }
}
