package io.toolsmith.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.toolsmith.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A stand-in for the mid-2025 microsandbox server ({@code msb server start --dev}): JSON-RPC 2.0 on
 * {@code POST /api/v1/rpc}, {@code GET /api/v1/health}, the same HTTP statuses and error bodies, and
 * a real REPL: each started sandbox gets one persistent {@code python3 -q -u -i} whose stdin receives
 * the code plus an end marker, exactly as the portal inside the VM does. Volumes are modelled by
 * giving the interpreter a home in which the guest path leads to the host folder.
 * Not modelled: boot latency, image pulls, real metrics numbers, the VM boundary itself.
 */
public final class FakeMicrosandbox implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    private static final String GUEST_HOME = "/home/python-user";

    /** One sandbox's interpreter and its ordered output lines. */
    private static final class Repl {
        final Process process;
        final LinkedBlockingQueue<String[]> lines = new LinkedBlockingQueue<>();

        Repl(Process process) {
            this.process = process;
            pump(process.getInputStream(), "stdout");
            pump(process.getErrorStream(), "stderr");
        }

        private void pump(java.io.InputStream stream, String name) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(new String[] {name, line});
                    }
                } catch (IOException ignored) {
                    // the interpreter was stopped
                }
            }, "fake-msb-" + name);
            t.setDaemon(true);
            t.start();
        }
    }

    private record Sandbox(ObjectNode config, Repl repl) {
    }

    private final HttpServer server;
    private final Path root;
    private final String python;
    private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> configs = new ConcurrentHashMap<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();

    public FakeMicrosandbox(Path root, String python) throws IOException {
        this.root = root;
        this.python = python;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-msb-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every JSON-RPC request received, in order. */
    public List<JsonNode> requests() {
        return requests;
    }

    public boolean running(String sandbox) {
        return sandboxes.keySet().stream().anyMatch(k -> k.endsWith("/" + sandbox));
    }

    public int runningCount() {
        return sandboxes.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/v1/health") && exchange.getRequestMethod().equals("GET")) {
                send(exchange, 200, "{\"message\":\"Service is healthy\"}");
                return;
            }
            if (!path.equals("/api/v1/rpc") || !exchange.getRequestMethod().equals("POST")) {
                send(exchange, 404, "");
                return;
            }
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                send(exchange, 400, "Failed to parse the request body as JSON");
                return;
            }
            if (body == null || !body.has("method") || !body.has("jsonrpc")) {
                send(exchange, 422, "Failed to deserialize the JSON body into the target type");
                return;
            }
            requests.add(body);
            JsonNode id = body.get("id");
            if (!"2.0".equals(body.path("jsonrpc").asText())) {
                send(exchange, 400, rpcError(id, -32600, "Invalid or missing jsonrpc version field"));
                return;
            }
            String method = body.path("method").asText();
            JsonNode params = body.path("params");
            try {
                JsonNode result = switch (method) {
                    case "sandbox.start" -> start(params);
                    case "sandbox.stop" -> stop(params);
                    case "sandbox.repl.run" -> repl(params);
                    case "sandbox.command.run" -> command(params);
                    case "sandbox.metrics.get" -> metrics(params);
                    default -> null;
                };
                if (result == null) {
                    send(exchange, 404, rpcError(id, -32601, "Method not found: " + method));
                    return;
                }
                ObjectNode reply = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0");
                reply.set("result", result);
                if (id != null) {
                    reply.set("id", id);
                }
                send(exchange, 200, reply.toString());
            } catch (Invalid e) {
                send(exchange, 400, "{\"error\":" + Json.MAPPER.writeValueAsString(e.getMessage()) + ",\"code\":2001}");
            } catch (Internal | RuntimeException e) {
                send(exchange, 500, "{\"error\":\"Internal server error\",\"code\":5002}");
            }
        }
    }

    private static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private static final class Internal extends Exception {
        Internal(String message) {
            super(message);
        }
    }

    private static String required(JsonNode params, String method, String field) throws Invalid {
        if (!params.hasNonNull(field)) {
            throw new Invalid("Invalid params for " + method + ": missing field `" + field + "`");
        }
        return params.get(field).asText();
    }

    private static void validate(String sandbox, String namespace) throws Invalid {
        if (!NAME.matcher(sandbox).matches()) {
            throw new Invalid("Invalid sandbox name: '" + sandbox + "'");
        }
        if (namespace.equals("*") || !NAME.matcher(namespace).matches()) {
            throw new Invalid("Invalid namespace: '" + namespace + "'");
        }
    }

    private JsonNode start(JsonNode params) throws Invalid, Internal {
        String namespace = required(params, "sandbox.start", "namespace");
        String name = required(params, "sandbox.start", "sandbox");
        validate(name, namespace);
        String key = namespace + "/" + name;
        JsonNode config = params.path("config");
        if (config.hasNonNull("image")) {
            configs.put(key, (ObjectNode) config);
        } else if (!configs.containsKey(key)) {
            throw new Invalid("No configuration provided and no existing configuration file");
        }
        if (!sandboxes.containsKey(key)) {
            sandboxes.put(key, new Sandbox(configs.get(key), boot(namespace, name, configs.get(key))));
        }
        return Json.MAPPER.getNodeFactory().textNode("Sandbox " + name + " started successfully");
    }

    /** Starts the interpreter the portal would start, with volumes mapped under a stand-in guest home. */
    private Repl boot(String namespace, String name, ObjectNode config) throws Internal {
        try {
            Path guest = Files.createDirectories(root.resolve(namespace).resolve(name));
            Path home = Files.createDirectories(guest.resolve("home"));
            Files.createDirectories(home.resolve("work"));
            for (JsonNode volume : config.path("volumes")) {
                String spec = volume.asText();
                int colon = spec.indexOf(':');
                Path host = Path.of(colon < 0 ? spec : spec.substring(0, colon));
                String guestPath = colon < 0 ? spec : spec.substring(colon + 1);
                if (guestPath.startsWith(GUEST_HOME + "/")) {
                    Path link = home.resolve(guestPath.substring(GUEST_HOME.length() + 1));
                    Files.createDirectories(link.getParent());
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, host);
                }
            }
            ProcessBuilder builder = new ProcessBuilder(python, "-q", "-u", "-i", "-c",
                    "import sys; sys.ps1=sys.ps2=''").directory(home.resolve("work").toFile());
            builder.environment().put("HOME", home.toString());
            return new Repl(builder.start());
        } catch (IOException e) {
            throw new Internal(e.getMessage());
        }
    }

    private JsonNode stop(JsonNode params) throws Invalid {
        String namespace = required(params, "sandbox.stop", "namespace");
        String name = required(params, "sandbox.stop", "sandbox");
        validate(name, namespace);
        if (!Files.isDirectory(root.resolve(namespace))) {
            throw new Invalid("Namespace directory '" + namespace + "' does not exist");
        }
        Sandbox sandbox = sandboxes.remove(namespace + "/" + name);
        if (sandbox != null) {
            sandbox.repl().process.destroyForcibly();
        }
        return Json.MAPPER.getNodeFactory().textNode("Sandbox " + name + " stopped successfully");
    }

    private Sandbox running(JsonNode params) throws Invalid, Internal {
        if (!params.hasNonNull("sandbox")) {
            throw new Invalid("Missing required 'sandbox' parameter for portal request");
        }
        Sandbox sandbox = sandboxes.get(params.path("namespace").asText("default") + "/"
                + params.get("sandbox").asText());
        if (sandbox == null || !sandbox.repl().process.isAlive()) {
            throw new Internal("No portal port assigned");
        }
        return sandbox;
    }

    private JsonNode repl(JsonNode params) throws Invalid, Internal {
        Sandbox sandbox = running(params);
        String language = params.path("language").asText();
        if (!language.equalsIgnoreCase("python")) {
            throw new Internal("Unsupported language: " + language);
        }
        Repl repl = sandbox.repl();
        ArrayNode output = Json.MAPPER.createArrayNode();
        synchronized (repl) {
            String code = params.path("code").asText();
            String marker = "eoe_" + randomAlphanumerics(20);
            String input = code + (code.endsWith("\n") ? "" : "\n") + "\nprint('" + marker + "')\n";
            try {
                OutputStream stdin = repl.process.getOutputStream();
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                throw new Internal(e.getMessage());
            }
            long timeout = params.hasNonNull("timeout") ? params.get("timeout").asLong() : 0;
            long deadline = timeout > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout) : Long.MAX_VALUE;
            while (true) {
                String[] line;
                try {
                    line = repl.lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Internal("interrupted");
                }
                if (line == null) {
                    output.addObject().put("stream", "stderr")
                            .put("text", "Error: Execution timed out after " + timeout + " seconds");
                    break;
                }
                if (line[0].equals("stdout") && line[1].trim().equals(marker)) {
                    break;
                }
                output.addObject().put("stream", line[0]).put("text", line[1]);
            }
        }
        ObjectNode result = Json.MAPPER.createObjectNode().put("status", "success").put("language", language);
        result.set("output", output);
        return result;
    }

    private JsonNode command(JsonNode params) throws Invalid, Internal {
        running(params);
        List<String> argv = new ArrayList<>();
        argv.add(params.path("command").asText());
        params.path("args").forEach(a -> argv.add(a.asText()));
        try {
            Process process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                    "/dev/null"))).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long timeout = params.path("timeout").asLong(300);
            if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Internal("timeout");
            }
            ObjectNode result = Json.MAPPER.createObjectNode().put("command", argv.get(0));
            ArrayNode args = result.putArray("args");
            argv.subList(1, argv.size()).forEach(args::add);
            result.put("exit_code", process.exitValue()).put("success", process.exitValue() == 0);
            ArrayNode output = result.putArray("output");
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    output.addObject().put("stream", "stdout").put("text", line);
                }
            }
            return result;
        } catch (IOException e) {
            throw new Internal(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Internal("interrupted");
        }
    }

    private JsonNode metrics(JsonNode params) throws Invalid {
        String namespace = required(params, "sandbox.metrics.get", "namespace");
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("sandboxes");
        sandboxes.forEach((key, sandbox) -> {
            String[] parts = key.split("/", 2);
            if ((namespace.equals("*") || parts[0].equals(namespace))
                    && (!params.hasNonNull("sandbox") || params.get("sandbox").asText().equals(parts[1]))) {
                list.addObject().put("namespace", parts[0]).put("name", parts[1]).put("running", true)
                        .putNull("cpu_usage").putNull("memory_usage").putNull("disk_usage");
            }
        });
        return result;
    }

    private String randomAlphanumerics(int n) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(random.nextInt(chars.length())));
        }
        return sb.toString();
    }

    private static String rpcError(JsonNode id, int code, String message) {
        ObjectNode reply = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        reply.putObject("error").put("code", code).put("message", message);
        if (id != null) {
            reply.set("id", id);
        }
        return reply.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                body.startsWith("{") ? "application/json" : "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        sandboxes.values().forEach(s -> s.repl().process.destroyForcibly());
        sandboxes.clear();
    }
}
