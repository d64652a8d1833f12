package io.toolsmith.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import io.toolsmith.settings.Home;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.LoggerFactory;

/**
 * Sends the log to {@code toolsmith.log} in the home folder (the terminal stays for the CLI's own output),
 * and, with --debug, also to stderr at DEBUG level. Configured once per process, by the first client that starts.
 */
public final class Logging {
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
            root.detachAppender("STDERR");
        }
        try {
            Files.createDirectories(home.root());
        } catch (IOException e) {
            return;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(home.logFile().toString());
        file.setEncoder(encoder);
        file.start();
        root.addAppender(file);
    }
}
