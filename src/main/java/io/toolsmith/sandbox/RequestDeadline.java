package io.toolsmith.sandbox;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Kills a worker whose request runs past its time. Scheduling a timer task per request wakes the timer thread
 * each time (the new task is the first in its queue), and on a machine with few processors that thread then
 * competes with the worker and the call's process for them right when the request is sent. So one check stays
 * scheduled instead: a request only moves the deadline, and the check, when it comes, kills the worker if its
 * request is late, waits again for the rest of the time if one is still running, or ends when none is: at most
 * one wake-up per timeout period, not one per request. Thread-safe.
 */
final class RequestDeadline {
    private final ScheduledExecutorService scheduler;
    private SandboxWorker worker;
    private long deadline;
    private ScheduledFuture<?> check;

    RequestDeadline(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** The request {@code worker} is about to get must be answered within {@code timeout}. */
    synchronized void start(SandboxWorker worker, Duration timeout) {
        long nanos = timeout.toNanos();
        this.worker = worker;
        this.deadline = System.nanoTime() + nanos;
        if (check != null && check.getDelay(TimeUnit.NANOSECONDS) > nanos) {
            check.cancel(false); // a shorter time than the one being waited for
            check = null;
        }
        if (check == null) {
            check = scheduler.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The request was answered (or failed): no deadline until the next one. */
    synchronized void stop() {
        worker = null;
    }

    private void check() {
        SandboxWorker late;
        synchronized (this) {
            check = null;
            if (worker == null) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left > 0) {
                check = scheduler.schedule(this::check, left, TimeUnit.NANOSECONDS);
                return;
            }
            late = worker;
            worker = null;
        }
        late.kill(SandboxWorker.KillReason.TIMEOUT);
    }
}
