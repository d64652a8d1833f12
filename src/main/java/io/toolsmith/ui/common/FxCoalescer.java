package io.toolsmith.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Background → UI channel that batches: any thread may {@link #post}, and at most one drain is
 * queued on the UI executor at a time. The drain hands everything posted since the last drain to
 * the consumer, on the UI thread, in order. So a stream of 1,000 tokens a second costs one
 * {@code Platform.runLater} per frame, never one per token.
 */
public final class FxCoalescer<T> {
    private final UiExecutor ui;
    private final Consumer<List<T>> consumer;
    private final Object lock = new Object();
    private List<T> pending = new ArrayList<>();
    private boolean drainQueued;

    public FxCoalescer(UiExecutor ui, Consumer<List<T>> consumer) {
        this.ui = ui;
        this.consumer = consumer;
    }

    /** Thread-safe. */
    public void post(T item) {
        boolean schedule;
        synchronized (lock) {
            pending.add(item);
            schedule = !drainQueued;
            drainQueued = true;
        }
        if (schedule) {
            ui.execute(this::drain);
        }
    }

    private void drain() {
        List<T> batch;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
            drainQueued = false;
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }
}
