package io.toolsmith.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One running worker process and its JSON-lines pipe. Every request carries a sequence number that its
 * reply must repeat, and reply lines are read with a size bound: a reply that is too long, not JSON, or
 * answers another request means the worker can no longer be trusted to be in step, so it is killed.
 * Not thread-safe: one request at a time (the owning {@link WorkerSlot} serializes); {@link #kill} may
 * be called from any thread.
 */
final class SandboxWorker {
    /** Why a worker was stopped. PROTOCOL: its reply was too long, unreadable or out of step. */
    enum KillReason { TIMEOUT, CANCELLED, CLOSED, PROTOCOL }

    private static final long READY_LINE_LIMIT = 1 << 16;

    private final Process process;
    private final ReplyReader in;
    private final OutputStream out;
    private final Path stderrLog;
    private final PidsCgroup cgroup;
    private final long maxReplyBytes;
    private volatile KillReason killReason;
    private volatile String protocolProblem = "";
    private Duration startTime = Duration.ZERO;
    private JsonNode ready = MissingNode.getInstance();
    private final List<Process> helpers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long sequence;

    private SandboxWorker(Process process, Path stderrLog, PidsCgroup cgroup, long maxReplyBytes) {
        this.process = process;
        this.in = new ReplyReader(process.getInputStream());
        this.out = process.getOutputStream();
        this.stderrLog = stderrLog;
        this.cgroup = cgroup;
        this.maxReplyBytes = maxReplyBytes;
    }

    /**
     * Starts a worker and waits for its ready line.
     *
     * @param maxReplyBytes the longest reply line accepted
     * @throws SandboxException with the worker's own error output when it does not come up
     */
    static SandboxWorker start(List<String> command, Map<String, String> env, Path directory, Path stderrLog,
                               PidsCgroup cgroup, ScheduledExecutorService scheduler, long maxReplyBytes)
            throws SandboxException {
        long t0 = System.nanoTime();
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.to(stderrLog.toFile()));
            builder.environment().clear();
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("The sandbox could not be started: " + e.getMessage() + ".", e);
        }
        SandboxWorker worker = new SandboxWorker(process, stderrLog, cgroup, maxReplyBytes);
        ScheduledFuture<?> guard = scheduler.schedule(() -> worker.kill(KillReason.TIMEOUT), 30, TimeUnit.SECONDS);
        JsonNode ready;
        try {
            ready = worker.in.next(READY_LINE_LIMIT);
        } catch (IOException e) {
            ready = null;
        } finally {
            guard.cancel(false);
        }
        if (ready == null || !ready.path("ready").asBoolean()) {
            worker.kill(KillReason.CLOSED);
            String reason = worker.stderrTail();
            throw new SandboxException("The sandbox could not be started"
                    + (reason.isBlank() ? "." : ": " + reason));
        }
        worker.ready = ready;
        if (cgroup != null) {
            try {
                cgroup.attach(process.pid());
                for (ProcessHandle child : process.descendants().toList()) {
                    cgroup.attach(child.pid());
                }
            } catch (IOException e) {
                worker.kill(KillReason.CLOSED);
                throw new SandboxException("The sandbox's process limit could not be applied: " + e.getMessage(), e);
            }
        }
        worker.startTime = Duration.ofNanos(System.nanoTime() - t0);
        return worker;
    }

    /** From starting the process to its ready line. */
    Duration startTime() {
        return startTime;
    }

    /** The worker's ready line: its Python version and whether its system-call filter is on. */
    JsonNode ready() {
        return ready;
    }

    /**
     * Sends one request (numbered here) and reads its reply; null when the worker stopped or was killed
     * for a bad reply ({@link #killReason()} and {@link #protocolProblem()} say which).
     */
    JsonNode exchange(ObjectNode request) {
        long seq = ++sequence;
        ObjectNode numbered = request.deepCopy().put("seq", seq);
        JsonNode reply;
        try {
            out.write(numbered.toString().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.flush();
            reply = in.next(maxReplyBytes);
        } catch (ReplyReader.TooLong e) {
            return refuse(String.format(java.util.Locale.ROOT, "its reply was longer than %.1f MiB",
                    maxReplyBytes / (double) (1 << 20)));
        } catch (JsonProcessingException e) {
            return refuse("its reply was not JSON");
        } catch (IOException e) {
            return null;
        }
        if (reply == null) {
            return null;
        }
        if (!reply.path("seq").isIntegralNumber() || reply.path("seq").asLong() != seq) {
            return refuse("it answered out of turn");
        }
        return reply;
    }

    private JsonNode refuse(String problem) {
        protocolProblem = problem;
        kill(KillReason.PROTOCOL);
        return null;
    }

    /** What was wrong with the last reply, when the worker was killed for it ("its reply was not JSON"). */
    String protocolProblem() {
        return protocolProblem;
    }

    boolean alive() {
        return process.isAlive() && killReason == null;
    }

    KillReason killReason() {
        return killReason;
    }

    /** The process started for this worker (bubblewrap, or Python itself). */
    Process process() {
        return process;
    }

    /** A process that serves this worker (its network) and must end with it. */
    void adopt(Process helper) {
        helpers.add(helper);
    }

    /** Kills the worker and everything it started; safe from any thread, repeatable. */
    void kill(KillReason reason) {
        if (killReason == null) {
            killReason = reason;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        helpers.forEach(Process::destroyForcibly);
    }

    /** Kills the worker and waits for it to be gone, then releases its process limit. */
    void stop() {
        kill(KillReason.CLOSED);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (cgroup != null) {
            cgroup.close();
        }
    }

    String stderrTail() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
            String text = Files.readString(stderrLog, StandardCharsets.UTF_8).strip();
            String[] lines = text.split("\\R");
            return lines[lines.length - 1];
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }
}
