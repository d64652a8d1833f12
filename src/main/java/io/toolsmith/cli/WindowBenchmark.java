package io.toolsmith.cli;

import io.toolsmith.util.UserFacingException;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The window's own benchmark, as {@code bench ui} sees it. The window provides it as a service, so the command
 * line builds and runs without the window's code; the measured process finds it at run time.
 */
public interface WindowBenchmark {

    /**
     * Why the window cannot be shown for measuring in a process with this environment (no headless platform and
     * no display), as a sentence that says what to do; empty when it can.
     */
    Optional<String> unavailable(Map<String, String> environment);

    /**
     * Opens the real window in this JVM with a synthetic chat of {@code messages} messages, streams a reply at
     * {@code tokensPerSecond} for {@code streamMillis}, and returns the figures. Blocks the calling thread.
     *
     * @param processStart when this process was started (epoch milliseconds), or 0 to count from the JVM's start
     */
    UiBenchResult run(int messages, int tokensPerSecond, long streamMillis, long processStart)
            throws UserFacingException;

    /** The benchmark on the class path, if the window is there. */
    static Optional<WindowBenchmark> find() {
        return ServiceLoader.load(WindowBenchmark.class).findFirst();
    }
}
