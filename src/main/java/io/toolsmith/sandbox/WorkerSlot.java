package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Cancellation;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Holds the worker of one {@link Grant}, starting it lazily and again after it died. All methods are
 * synchronized: one request at a time per worker.
 */
final class WorkerSlot {
    /**
     * The answer to one request: the reply line, or why there is none ({@code problem} describes a bad
     * reply when {@code killedFor} is PROTOCOL).
     */
    record Exchange(JsonNode reply, SandboxWorker.KillReason killedFor, String problem, Duration elapsed) {
        boolean stopped() {
            return reply == null;
        }
    }

    private final Grant grant;
    private final WorkerLauncher launcher;
    private final Consumer<WorkerSlot> onRestart;
    private final RequestDeadline deadline;
    private final BooleanSupplier sandboxClosed;
    private SandboxWorker worker;

    WorkerSlot(Grant grant, WorkerLauncher launcher, ScheduledExecutorService scheduler,
               Consumer<WorkerSlot> onRestart, BooleanSupplier sandboxClosed) {
        this.grant = grant;
        this.launcher = launcher;
        this.onRestart = onRestart;
        this.sandboxClosed = sandboxClosed;
        this.deadline = new RequestDeadline(scheduler);
    }

    Grant grant() {
        return grant;
    }

    /** Starts the worker if none is running; {@code onRestart} then loads the modules again. */
    synchronized SandboxWorker ensureStarted() throws SandboxException {
        // Read under this slot's lock, which the sandbox's close takes after setting it: a start either sees the
        // sandbox closed or finishes before the close stops its worker, never leaving one running after the close.
        if (sandboxClosed.getAsBoolean()) {
            throw SandboxException.shutDown();
        }
        if (worker == null || !worker.alive()) {
            if (worker != null) {
                worker.stop();
            }
            worker = launcher.start(grant);
            onRestart.accept(this);
        }
        return worker;
    }

    synchronized boolean running() {
        return worker != null && worker.alive();
    }

    /** Sends one request, killing the worker when the timeout passes or {@code cancel} fires. */
    synchronized Exchange request(ObjectNode line, Duration timeout, Cancellation cancel) throws SandboxException {
        SandboxWorker current = ensureStarted();
        return send(current, line, timeout, cancel);
    }

    /** Like {@link #request} but only on a running worker (used while loading modules after a start). */
    synchronized Exchange requestRunning(ObjectNode line, Duration timeout) {
        return send(worker, line, timeout, null);
    }

    /**
     * Like {@link #requestRunning}, but asks nothing when no worker is running (there is nothing to ask then);
     * the reply, or null when there is none.
     */
    synchronized JsonNode requestIfRunning(ObjectNode line, Duration timeout) {
        if (worker != null && worker.alive()) {
            return send(worker, line, timeout, null).reply();
        }
        return null;
    }

    private Exchange send(SandboxWorker current, ObjectNode line, Duration timeout, Cancellation cancel) {
        deadline.start(current, timeout);
        Runnable unregister = cancel == null ? () -> { } : cancel.onCancel(
                () -> current.kill(SandboxWorker.KillReason.CANCELLED));
        long t0 = System.nanoTime();
        JsonNode reply;
        try {
            reply = current.exchange(line);
        } finally {
            deadline.stop();
            unregister.run();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        return reply == null ? new Exchange(null, current.killReason(), current.protocolProblem(), elapsed)
                : new Exchange(reply, null, "", elapsed);
    }

    /** Throws the worker away (after a crash, timeout, or when it used up its processor time). */
    synchronized void discard() {
        if (worker != null) {
            worker.stop();
            worker = null;
        }
    }

    /** The running worker's ready line (empty when none runs). */
    synchronized JsonNode ready() {
        return worker == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : worker.ready();
    }

    synchronized Duration lastStartTime() {
        return worker == null ? Duration.ZERO : worker.startTime();
    }
}
