package io.toolsmith.ui.common;

import java.util.function.Consumer;

/**
 * The same-thread background executor of view-model tests: work and its callback run on the caller's thread
 * before {@code run} returns, so a test reads each command's outcome on the next line, and everything a view
 * model owns is touched by one thread only, as on the FX thread.
 */
public final class DirectBackgroundExecutor implements BackgroundExecutor {

    @Override
    public <T> void run(Work<T> work, Consumer<T> onDone, Consumer<Throwable> onFailed) {
        T result;
        try {
            result = work.get();
        } catch (Exception e) {
            PooledBackgroundExecutor.logFailure(e);
            onFailed.accept(e);
            return;
        }
        onDone.accept(result);
    }

    @Override
    public void execute(Runnable work) {
        work.run();
    }

    @Override
    public void close() {
        // no threads to stop
    }
}
