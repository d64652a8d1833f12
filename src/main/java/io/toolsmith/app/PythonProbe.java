package io.toolsmith.app;

import io.toolsmith.util.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Finds out whether a Python 3 interpreter can be started, and which version it is. */
public final class PythonProbe {
    private PythonProbe() {
    }

    /** The interpreter's version line (e.g. "Python 3.11.7"), or empty when it cannot be run. */
    public static Optional<String> probe(String python) {
        return probe(python, Duration.ofSeconds(10));
    }

    /** As {@link #probe(String)}, giving up on an interpreter that does not answer within {@code timeout}. */
    static Optional<String> probe(String python, Duration timeout) {
        try {
            ProcessRunner.Result result = new ProcessRunner(python, "--version").mergeErrors().timeout(timeout).run();
            String text = result.stdout().strip();
            return result.succeeded() && text.startsWith("Python 3") ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
