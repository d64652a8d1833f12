package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * One running worker process and its JSON-lines pipe. Not thread-safe: one request at a time
 * (the owning {@link WorkerSlot} serializes); {@link #kill} may be called from any thread.
 */
final class SandboxWorker {
    enum KillReason { TIMEOUT, CANCELLED, CLOSED }

    private final Process process;
    private final BufferedReader in;
    private final OutputStream out;
    private final Path stderrLog;
    private final PidsCgroup cgroup;
    private volatile KillReason killReason;
    private Duration startTime = Duration.ZERO;

    private SandboxWorker(Process process, Path stderrLog, PidsCgroup cgroup) {
        this.process = process;
        this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        this.out = process.getOutputStream();
        this.stderrLog = stderrLog;
        this.cgroup = cgroup;
    }

    /**
     * Starts a worker and waits for its ready line.
     *
     * @throws SandboxException with the worker's own error output when it does not come up
     */
    static SandboxWorker start(List<String> command, Map<String, String> env, Path directory, Path stderrLog,
                               PidsCgroup cgroup, ScheduledExecutorService scheduler) throws SandboxException {
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
        SandboxWorker worker = new SandboxWorker(process, stderrLog, cgroup);
        ScheduledFuture<?> guard = scheduler.schedule(() -> worker.kill(KillReason.TIMEOUT), 30, TimeUnit.SECONDS);
        String ready;
        try {
            ready = worker.in.readLine();
        } catch (IOException e) {
            ready = null;
        } finally {
            guard.cancel(false);
        }
        if (ready == null || !ready.contains("\"ready\"")) {
            worker.kill(KillReason.CLOSED);
            String reason = worker.stderrTail();
            throw new SandboxException("The sandbox could not be started"
                    + (reason.isBlank() ? "." : ": " + reason));
        }
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

    /** Sends one request line and reads one reply line; null when the worker stopped. */
    JsonNode exchange(String requestLine) {
        try {
            out.write(requestLine.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.flush();
            String line = in.readLine();
            return line == null ? null : Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    boolean alive() {
        return process.isAlive() && killReason == null;
    }

    KillReason killReason() {
        return killReason;
    }

    /** Kills the worker and everything it started; safe from any thread, repeatable. */
    void kill(KillReason reason) {
        if (killReason == null) {
            killReason = reason;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
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
