package io.toolsmith.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.settings.Home;
import io.toolsmith.util.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code toolsmith mcp} given lines that are no messages: it answers each with JSON-RPC's error, goes on
 * serving, and ends when the host closes its input. (The SDK alone stops reading at the first such line, answers
 * nothing more and never sees the end of input.) And the end of input waits for the answers still being worked on.
 */
class McpMalformedLinesTest {
    @TempDir
    Path root;

    @Test
    void blankAndMalformedLinesAreAnsweredAndTheServerGoesOnAndEndsWithItsInput() throws Exception {
        Process server = startServer();
        try {
            talk(server);
        } finally {
            server.destroyForcibly();
        }
    }

    /** A real {@code toolsmith mcp} on a home with a small library; its stderr (the log) is not read. */
    private Process startServer() throws Exception {
        Home home = McpHome.prepare(root);
        return new ProcessBuilder(McpHome.command(home)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void talk(Process server) throws Exception {
        // Not closed here: a read left waiting on a server that stopped answering would keep a close waiting too;
        // ending the server (finally, above) closes both ends.
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        try (OutputStream in = server.getOutputStream()) {
            send(in, "");
            send(in, "not json");
            JsonNode parseError = answer(out);
            assertEquals(HostLines.PARSE_ERROR, parseError.path("error").path("code").asInt(), parseError.toString());
            assertTrue(parseError.path("id").isNull(), parseError.toString());

            send(in, "{\"jsonrpc\": \"2.0\", \"id\": 7}");
            JsonNode invalid = answer(out);
            assertEquals(HostLines.INVALID_REQUEST, invalid.path("error").path("code").asInt(), invalid.toString());

            send(in, "[".repeat(1500) + "]".repeat(1500));
            JsonNode tooDeep = answer(out);
            assertEquals(HostLines.PARSE_ERROR, tooDeep.path("error").path("code").asInt(), tooDeep.toString());
            assertTrue(tooDeep.path("error").path("message").asText().contains("too large or too deeply nested"),
                    tooDeep.toString());

            send(in, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": {\"protocolVersion\":"
                    + " \"2025-06-18\", \"capabilities\": {}, \"clientInfo\": {\"name\": \"test\", \"version\": \"1\"}}}");
            JsonNode initialized = answer(out);
            assertEquals(1, initialized.path("id").asInt(), initialized.toString());
            assertEquals("toolsmith", initialized.path("result").path("serverInfo").path("name").asText().toLowerCase()
                    .replaceAll("[^a-z].*", ""), initialized.toString());

            send(in, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
            send(in, "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/list\"}");
            JsonNode tools = answer(out);
            assertEquals(2, tools.path("id").asInt(), tools.toString());
            assertTrue(tools.path("result").path("tools").toString().contains("add_item"), tools.toString());
        }
        // stdin closed above: the server ends by itself (the bound is for a failing test only)
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server did not end when its input closed");
        assertEquals(0, server.exitValue());
    }

    @Test
    void requestsSentJustBeforeTheInputClosesAreAllAnsweredBeforeTheServerEnds() throws Exception {
        Process server = startServer();
        try {
            // A host that pipes its requests in and closes its input at once, as a script does: the SDK alone ends
            // the session at the end of input and drops the answers it is still working on.
            try (OutputStream in = server.getOutputStream()) {
                // Out of turn: a request before the handshake, which the SDK drops without an answer, must not keep
                // the end waiting for one.
                send(in, "{\"jsonrpc\": \"2.0\", \"id\": 9, \"method\": \"tools/list\"}");
                send(in, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": {\"protocolVersion\":"
                        + " \"2025-06-18\", \"capabilities\": {}, \"clientInfo\": {\"name\": \"test\", \"version\": \"1\"}}}");
                send(in, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
                send(in, "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/list\"}");
                send(in, "{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": \"tools/call\", \"params\": {\"name\":"
                        + " \"add_item\", \"arguments\": {\"name\": \"pen\"}}}");
            }
            String all = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            java.util.Map<Integer, JsonNode> answers = new java.util.HashMap<>();
            for (String line : all.split("\n")) {
                JsonNode message = Json.MAPPER.readTree(line);
                if (message.has("id") && !message.has("method")) {
                    answers.put(message.path("id").asInt(), message);
                }
            }
            answers.remove(9);
            assertEquals(java.util.Set.of(1, 2, 3), answers.keySet(), all);
            assertTrue(answers.get(2).path("result").path("tools").toString().contains("add_item"), all);
            assertEquals(1, answers.get(3).path("result").path("structuredContent").path("result").asInt(), all);
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server did not end after answering");
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    /** The server's next line; a server that stopped answering fails the test instead of hanging it. */
    private static JsonNode answer(BufferedReader out) throws Exception {
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        return Json.MAPPER.readTree(line);
    }

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
