package io.toolsmith.sandbox;

import java.time.Duration;

/**
 * Limits and choices for the sandbox.
 *
 * @param backend         "local" (a Python worker, under bubblewrap where available) or "microsandbox"
 * @param timeout         wall-clock limit of one call
 * @param memoryBytes     address-space limit of the worker
 * @param cpuSeconds      processor-time limit of one worker process
 * @param maxFileBytes    largest file a function may write
 * @param maxProcesses    processes and threads the worker may run at once
 * @param outputCapBytes  captured output (and result) kept per call
 * @param python          the Python command
 * @param microsandboxUrl the microsandbox server
 */
public record SandboxSettings(String backend, Duration timeout, long memoryBytes, int cpuSeconds, long maxFileBytes,
                              int maxProcesses, long outputCapBytes, String python, String microsandboxUrl) {

    public static SandboxSettings defaults() {
        return new SandboxSettings("local", Duration.ofSeconds(30), 1L << 30, 60, 256L << 20, 64, 1L << 20,
                "python3", "http://127.0.0.1:5555");
    }

    public SandboxSettings withTimeout(Duration newTimeout) {
        return new SandboxSettings(backend, newTimeout, memoryBytes, cpuSeconds, maxFileBytes, maxProcesses,
                outputCapBytes, python, microsandboxUrl);
    }

    public SandboxSettings withBackend(String newBackend, String url) {
        return new SandboxSettings(newBackend, timeout, memoryBytes, cpuSeconds, maxFileBytes, maxProcesses,
                outputCapBytes, python, url);
    }

    /** "30 seconds", "1 second", "1.5 seconds": for sentences. */
    String timeoutWords() {
        long millis = timeout.toMillis();
        if (millis % 1000 == 0) {
            long s = millis / 1000;
            return s + (s == 1 ? " second" : " seconds");
        }
        return String.format(java.util.Locale.ROOT, "%.1f seconds", millis / 1000.0);
    }
}
