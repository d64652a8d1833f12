package io.toolsmith.ui.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A list of callbacks for "something changed" (the library, the data folder, the activity log). Thread-safe;
 * {@link #fire} calls every listener on the calling thread, and a failing listener does not stop the others.
 */
final class ChangeSignal {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeSignal.class);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    Runnable add(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A change listener failed: {}", e.toString(), e);
            }
        }
    }
}
