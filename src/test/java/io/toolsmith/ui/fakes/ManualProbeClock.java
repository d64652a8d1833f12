package io.toolsmith.ui.fakes;

import io.toolsmith.ui.window.ProbeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A probe clock the test turns by hand: what is scheduled runs only when the test says so. Thread-safe. */
public final class ManualProbeClock implements ProbeClock {
    private record Scheduled(Duration delay, Runnable task) {
    }

    private final List<Scheduled> pending = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();

    @Override
    public synchronized Runnable schedule(Duration delay, Runnable task) {
        Scheduled entry = new Scheduled(delay, task);
        pending.add(entry);
        delays.add(delay);
        return () -> {
            synchronized (this) {
                pending.remove(entry);
            }
        };
    }

    /** Every delay asked for so far, in order. */
    public synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }

    public synchronized int pending() {
        return pending.size();
    }

    /** Lets the time of the one scheduled probe pass: it runs now, on the caller's thread. */
    public void runScheduled() {
        Scheduled next;
        synchronized (this) {
            if (pending.isEmpty()) {
                throw new AssertionError("no probe is scheduled");
            }
            next = pending.remove(0);
        }
        next.task().run();
    }

    @Override
    public void close() {
        synchronized (this) {
            pending.clear();
        }
    }
}
