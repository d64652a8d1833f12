package io.toolsmith.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * does not answer within the timeout ({@link #TIMEOUT} by default) is ended, so a caller never waits forever.
 */
public final class PythonAnalyzer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PythonAnalyzer.class);

    public enum Mode { PERSISTENT, PER_CALL }

    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> SCRIPTS = List.of("analysis.py", "specgen.py");

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
                toPython.write(line);
                toPython.write('\n');
                toPython.flush();
                String reply = readWithTimeout(process, fromPython);
                return Json.MAPPER.readTree(reply);
            } catch (IOException e) {
                LOG.debug("Python analyzer failed (attempt {})", attempt + 1, e);
                stop();
                if (attempt >= 1 || e instanceof TimedOut) {
                    throw failure(e);
                }
            }
        }
    }

    private JsonNode oneShot(String line) throws UserFacingException {
        try {
            Process p = start();
            try (var out = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                out.write(line);
                out.write('\n');
            }
            String reply;
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                reply = readWithTimeout(p, in);
            }
            p.waitFor();
            return Json.MAPPER.readTree(reply);
        } catch (IOException e) {
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException("The code analysis was interrupted.", e);
        }
    }

    /** Reads one reply line; the watchdog ends the process if none comes in time, which ends the read. */
    private String readWithTimeout(Process p, BufferedReader in) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> kill = watchdog.schedule(() -> {
            timedOut.set(true);
            p.destroyForcibly();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            String reply = in.readLine();
            if (timedOut.get()) {
                throw new TimedOut("the analysis took longer than " + timeout.toMillis() + " ms");
            }
            if (reply == null) {
                throw new IOException("the analyzer process ended");
            }
            return reply;
        } finally {
            kill.cancel(false);
        }
    }

    /** Not retried: a second attempt would most likely hang the same way. */
    private static final class TimedOut extends IOException {
        TimedOut(String message) {
            super(message);
        }
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
        // -B: write no bytecode next to the extracted script.
        ProcessBuilder builder = new ProcessBuilder(python, "-I", "-B", script().toString(), "--serve")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    /** Extracts analysis.py and specgen.py (imported by it) into a private temporary folder, once. */
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
