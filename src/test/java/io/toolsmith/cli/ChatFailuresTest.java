package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing turn ends with a sentence on stderr and a non-zero exit, and keeps what was received. */
class ChatFailuresTest {
    @TempDir
    Path home;

    @Test
    void deadServerIsNamedWithWhatToDo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String host = "http://127.0.0.1:" + port;
        Result result = run("--host", host, "chat", "--model", "gemma3:12b", "hello");
        assertEquals(1, result.exit);
        assertTrue(result.err.contains("127.0.0.1:" + port), result.err);
        assertTrue(result.err.contains("ollama serve"), result.err);
        assertFalse(result.err.contains("Exception"), "no stack trace without --debug: " + result.err);
    }

    @Test
    void missingModelSaysHowToPullIt() {
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.enqueueRaw(404, "application/json; charset=utf-8",
                    "{\"error\":\"model 'nope' not found\"}".getBytes());
            Result result = run("--host", ollama.url(), "chat", "--model", "nope", "hello");
            assertEquals(1, result.exit);
            assertTrue(result.err.contains("ollama pull nope"), result.err);
        }
    }

    @Test
    void anErrorMidStreamKeepsThePartialReplyMarkedIncomplete() throws Exception {
        Path chat = home.resolve("chat.json");
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.enqueueMidStreamError("The answer is", "an error was encountered while running the model");
            Result result = run("--host", ollama.url(), "chat", "--model", "gemma3:12b", "--conversation", chat.toString(), "question");
            assertEquals(1, result.exit);
            assertTrue(result.err.contains("an error was encountered while running the model"), result.err);
        }
        JsonNode messages = Json.MAPPER.readTree(chat.toFile()).get("messages");
        assertEquals(2, messages.size());
        assertEquals("The answer is", messages.get(1).get("content").asText());
        assertTrue(messages.get(1).get("incomplete").asBoolean());
    }

    private Result run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Result(cli.execute(all), out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
    }
}
