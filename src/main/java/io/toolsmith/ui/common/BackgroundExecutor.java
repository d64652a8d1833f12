package io.toolsmith.ui.common;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where the window runs work that must not block the FX thread (model lists, sandbox calls, file reads). The
 * window uses one {@link PooledBackgroundExecutor}; view-model tests use a same-thread version, so they see each
 * command's outcome as soon as the command returns and need no waiting.
 */
public interface BackgroundExecutor extends Executor, AutoCloseable {

    /** Runs {@code work} off the caller's thread; {@code onDone} or {@code onFailed} is called on the UI thread. */
    <T> void run(Work<T> work, Consumer<T> onDone, Consumer<Throwable> onFailed);

    /** Fire-and-forget work whose failure is logged; for actions whose outcome arrives as an event. */
    @Override
    void execute(Runnable work);

    /** Stops the threads (window closing); work still queued is dropped. */
    @Override
    void close();

    /** Work that may fail with a checked exception (seams throw {@code UserFacingException}). */
    @FunctionalInterface
    interface Work<T> {
        T get() throws Exception;
    }
}
