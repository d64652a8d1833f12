package io.toolsmith.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds out whether a Python 3 interpreter can be started, and which version it is. */
public final class PythonProbe {
    private PythonProbe() {
    }

    /** The interpreter's version line (e.g. "Python 3.11.7"), or empty when it cannot be run. */
    public static Optional<String> probe(String python) {
        try {
            Process process = new ProcessBuilder(python, "--version").redirectErrorStream(true).start();
            byte[] bytes = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 && text.startsWith("Python 3") ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
