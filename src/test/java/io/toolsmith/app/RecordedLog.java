package io.toolsmith.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** The events the real Logback logger of one class receives while a test runs; detach with {@link #close()}. */
public final class RecordedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch first = new CountDownLatch(1);
    private final Logger logger;

    public RecordedLog(Class<?> of) {
        logger = (Logger) LoggerFactory.getLogger(of);
        setContext(logger.getLoggerContext());
        start();
        logger.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
        first.countDown();
    }

    /** The events so far, after waiting (at most ten seconds) for the first to arrive from another thread. */
    public List<ILoggingEvent> awaitEvents() throws InterruptedException {
        first.await(10, TimeUnit.SECONDS);
        return List.copyOf(events);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
