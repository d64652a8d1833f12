package io.toolsmith.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {
    @TempDir
    Path dir;

    @Test
    void untilItIsConfiguredWarningsAndErrorsGoToStandardErrorInOneLineEach() {
        LoggerContext context = new LoggerContext();
        LoggingDefaults defaults = new LoggingDefaults();
        defaults.setContext(context);

        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, defaults.configure(context));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender(LoggingDefaults.APPENDER);
        assertEquals("System.err", stderr.getTarget());
        LoggingEvent event = new LoggingEvent("test", root, Level.WARN, "Ollama is not running", null, null);
        event.setTimeStamp(0);
        String line = new String(stderr.getEncoder().encode(event), StandardCharsets.UTF_8);
        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  ROOT - Ollama is not running\\R"), line);
        context.stop();
    }

    @Test
    void aConfigurationFileNamedOnTheCommandLineWins() {
        LoggerContext context = new LoggerContext();
        LoggingDefaults defaults = new LoggingDefaults();
        defaults.setContext(context);
        System.setProperty("logback.configurationFile", dir.resolve("logback.xml").toString());
        try {
            assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, defaults.configure(context));
            assertNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LoggingDefaults.APPENDER));
        } finally {
            System.clearProperty("logback.configurationFile");
            context.stop();
        }
    }

    @Test
    void theLogGoesToTheHomeFolderWhenItCanBeCreated() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path home = dir.resolve("home");

        assertEquals(home, Logging.logFolder(home, dir.resolve("tmp"), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(Files.isDirectory(home));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aHomeThatCannotBeCreatedSendsTheLogToTheTemporaryFolderWithOneLineSayingWhere() throws Exception {
        // a regular file where a parent folder should be: creating the home fails even for root
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path home = blocker.resolve("home");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Path folder = Logging.logFolder(home, dir.resolve("tmp"), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertTrue(folder.startsWith(dir.resolve("tmp")));
        assertTrue(Files.isDirectory(folder));
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains(home.toString()) && lines.get(0).contains(folder.toString()), lines.get(0));
    }

    @Test
    void noUsableFolderAtAllLeavesTheLogOnStderr() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertNull(Logging.logFolder(blocker.resolve("home"), blocker.resolve("tmp"),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void theLogFileIsWrittenAndRollsOverIntoAFewNumberedFilesOnly() throws Exception {
        // the process's real context (a bare one lacks the MDC the encoder reads); the appender is attached to no logger
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Path file = dir.resolve("toolsmith.log");
        RollingFileAppender<ILoggingEvent> appender = Logging.rollingFile(context, file);
        try {
            for (int i = 0; i < Logging.OLD_FILES + 3; i++) {
                appender.doAppend(event(context, "line " + i));
                appender.rollover();
            }
            appender.doAppend(event(context, "the newest line"));
        } finally {
            appender.stop();
        }

        assertTrue(Files.readString(file).contains("the newest line"));
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("toolsmith.1.log", "toolsmith.2.log", "toolsmith.3.log", "toolsmith.log"), names);
        }
        assertTrue(Files.readString(dir.resolve("toolsmith.1.log")).contains("line " + (Logging.OLD_FILES + 2)));
    }

    private static ILoggingEvent event(LoggerContext context, String message) {
        return new LoggingEvent(LoggingTest.class.getName(), context.getLogger("test"), Level.INFO, message, null, null);
    }
}
