package io.toolsmith.ui.common;

import io.toolsmith.util.UserFacingException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's one executor for work that must not block the FX thread (model lists, sandbox
 * calls, file reads). Daemon threads with a name; every failure reaches a callback on the UI
 * thread and the log, so no exception disappears. Shut down when the window closes.
 */
public final class PooledBackgroundExecutor implements BackgroundExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundExecutor.class);
    private final ExecutorService pool;
    private final UiExecutor ui;

    public PooledBackgroundExecutor(String name, int threads, UiExecutor ui) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
        this.ui = ui;
    }

    @Override
    public <T> void run(Work<T> work, Consumer<T> onDone, Consumer<Throwable> onFailed) {
        submit(() -> {
            T result;
            try {
                result = work.get();
            } catch (Throwable e) {
                logFailure(e);
                ui.execute(() -> onFailed.accept(e));
                return;
            }
            ui.execute(() -> onDone.accept(result));
        });
    }

    /**
     * A failure the user is told about in a sentence (a server down, a bad file) is noted at WARN, its trace only
     * with debug logging; anything else is a bug, kept at ERROR with its trace.
     */
    static void logFailure(Throwable e) {
        if (e instanceof UserFacingException) {
            LOG.warn("Background work failed: {}", e.getMessage());
            LOG.debug("Background work failed", e);
        } else {
            LOG.error("Background work failed: {}", e.toString(), e);
        }
    }

    @Override
    public void execute(Runnable work) {
        submit(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                // nobody waits for this work, so the log is the only place its failure can be seen
                LOG.error("Background work failed: {}", e.toString(), e);
            }
        });
    }

    /**
     * Work asked for after {@link #close()} is dropped: the window is closing, and a change it was still reacting
     * to (a data folder event queued on the FX thread, say) has nobody left to show its outcome to.
     */
    private void submit(Runnable task) {
        try {
            pool.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            LOG.debug("Work asked for after the window closed was dropped");
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
