package io.toolsmith.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class UncaughtFailuresTest {

    @Test
    void aFailureNothingCaughtIsLoggedAtErrorWithItsTraceAndNoticed() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        IllegalStateException failure = new IllegalStateException("handler broke");
        try (RecordedLog log = new RecordedLog(UncaughtFailures.class)) {
            Thread thread = new Thread(() -> {
                throw failure;
            }, "fx-like-thread");
            thread.setUncaughtExceptionHandler(new UncaughtFailures(notices::add));
            thread.start();
            thread.join();

            List<ILoggingEvent> events = log.awaitEvents();
            assertEquals(1, events.size());
            assertEquals(Level.ERROR, events.get(0).getLevel());
            assertEquals("Uncaught failure on thread fx-like-thread", events.get(0).getFormattedMessage());
            assertSame(failure, ((ThrowableProxy) events.get(0).getThrowableProxy()).getThrowable());
        }
        assertEquals(List.of(UncaughtFailures.SENTENCE), notices);
    }

    @Test
    void aNoticeThatFailsDoesNotHideTheOriginalFailure() throws Exception {
        try (RecordedLog log = new RecordedLog(UncaughtFailures.class)) {
            Thread thread = new Thread(() -> {
                throw new IllegalArgumentException("first");
            });
            thread.setUncaughtExceptionHandler(new UncaughtFailures(sentence -> {
                throw new IllegalStateException("no window");
            }));
            thread.start();
            thread.join();

            List<ILoggingEvent> events = log.awaitEvents();
            assertEquals(2, events.size());
            assertEquals("first", events.get(0).getThrowableProxy().getMessage());
            assertEquals("no window", events.get(1).getThrowableProxy().getMessage());
        }
    }
}
