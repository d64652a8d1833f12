package io.toolsmith.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.util.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted stand-in for an OpenAI-compatible server (llama-server, LM Studio, vLLM, Ollama's /v1):
 * {@code POST /v1/chat/completions} answers with the next scripted SSE body, {@code GET /v1/models} with a
 * settable body. With no script left it answers 500 in the OpenAI error shape.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    private static final String SSE = "text/event-stream";

    private final FakeHttp http;
    private final Queue<FakeOllama.Script> replies = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> chatRequests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile String modelsBody = "{\"object\":\"list\",\"data\":null}";

    private FakeOpenAiServer() {
        http = FakeHttp.start(this::route);
    }

    public static FakeOpenAiServer start() {
        return new FakeOpenAiServer();
    }

    public String url() {
        return http.url();
    }

    /** Sends {@code sse} exactly, in writes of {@code pieceSize} bytes (splitting lines and characters). */
    public void enqueueStream(String sse, int pieceSize) {
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        replies.add((ex, req) -> {
            for (int i = 0; i < bytes.length; i += pieceSize) {
                ex.chunk(200, SSE, Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + pieceSize)));
            }
        });
    }

    public void enqueueStream(String sse) {
        enqueueStream(sse, 7);
    }

    /** Sends {@code sse} slowly, one event per {@code delay}, watching for the client to leave. */
    public void enqueueSlowStream(List<String> events, Duration delay) {
        replies.add((ex, req) -> {
            for (String event : events) {
                ex.chunk(200, SSE, event.getBytes(StandardCharsets.UTF_8));
                ex.pause(delay);
            }
        });
    }

    /** Sends {@code sse}, then drops the connection without ending the body. */
    public void enqueueCutStream(String sse) {
        replies.add((ex, req) -> {
            ex.chunk(200, SSE, sse.getBytes(StandardCharsets.UTF_8));
            ex.cutOff();
        });
    }

    /** A whole response with this status, type and body (errors, or a non-streamed answer). */
    public void enqueueResponse(int status, String contentType, String body) {
        replies.add((ex, req) -> ex.respond(status, contentType, body));
    }

    /** Says keep-alive but closes after every reply, as llama-server does after a streamed reply. */
    public void closeAfterEachReplyWhileSayingKeepAlive() {
        http.closeAfterEachResponseWhileSayingKeepAlive();
    }

    public void setModelsBody(String json) {
        modelsBody = json;
    }

    public List<JsonNode> chatRequests() {
        return List.copyOf(chatRequests);
    }

    /** The Authorization header of every request (null when absent), in order. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    public boolean awaitDisconnects(int count, Duration timeout) throws InterruptedException {
        return http.awaitDisconnects(count, timeout);
    }

    /** One {@code data:} event of a chat-completion chunk in Ollama's current format. */
    public static String chunk(String deltaJson, String finishReason) {
        return "data: {\"id\":\"chatcmpl-417\",\"object\":\"chat.completion.chunk\",\"created\":1787400900,"
                + "\"model\":\"llama3.2\",\"system_fingerprint\":\"fp_ollama\",\"choices\":[{\"index\":0,\"delta\":"
                + deltaJson + ",\"finish_reason\":" + (finishReason == null ? "null" : "\"" + finishReason + "\"")
                + "}]}\n\n";
    }

    @Override
    public void close() {
        http.close();
    }

    private void route(FakeExchange ex) throws Exception {
        authorizations.add(ex.header("Authorization"));
        String route = ex.method() + " " + ex.path();
        if (route.equals("GET /v1/models")) {
            ex.respond(200, "application/json", modelsBody);
        } else if (route.equals("POST /v1/chat/completions")) {
            JsonNode request = Json.MAPPER.readTree(ex.body());
            chatRequests.add(request);
            FakeOllama.Script script = replies.poll();
            if (script == null) {
                ex.respond(500, "application/json", "{\"error\":{\"message\":\"FakeOpenAiServer has no scripted "
                        + "reply left\",\"type\":\"api_error\",\"param\":null,\"code\":null}}");
            } else {
                script.play(ex, request);
            }
        } else {
            // as llama-server answers any other path (Ollama's /api/chat included)
            ex.respond(404, "application/json; charset=utf-8",
                    "{\"error\":{\"code\":404,\"message\":\"File Not Found\",\"type\":\"not_found_error\"}}");
        }
    }
}
