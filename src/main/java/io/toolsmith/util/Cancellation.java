package io.toolsmith.util;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cancel signal shared by everything one operation starts (a stream, a sandbox call).
 * Thread-safe; callbacks registered after cancellation run at once on the registering thread.
 */
public final class Cancellation {
    private volatile boolean cancelled;
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    public static Cancellation none() {
        return new Cancellation();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void cancel() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
        }
        callbacks.forEach(Runnable::run);
    }

    /** Runs {@code action} when this is cancelled; returns a handle that removes it again. */
    public Runnable onCancel(Runnable action) {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                callbacks.add(action);
            }
        }
        if (runNow) {
            action.run();
        }
        return () -> callbacks.remove(action);
    }
}
