package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs functions in a microsandbox microVM through the server's JSON-RPC ({@code sandbox.start},
 * {@code sandbox.repl.run}, {@code sandbox.stop}). The VM's Python REPL is interactive, where blank
 * lines end blocks, so code never goes in raw: every request is one line that hands the code to
 * {@code exec} as a string literal, and answers come back as one output line behind a fresh marker.
 * The REPL is loaded once per interpreter with the same worker code the local backend uses, so
 * results convert the same way. Thread-safe: requests are serialized.
 */
public final class MicrosandboxSandbox implements Sandbox {
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(MicrosandboxSandbox.class);
    static final String IMAGE = "microsandbox/python";
    static final String NAMESPACE = "default";
    /** The image runs code as python-user, so its {@code ~/data} is here. */
    static final String GUEST_DATA = "/home/python-user/data";

    private final SandboxSettings settings;
    private final MicrosandboxClient client;
    private final Path dataDir;
    private final String name = "toolsmith-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> modules = new LinkedHashMap<>();
    private final String bootstrap;
    private boolean started;
    /** Set by {@link #close}: a call still running elsewhere as the app closes must not start a sandbox again. */
    private boolean closed;
    private boolean bootstrapped;

    private MicrosandboxSandbox(SandboxSettings settings, Path dataDir) throws SandboxException {
        this.settings = settings;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.client = new MicrosandboxClient(settings.microsandboxUrl(), new OkHttpClient());
        this.bootstrap = MicrosandboxSnippets.bootstrap(workerSource(), settings.outputCapBytes());
    }

    public static MicrosandboxSandbox open(SandboxSettings settings, Path dataDir) throws SandboxException {
        MicrosandboxSandbox sandbox = new MicrosandboxSandbox(settings, dataDir);
        sandbox.start();
        return sandbox;
    }

    private synchronized void start() throws SandboxException {
        ObjectNode config = Json.MAPPER.createObjectNode().put("image", IMAGE)
                .put("memory", Math.max(128, settings.memoryBytes() >> 20)).put("cpus", 1);
        config.putArray("volumes").add(dataDir + ":" + GUEST_DATA);
        ObjectNode params = Json.MAPPER.createObjectNode().put("namespace", NAMESPACE).put("sandbox", name);
        params.set("config", config);
        try {
            JsonNode result = client.call("sandbox.start", params, Duration.ofSeconds(210), null);
            if (result.asText().contains("timed out waiting")) {
                LOG.warn("microsandbox: {}", result.asText());
            }
        } catch (MicrosandboxClient.RpcFailure e) {
            throw new SandboxException("The microsandbox server at " + client.url() + " could not start a sandbox ("
                    + e.getMessage() + "). Check the server's log, or choose the local sandbox in Settings.", e);
        }
        started = true;
        bootstrapped = false;
    }

    private synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        try {
            client.call("sandbox.stop", Json.MAPPER.createObjectNode().put("namespace", NAMESPACE)
                    .put("sandbox", name), Duration.ofSeconds(60), null);
        } catch (MicrosandboxClient.RpcFailure | SandboxException e) {
            LOG.warn("The microsandbox sandbox {} could not be stopped: {}", name, e.getMessage());
        }
    }

    /** A fresh interpreter: stop, start, load the worker code and the modules again. */
    private synchronized void restart() throws SandboxException {
        stop();
        start();
        for (Map.Entry<String, String> module : modules.entrySet()) {
            ReplAnswer answer = run(MicrosandboxSnippets.define(module.getKey(), module.getValue()), null);
            if (answer.marked() == null || !answer.marked().path("ok").asBoolean()) {
                LOG.warn("Module {} could not be loaded again after a restart", module.getKey());
            }
        }
    }

    @Override
    public synchronized void define(String module, String code, boolean network) throws SandboxException {
        if (module == null || !module.matches("[A-Za-z_][A-Za-z0-9_]{0,99}")) {
            throw new SandboxException("The module name '" + module + "' is not a Python identifier; use letters,"
                    + " digits and underscores, not starting with a digit.");
        }
        ReplAnswer answer = run(MicrosandboxSnippets.define(module, code), null);
        if (answer.stopped() != null) {
            restart();
            throw new SandboxException("Loading module " + module + " did not finish within "
                    + settings.timeoutWords() + " and was stopped; its top-level code must not run for long.");
        }
        JsonNode reply = answer.marked();
        if (reply == null) {
            throw new SandboxException("The microsandbox REPL did not answer while loading module " + module + ": "
                    + answer.stderrText());
        }
        if (!reply.path("ok").asBoolean()) {
            throw new SandboxException(WorkerReplies.defineFailure(module, reply.path("error")));
        }
        modules.put(module, code);
    }

    @Override
    public synchronized void undefine(String module) {
        if (modules.remove(module) != null && started) {
            try {
                run(MicrosandboxSnippets.undefine(module), null);
            } catch (SandboxException e) {
                LOG.warn("Module {} could not be removed from the microsandbox: {}", module, e.getMessage());
            }
        }
    }

    @Override
    public synchronized CallOutcome call(String callId, String module, String function, JsonNode arguments,
                                         Cancellation cancel) throws SandboxException {
        if (!modules.containsKey(module)) {
            return CallOutcome.failure(ErrorInfo.of("NameError", "Module " + module + " is not loaded in the"
                    + " sandbox; approve its code first."), "", Duration.ZERO);
        }
        ObjectNode request = Json.MAPPER.createObjectNode().put("op", "call").put("id", callId)
                .put("module", module).put("function", function);
        request.set("args", arguments == null || arguments.isNull() ? Json.MAPPER.createObjectNode() : arguments);
        long t0 = System.nanoTime();
        ReplAnswer answer = run(MicrosandboxSnippets.call(request.toString()), cancel);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        if (answer.stopped() != null) {
            restart();
            return CallOutcome.failure(answer.stopped().equals("cancelled")
                    ? ErrorInfo.of("Cancelled", "The call to " + function + " was cancelled and stopped.")
                    : ErrorInfo.of("TimeoutError", "The function did not finish within " + settings.timeoutWords()
                    + " and was stopped."), answer.otherOutput(), elapsed);
        }
        if (answer.marked() == null) {
            // The REPL itself failed (the interpreter died, or the snippet could not run): stderr is all there is.
            restart();
            String last = answer.lastStderrLine();
            int colon = last.indexOf(':');
            return new CallOutcome(false, null, new ErrorInfo(colon > 0 ? last.substring(0, colon) : "SandboxError",
                    colon > 0 ? last.substring(colon + 1).strip() : "The sandbox stopped while running " + function
                    + "; it was restarted.", answer.stderrText()), answer.otherOutput(), false, elapsed);
        }
        CallOutcome outcome = WorkerReplies.outcome(answer.marked(), elapsed);
        String extra = answer.otherOutput();
        if (extra.isEmpty()) {
            return outcome;
        }
        return new CallOutcome(outcome.ok(), outcome.result(), outcome.error(), outcome.output() + extra,
                outcome.outputTruncated(), elapsed);
    }

    /** Sends one snippet to the REPL, loading the worker code first on a fresh interpreter. */
    private ReplAnswer run(String snippet, Cancellation cancel) throws SandboxException {
        if (closed) {
            throw SandboxException.shutDown();
        }
        if (!started) {
            start();
        }
        if (!bootstrapped) {
            // Loading the runner is the app's own code, not the function's: a short call timeout must not cut it off.
            ReplAnswer loaded = send(bootstrap, null, max(settings.timeout(), SETUP_TIMEOUT));
            if (loaded.stopped() != null || !loaded.stderrText().isEmpty()) {
                throw new SandboxException("The microsandbox REPL could not load the function runner: "
                        + loaded.stderrText());
            }
            bootstrapped = true;
        }
        return send(snippet, cancel, settings.timeout());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private ReplAnswer send(String snippet, Cancellation cancel, Duration timeout) throws SandboxException {
        String marker = MicrosandboxSnippets.newMarker();
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        ObjectNode params = Json.MAPPER.createObjectNode().put("sandbox", name).put("namespace", NAMESPACE)
                .put("language", "python").put("code", snippet.replace(MicrosandboxSnippets.MARKER_SLOT, marker))
                .put("timeout", seconds);
        try {
            JsonNode result = client.call("sandbox.repl.run", params, timeout.plusSeconds(15), cancel);
            return ReplAnswer.parse(result.path("output"), marker);
        } catch (MicrosandboxClient.RpcFailure e) {
            if (e.status == -1) {
                return ReplAnswer.stopped(e.getMessage());
            }
            throw new SandboxException("The microsandbox server failed to run code (" + e.getMessage()
                    + "); the sandbox may have stopped. Try again, or restart the server.", e);
        }
    }

    @Override
    public Isolation isolation() {
        return new Isolation("microsandbox", "microvm", true, "microsandbox microVM at " + client.url()
                + ": own kernel, data folder only; network cannot be switched off by this server");
    }

    @Override
    public synchronized void close() {
        closed = true;
        stop();
    }

    private static String workerSource() throws SandboxException {
        try (InputStream stream = MicrosandboxSandbox.class.getResourceAsStream("/sandbox/worker.py")) {
            if (stream == null) {
                throw new SandboxException("The sandbox worker script is missing from the application.");
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SandboxException("The sandbox worker script could not be read.", e);
        }
    }
}
