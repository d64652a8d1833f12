package io.toolsmith.sandbox;

import static io.toolsmith.sandbox.LocalSandboxTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.testing.FakeMicrosandbox;
import io.toolsmith.testing.TestPython;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The microsandbox backend against a stand-in server that runs the REPL with a real python3. */
class MicrosandboxSandboxTest {
    @TempDir
    Path dir;
    FakeMicrosandbox server;
    Path data;

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeMicrosandbox(dir.resolve("msb"), TestPython.executable());
        data = Files.createDirectories(dir.resolve("data"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    SandboxSettings settings(Duration timeout) {
        return SandboxSettings.defaults().withBackend("microsandbox", server.url()).withTimeout(timeout);
    }

    @Test
    void startsWithTheImageMemoryAndDataVolume() throws Exception {
        try (Sandbox sandbox = Sandboxes.open(settings(Duration.ofSeconds(30)), data, dir.resolve("work"))) {
            assertEquals("microvm", sandbox.isolation().level());
            JsonNode start = server.requests().get(0);
            assertEquals("sandbox.start", start.path("method").asText());
            assertEquals("default", start.path("params").path("namespace").asText());
            JsonNode config = start.path("params").path("config");
            assertEquals("microsandbox/python", config.path("image").asText());
            assertEquals(1024, config.path("memory").asInt());
            assertEquals(data.toAbsolutePath() + ":/home/python-user/data", config.path("volumes").get(0).asText());
        }
        JsonNode last = server.requests().get(server.requests().size() - 1);
        assertEquals("sandbox.stop", last.path("method").asText());
        assertEquals(0, server.runningCount());
    }

    @Test
    void aClosedSandboxRefusesCallsAndStartsNoSandboxOnTheServerForThem() throws Exception {
        Sandbox sandbox = Sandboxes.open(settings(Duration.ofSeconds(30)), data, dir.resolve("work"));
        sandbox.define("hello", "def hi():\n    return 'hi'\n", false);
        sandbox.close();
        int requests = server.requests().size();
        SandboxException refused = assertThrows(SandboxException.class,
                () -> sandbox.call("1", "hello", "hi", args(), Cancellation.none()));
        assertEquals("The sandbox has been shut down, so nothing more runs in it.", refused.getMessage());
        assertEquals(requests, server.requests().size(), "nothing more was asked of the server");
        assertEquals(0, server.runningCount());
    }

    @Test
    void runsTheExpenseTrackerWithBlankLinesStateAndErrors() throws Exception {
        try (Sandbox sandbox = Sandboxes.open(settings(Duration.ofSeconds(30)), data, dir.resolve("work"))) {
            sandbox.define("expenses", ExpenseTrackerTest.EXPENSES, false);
            CallOutcome first = sandbox.call("1", "expenses", "record_expense",
                    args("amount", 9.5, "category", "books", "date_str", "2024-06-01"), Cancellation.none());
            assertTrue(first.ok(), () -> String.valueOf(first.error()));
            assertEquals("Recorded 9.5 for books\n", first.output());
            assertEquals("books", first.result().path("category").asText());
            CallOutcome bad = sandbox.call("2", "expenses", "record_expense",
                    args("amount", 1, "category", "x", "date_str", "soon"), Cancellation.none());
            assertEquals("InvalidDateError", bad.error().name());
            assertTrue(bad.error().traceback().contains("raise InvalidDateError"), bad.error().traceback());
            CallOutcome listed = sandbox.call("3", "expenses", "list_expenses", args(), Cancellation.none());
            assertEquals(1, listed.result().size());
        }
        assertTrue(Files.size(data.resolve("expenses.pkl")) > 0);
    }

    @Test
    void syntaxErrorsNameTheLine() throws Exception {
        try (Sandbox sandbox = Sandboxes.open(settings(Duration.ofSeconds(30)), data, dir.resolve("work"))) {
            SandboxException e = assertThrows(SandboxException.class,
                    () -> sandbox.define("broken", "x = 1\ndef f(:\n", false));
            assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        }
    }

    @Test
    void aTimeoutRestartsTheSandboxAndLoadsTheModulesAgain() throws Exception {
        try (Sandbox sandbox = Sandboxes.open(settings(Duration.ofSeconds(1)), data, dir.resolve("work"))) {
            sandbox.define("slow", "import time\ndef nap():\n    time.sleep(30)\ndef ok():\n    return 'ok'\n", false);
            CallOutcome outcome = sandbox.call("1", "slow", "nap", args(), Cancellation.none());
            assertEquals("TimeoutError", outcome.error().name());
            assertEquals("The function did not finish within 1 second and was stopped.", outcome.error().message());
            assertEquals("ok", sandbox.call("2", "slow", "ok", args(), Cancellation.none()).result().asText());
            long starts = server.requests().stream().filter(r -> r.path("method").asText().equals("sandbox.start"))
                    .count();
            assertEquals(2, starts);
        }
    }

    @Test
    void cancellationStopsTheCallAndTheNextCallWorks() throws Exception {
        try (Sandbox sandbox = Sandboxes.open(settings(Duration.ofSeconds(30)), data, dir.resolve("work"))) {
            // nap() says it has started by creating a file in the data folder; the test cancels when it sees it appear
            sandbox.define("slow", "import os, time\ndef nap():\n    open(os.path.expanduser('~/data/napping'), 'w').close()\n"
                    + "    time.sleep(30)\ndef ok():\n    return 'ok'\n", false);
            Cancellation cancel = new Cancellation();
            try (WatchService watch = data.getFileSystem().newWatchService()) {
                data.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                Thread canceller = new Thread(() -> {
                    try {
                        while (true) {
                            WatchKey key = watch.take();
                            if (key.pollEvents().stream().anyMatch(e -> Path.of("napping").equals(e.context()))) {
                                cancel.cancel();
                                return;
                            }
                            key.reset();
                        }
                    } catch (InterruptedException | ClosedWatchServiceException e) {
                        // the test is over
                    }
                });
                canceller.start();
                CallOutcome outcome = sandbox.call("1", "slow", "nap", args(), cancel);
                assertEquals("Cancelled", outcome.error().name());
            }
            assertEquals("ok", sandbox.call("2", "slow", "ok", args(), Cancellation.none()).result().asText());
        }
    }

    @Test
    void anUnreachableServerIsASentence() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SandboxSettings settings = SandboxSettings.defaults().withBackend("microsandbox", "http://127.0.0.1:" + port);
        SandboxException e = assertThrows(SandboxException.class, () -> Sandboxes.open(settings, data, dir));
        assertTrue(e.getMessage().startsWith("The microsandbox server at http://127.0.0.1:" + port
                + " cannot be reached"), e.getMessage());
        assertTrue(e.getMessage().contains("msb server start --dev"));
    }

    @Test
    void theStandInAnswersErrorsLikeTheServer() throws Exception {
        OkHttpClient http = new OkHttpClient();
        MediaType json = MediaType.get("application/json");
        try (Response r = http.newCall(new Request.Builder().url(server.url() + "/api/v1/rpc").post(RequestBody.create(
                "{\"jsonrpc\":\"2.0\",\"method\":\"sandbox.nope\",\"params\":{},\"id\":7}", json)).build()).execute()) {
            assertEquals(404, r.code());
            JsonNode body = Json.MAPPER.readTree(r.body().string());
            assertEquals(-32601, body.path("error").path("code").asInt());
            assertEquals(7, body.path("id").asInt());
        }
        try (Response r = http.newCall(new Request.Builder().url(server.url() + "/api/v1/rpc").post(RequestBody.create(
                "{\"jsonrpc\":\"2.0\",\"method\":\"sandbox.repl.run\",\"params\":{\"sandbox\":\"absent\","
                        + "\"namespace\":\"default\",\"language\":\"python\",\"code\":\"1\"},\"id\":\"a\"}", json))
                .build()).execute()) {
            assertEquals(500, r.code());
            assertEquals("{\"error\":\"Internal server error\",\"code\":5002}", r.body().string());
        }
        try (Response r = http.newCall(new Request.Builder().url(server.url() + "/api/v1/health").build()).execute()) {
            assertEquals(200, r.code());
        }
    }

    @Test
    void aFailingServerBecomesASandboxException() throws Exception {
        try (Sandbox sandbox = Sandboxes.open(settings(Duration.ofSeconds(30)), data, dir.resolve("work"))) {
            sandbox.define("tool", "def v():\n    return 1\n", false);
            server.close();
            SandboxException e = assertThrows(SandboxException.class,
                    () -> sandbox.call("1", "tool", "v", args(), Cancellation.none()));
            assertFalse(e.getMessage().isBlank());
        }
    }
}
