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
        Answer answer = ask(python, timeout);
        return answer.version() == null ? Optional.empty() : Optional.of(answer.version());
    }

    /**
     * True only when {@code python} could not be started or is not Python 3. An interpreter that was too slow to
     * answer (a machine busy enough to make the sandbox's start time out, too) is not missing: saying it was not
     * found would send the user to install what is there.
     */
    public static boolean missing(String python) {
        return missing(python, Duration.ofSeconds(10));
    }

    static boolean missing(String python, Duration timeout) {
        Answer answer = ask(python, timeout);
        return answer.version() == null && !answer.tooSlow();
    }

    private record Answer(String version, boolean tooSlow) {
    }

    private static Answer ask(String python, Duration timeout) {
        try {
            ProcessRunner.Result result = new ProcessRunner(python, "--version").mergeErrors().timeout(timeout).run();
            String text = result.stdout().strip();
            return new Answer(result.succeeded() && text.startsWith("Python 3") ? text : null, result.timedOut());
        } catch (IOException e) {
            return new Answer(null, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, true);
        }
    }
}
