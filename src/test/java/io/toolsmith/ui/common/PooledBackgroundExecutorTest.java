package io.toolsmith.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.toolsmith.app.RecordedLog;
import io.toolsmith.util.UserFacingException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PooledBackgroundExecutorTest {

    @Test
    void workAskedForAfterCloseIsDroppedWithoutThrowing() {
        BackgroundExecutor executor = new PooledBackgroundExecutor("test", 1, UiExecutor.sameThread());
        executor.close();
        List<String> reached = new java.util.concurrent.CopyOnWriteArrayList<>();
        // As a data-folder event still queued on the FX thread when the window closed asks for a reload.
        executor.run(() -> "late", reached::add, e -> reached.add("failed"));
        executor.execute(() -> reached.add("ran"));
        assertEquals(List.of(), reached);
    }

    @Test
    void fireAndForgetWorkThatThrowsAnErrorIsLoggedAtError() throws Exception {
        try (RecordedLog log = new RecordedLog(BackgroundExecutor.class);
             BackgroundExecutor executor = new PooledBackgroundExecutor("test", 1, UiExecutor.sameThread())) {
            executor.execute(() -> {
                throw new AssertionError("broken invariant");
            });

            List<ILoggingEvent> events = log.awaitEvents();
            assertEquals(1, events.size());
            assertEquals(Level.ERROR, events.get(0).getLevel());
            assertEquals("broken invariant", events.get(0).getThrowableProxy().getMessage());
        }
    }

    @Test
    void unexpectedlyFailedWorkReachesItsCallbackAndIsLoggedAtErrorWithItsTrace() throws Exception {
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        IllegalStateException failure = new IllegalStateException("index out of step");
        try (RecordedLog log = new RecordedLog(BackgroundExecutor.class);
             BackgroundExecutor executor = new PooledBackgroundExecutor("test", 1, UiExecutor.sameThread())) {
            executor.<String>run(() -> {
                throw failure;
            }, done -> failed.completeExceptionally(new AssertionError("should have failed")), failed::complete);

            assertSame(failure, failed.get(10, TimeUnit.SECONDS));
            List<ILoggingEvent> events = log.awaitEvents();
            assertEquals(Level.ERROR, events.get(0).getLevel());
            assertEquals("index out of step", events.get(0).getThrowableProxy().getMessage());
        }
    }

    @Test
    void workThatFailsWithASentenceForTheUserIsNotedAtWarn() throws Exception {
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        UserFacingException failure = new UserFacingException("Ollama is not running at http://127.0.0.1:11434.");
        try (RecordedLog log = new RecordedLog(BackgroundExecutor.class);
             BackgroundExecutor executor = new PooledBackgroundExecutor("test", 1, UiExecutor.sameThread())) {
            executor.<String>run(() -> {
                throw failure;
            }, done -> failed.completeExceptionally(new AssertionError("should have failed")), failed::complete);

            assertSame(failure, failed.get(10, TimeUnit.SECONDS));
            List<ILoggingEvent> events = log.awaitEvents();
            assertEquals(Level.WARN, events.get(0).getLevel());
            assertTrue(events.get(0).getFormattedMessage().contains("Ollama is not running"));
        }
    }
}
