package io.toolsmith.ui.window;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When the connection probe looks at the server again. The window uses one daemon thread of a
 * {@link ScheduledExecutorService}; tests pass their own clock and run the probe when they choose, so no test waits
 * for the back-off to pass.
 */
public interface ProbeClock extends AutoCloseable {

    /** Runs {@code task} once after {@code delay}, on the clock's thread; the returned handle cancels it. */
    Runnable schedule(Duration delay, Runnable task);

    /** Stops the clock's thread; what is scheduled does not run. */
    @Override
    void close();

    /** The real clock: one daemon thread that only starts probes (the probe itself runs on the background executor). */
    static ProbeClock system() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "toolsmith-connection-probe");
            t.setDaemon(true);
            return t;
        });
        return new ProbeClock() {
            @Override
            public Runnable schedule(Duration delay, Runnable task) {
                ScheduledFuture<?> future = timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> future.cancel(false);
            }

            @Override
            public void close() {
                timer.shutdownNow();
            }
        };
    }
}
