package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.sandbox.PythonInstallation;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code sandbox/analysis.py} with the host's {@code python3}, outside the sandbox: the script only parses
 * code with {@code ast} and never executes it. By default one persistent process answers JSON lines (parsing a
 * block then costs a round trip instead of an interpreter start); {@link Mode#PER_CALL} starts one per request,
 * kept for comparison ({@code toolsmith bench analyzer}).
 *
 * <p>Thread-safe: requests are serialized. A process that died is started again once per request; one that
 * does not take and answer a request within the timeout ({@link #TIMEOUT} by default) is ended, so a caller never
 * waits forever, and the sentence says the analysis timed out rather than that Python is missing.
 */
public final class PythonAnalyzer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PythonAnalyzer.class);

    public enum Mode { PERSISTENT, PER_CALL }

    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> SCRIPTS = List.of("analysis.py", "specgen.py", "effects.py");

    private final String python;
    private final Mode mode;
    private final Duration timeout;
    private Path script;
    private Process process;
    private BufferedWriter toPython;
    private BufferedReader fromPython;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "python-analyzer-watchdog");
        t.setDaemon(true);
        return t;
    });

    public PythonAnalyzer() {
        this("python3", Mode.PERSISTENT);
    }

    public PythonAnalyzer(String python, Mode mode) {
        this(python, mode, TIMEOUT);
    }

    public PythonAnalyzer(String python, Mode mode, Duration timeout) {
        this.python = python;
        this.mode = mode;
        this.timeout = timeout;
    }

    /** Parses {@code code} and reports syntax errors, functions, imports, risky modules and load-time statements. */
    public synchronized CodeAnalysis analyze(String code) throws UserFacingException {
        JsonNode result = request("analyze", code);
        return Json.MAPPER.convertValue(result, CodeAnalysis.class);
    }

    /** Specs derived from the signatures, type hints and docstrings of the public top-level functions. */
    public synchronized List<ObjectNode> deriveSpecs(String code) throws UserFacingException {
        JsonNode result = request("specs", code);
        List<ObjectNode> specs = new ArrayList<>();
        result.forEach(node -> specs.add((ObjectNode) node));
        return specs;
    }

    private JsonNode request(String op, String code) throws UserFacingException {
        String line;
        try {
            line = Json.MAPPER.writeValueAsString(Map.of("op", op, "code", code));
        } catch (IOException e) {
            throw new UserFacingException("The code could not be prepared for analysis: " + e.getMessage(), e);
        }
        JsonNode answer = mode == Mode.PER_CALL ? oneShot(line) : persistent(line);
        if (!answer.path("ok").asBoolean()) {
            throw new UserFacingException("The code could not be analysed: " + answer.path("error").asText() + ".");
        }
        return answer.get("result");
    }

    private JsonNode persistent(String line) throws UserFacingException {
        for (int attempt = 0; ; attempt++) {
            try {
                ensureStarted();
                BufferedWriter to = toPython;
                String reply = exchange(process, () -> {
                    to.write(line);
                    to.write('\n');
                    to.flush();
                }, fromPython);
                return Json.MAPPER.readTree(reply);
            } catch (TimedOut e) {
                stop();
                throw timedOut(e); // not retried: a second attempt would most likely hang the same way
            } catch (IOException e) {
                LOG.debug("Python analyzer failed (attempt {})", attempt + 1, e);
                stop();
                if (attempt >= 1) {
                    throw failure(e);
                }
            }
        }
    }

    private JsonNode oneShot(String line) throws UserFacingException {
        Process p = null;
        try {
            p = start();
            var out = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
            String reply;
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                reply = exchange(p, () -> {
                    out.write(line);
                    out.write('\n');
                    out.close(); // end of input: the script answers once and exits
                }, in);
            }
            return Json.MAPPER.readTree(reply);
        } catch (TimedOut e) {
            throw timedOut(e);
        } catch (IOException e) {
            throw failure(e);
        } finally {
            if (p != null) {
                endQuietly(p);
            }
        }
    }

    /** The answered process is given the rest of the timeout to exit, then ended, so none is left behind. */
    private void endQuietly(Process p) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Writing the request; may block when the process does not read (a full pipe). */
    @FunctionalInterface
    private interface Send {
        void run() throws IOException;
    }

    /**
     * Sends one request and reads one reply line under one deadline. The watchdog starts before the write:
     * a process that stops reading blocks the write once the pipe is full (large code), and ending the process
     * is what ends a blocked write or read.
     */
    private String exchange(Process p, Send send, BufferedReader in) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> kill = watchdog.schedule(() -> {
            timedOut.set(true);
            p.destroyForcibly();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            send.run();
            String reply = in.readLine();
            if (timedOut.get()) {
                throw new TimedOut();
            }
            if (reply == null) {
                throw new IOException("the analyzer process ended");
            }
            return reply;
        } catch (IOException e) {
            if (timedOut.get() && !(e instanceof TimedOut)) {
                throw new TimedOut();
            }
            throw e;
        } finally {
            kill.cancel(false);
        }
    }

    /** The analysis did not answer in time and its process was ended. */
    private static final class TimedOut extends IOException {
    }

    private UserFacingException timedOut(TimedOut e) {
        return new UserFacingException("The code analysis timed out after " + describe(timeout) + " and was stopped; "
                + "the code may be too large to check quickly. Try again, or ask for the code in smaller blocks.", e);
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 || millis % 1000 != 0 ? millis + " ms" : millis / 1000 + " s";
    }

    private UserFacingException failure(IOException e) {
        return new UserFacingException("Python could not check the code (" + e.getMessage() + "). Make sure '"
                + python + "' (Python 3.9 or newer) is installed and on the PATH.", e);
    }

    private void ensureStarted() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = start();
        toPython = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        fromPython = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private Process start() throws IOException {
        // -I: ignore the environment and user site (nothing from the host's Python setup is imported);
        // -S: no site module either: the analysis needs only the standard library, and site would run every .pth
        // file in site-packages (code of any package installed there, at every start, and most of a start's time);
        // -B: write no bytecode next to the extracted script.
        ProcessBuilder builder = new ProcessBuilder(PythonInstallation.executableOf(python), "-I", "-S", "-B",
                script().toString(), "--serve")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    /** Extracts analysis.py, specgen.py and effects.py (imported by it) into a private temporary folder, once. */
    private Path script() throws IOException {
        if (script == null || !Files.exists(script)) {
            Path dir = Files.createTempDirectory("toolsmith-analysis");
            dir.toFile().deleteOnExit(); // files registered later are deleted first
            for (String name : SCRIPTS) {
                dir.resolve(name).toFile().deleteOnExit();
                try (InputStream in = PythonAnalyzer.class.getResourceAsStream("/sandbox/" + name)) {
                    if (in == null) {
                        throw new IOException("sandbox/" + name + " is missing from the application");
                    }
                    Files.write(dir.resolve(name), in.readAllBytes());
                }
            }
            script = dir.resolve(SCRIPTS.get(0));
        }
        return script;
    }

    private void stop() {
        if (process != null) {
            process.destroy();
            process = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
        watchdog.shutdownNow();
        if (script != null) {
            for (String name : SCRIPTS) {
                try {
                    Files.deleteIfExists(script.resolveSibling(name));
                } catch (IOException e) {
                    LOG.debug("Could not delete {}", script.resolveSibling(name), e);
                }
            }
            try {
                Files.deleteIfExists(script.getParent());
            } catch (IOException e) {
                LOG.debug("Could not delete {}", script.getParent(), e);
            }
        }
    }
}
