package io.toolsmith.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.llm.ToolCall;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for an Ollama server on 127.0.0.1, speaking the real wire shapes over real HTTP:
 * chunked NDJSON streams with headers sent lazily, Go-style JSON escapes, Ollama's error bodies and content types.
 * Each {@code /api/chat} request takes the next scripted reply from a queue; with the queue empty it answers 500
 * with an error that says so, so a test that forgot to script a reply fails loudly.
 *
 * <pre>{@code
 * try (FakeOllama ollama = FakeOllama.start()) {
 *     ollama.enqueueReply("Hello there");
 *     ChatReply reply = new OllamaClient(ollama.url()).chat(request, listener, Cancellation.none());
 *     assertEquals(true, ollama.chatRequests().get(0).get("stream").asBoolean());
 * }
 * }</pre>
 */
public final class FakeOllama implements AutoCloseable {
    static final String JSON = "application/json; charset=utf-8";
    static final String NDJSON = "application/x-ndjson";

    /** One scripted answer to a chat or pull request; {@code request} is the parsed body. */
    @FunctionalInterface
    public interface Script {
        void play(FakeExchange exchange, JsonNode request) throws Exception;
    }

    private final FakeHttp http;
    private final Queue<Script> chatReplies = new ConcurrentLinkedQueue<>();
    private final Queue<Script> pullReplies = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> chatRequests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> pullRequests = new CopyOnWriteArrayList<>();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final FakeModels models = new FakeModels();
    private volatile String version = "0.33.0";

    private FakeOllama(int port) {
        this.http = FakeHttp.start(this::route, port);
    }

    public static FakeOllama start() {
        return new FakeOllama(0);
    }

    /** Listens on {@code port}: a server that comes up where a client already looked for it. */
    public static FakeOllama startOn(int port) {
        return new FakeOllama(port);
    }

    public String url() {
        return http.url();
    }

    // ---- chat scripts ----

    /** Streams {@code content} in chunks of 4 characters, then a done line with metrics. */
    public void enqueueReply(String content) {
        enqueueReply(content, 4, Duration.ZERO);
    }

    /** Streams {@code content} in chunks of {@code chunkSize} code points, pausing between chunks. */
    public void enqueueReply(String content, int chunkSize, Duration delayBetweenChunks) {
        enqueue(new ReplyScript(Duration.ZERO, "", content, List.of(), true, chunkSize, delayBetweenChunks));
    }

    /** Holds the response headers back for {@code modelLoad}, as Ollama does while loading a model. */
    public void enqueueDelayedReply(Duration modelLoad, String content) {
        enqueue(new ReplyScript(modelLoad, "", content, List.of(), true, 4, Duration.ZERO));
    }

    /** As {@link #enqueueDelayedReply(Duration, String)}, running {@code whenAsked} once the request has arrived. */
    public void enqueueDelayedReply(Duration modelLoad, String content, Runnable whenAsked) {
        ReplyScript reply = new ReplyScript(modelLoad, "", content, List.of(), true, 4, Duration.ZERO);
        enqueue((exchange, request) -> {
            whenAsked.run();
            reply.play(exchange, request);
        });
    }

    /** Streams {@code content}, then a done line whose reason is {@code length}: the reply reached num_predict. */
    public void enqueueReplyEndedForLength(String content) {
        enqueue((ex, req) -> {
            List<String> pieces = ReplyScript.pieces(content, 4);
            for (String piece : pieces) {
                ex.chunk(200, NDJSON, OllamaLines.line(OllamaLines.chunk(model(req), piece, null, null, true)));
            }
            ex.chunk(200, NDJSON, OllamaLines.line(OllamaLines.done(model(req), "", "length", pieces.size())));
        });
    }

    /** Says keep-alive but closes after every response, as llama-server does after a streamed reply. */
    public void closeAfterEachReplyWhileSayingKeepAlive() {
        http.closeAfterEachResponseWhileSayingKeepAlive();
    }

    /** Streams thinking chunks (with empty content) first, then the content. */
    public void enqueueThinkingReply(String thinking, String content) {
        enqueue(new ReplyScript(Duration.ZERO, thinking, content, List.of(), true, 4, Duration.ZERO));
    }

    /** One chunk carrying complete tool calls, with {@code id} and {@code index} as a current server sends. */
    public void enqueueToolCalls(List<ToolCall> calls) {
        enqueue(new ReplyScript(Duration.ZERO, "", "", calls, true, 4, Duration.ZERO));
    }

    /** Tool calls as servers before 0.12.6 sent them: no {@code id}, no {@code index}. */
    public void enqueueToolCallsWithoutIds(List<ToolCall> calls) {
        enqueue(new ReplyScript(Duration.ZERO, "", "", calls, false, 4, Duration.ZERO));
    }

    /** Streams {@code partial}, then an {@code {"error":…}} line on the same 200 response, then ends. */
    public void enqueueMidStreamError(String partial, String error) {
        enqueue((ex, req) -> {
            for (String piece : ReplyScript.pieces(partial, 4)) {
                ex.chunk(200, NDJSON, OllamaLines.line(OllamaLines.chunk(model(req), piece, null, null, true)));
            }
            ex.chunk(200, NDJSON, OllamaLines.line(OllamaLines.error(error)));
        });
    }

    /** How a truncated stream ends: chunked terminator, plain close, or TCP reset. */
    public enum Ending { CLEAN_END, CLOSE, RESET }

    /** Streams {@code partial} with no done line and ends the response as given. */
    public void enqueueTruncated(String partial, Ending ending) {
        enqueue((ex, req) -> {
            for (String piece : ReplyScript.pieces(partial, 4)) {
                ex.chunk(200, NDJSON, OllamaLines.line(OllamaLines.chunk(model(req), piece, null, null, true)));
            }
            switch (ending) {
                case CLEAN_END -> ex.end();
                case CLOSE -> ex.cutOff();
                case RESET -> ex.reset();
            }
        });
    }

    /** An error before streaming starts: {@code status} with {@code {"error":…}} as Ollama sends it. */
    public void enqueueError(int status, String error) {
        enqueue((ex, req) -> ex.respond(status, JSON, OllamaLines.goJson(OllamaLines.error(error))));
    }

    /** Exactly these bytes, each piece in its own flushed chunk 10 ms apart (for split-boundary tests). */
    public void enqueueRaw(int status, String contentType, byte[]... pieces) {
        enqueue((ex, req) -> {
            for (int i = 0; i < pieces.length; i++) {
                if (i > 0) {
                    ex.pause(Duration.ofMillis(10));
                }
                ex.chunk(status, contentType, pieces[i]);
            }
        });
    }

    /** Any scripted answer, for cases the helpers above do not cover. */
    public void enqueue(Script script) {
        chatReplies.add(script);
    }

    // ---- models, version, pull ----

    /** The installed models, served by /api/tags and /api/show; chat to any other model answers 404. */
    public void setModels(FakeModels.Model... installed) {
        models.set(List.of(installed));
    }

    /** Serves /api/tags with exactly this body (for old-style or odd entries). */
    public void setTagsBody(String json) {
        models.setTagsBody(json);
    }

    public void setVersion(String version) {
        this.version = version;
    }

    /** A successful download of layers of the given sizes, progress lines {@code delay} apart. */
    public void enqueuePull(Duration delay, long... layerSizes) {
        pullReplies.add((ex, req) -> FakePulls.success(ex, delay, layerSizes));
    }

    /** A pull that reports a quarter of one layer of {@code layerSize} bytes, then holds until the client leaves. */
    public void enqueueStalledPull(long layerSize) {
        pullReplies.add((ex, req) -> FakePulls.stalled(ex, layerSize));
    }

    /** {@code pulling manifest}, then an {@code {"error":…}} line on a 200, as for an unknown model. */
    public void enqueuePullError(String error) {
        pullReplies.add((ex, req) -> FakePulls.failure(ex, error));
    }

    /** Any scripted answer to the next /api/pull request. */
    public void enqueuePull(Script script) {
        pullReplies.add(script);
    }

    // ---- what was received ----

    /** Every /api/chat body received, in order. */
    public List<JsonNode> chatRequests() {
        return List.copyOf(chatRequests);
    }

    public List<JsonNode> pullRequests() {
        return List.copyOf(pullRequests);
    }

    /** Every request as {@code "METHOD /path"}, in order. */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /** Chat and pull requests that found no scripted answer (and got a 500). */
    public int unansweredRequests() {
        return unanswered.get();
    }

    /** Scripted chat answers not yet used. */
    public int pendingReplies() {
        return chatReplies.size();
    }

    /** Drops the scripted chat answers not yet used (a test that stopped half way leaves none to the next). */
    public void dropPendingReplies() {
        chatReplies.clear();
    }

    /** Waits until the client has dropped {@code count} streams in total; false on timeout. */
    public boolean awaitDisconnects(int count, Duration timeout) throws InterruptedException {
        return http.awaitDisconnects(count, timeout);
    }

    @Override
    public void close() {
        http.close();
    }

    // ---- routing ----

    private void route(FakeExchange ex) throws Exception {
        requestLines.add(ex.method() + " " + ex.path());
        String route = ex.method() + " " + ex.path();
        switch (route) {
            case "GET /", "HEAD /" -> ex.respond(200, "text/plain; charset=utf-8", "Ollama is running");
            case "GET /api/version" -> ex.respond(200, JSON, "{\"version\":\"" + version + "\"}");
            case "GET /api/tags" -> ex.respond(200, JSON, models.tagsBody());
            case "POST /api/show" -> withBody(ex, req -> models.show(ex, req));
            case "POST /api/chat" -> withBody(ex, req -> chat(ex, req));
            case "POST /api/pull" -> withBody(ex, req -> play(pullReplies, pullRequests, ex, req, "pull"));
            default -> {
                if (List.of("/", "/api/version", "/api/tags", "/api/show", "/api/chat", "/api/pull").contains(ex.path())) {
                    ex.respond(405, "text/plain", "405 method not allowed");
                } else {
                    ex.respond(404, "text/plain", "404 page not found");
                }
            }
        }
    }

    private interface BodyHandler {
        void handle(JsonNode request) throws Exception;
    }

    private static void withBody(FakeExchange ex, BodyHandler handler) throws Exception {
        if (ex.body().length == 0) {
            ex.respond(400, JSON, "{\"error\":\"missing request body\"}");
            return;
        }
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(ex.body());
        } catch (IOException e) {
            ex.respond(400, JSON, "{\"error\":\"unexpected EOF\"}");
            return;
        }
        if (model(request).isEmpty()) {
            ex.respond(400, JSON, "{\"error\":\"model is required\"}");
            return;
        }
        handler.handle(request);
    }

    private void chat(FakeExchange ex, JsonNode request) throws Exception {
        if (!models.knows(model(request))) {
            chatRequests.add(request);
            ex.respond(404, JSON, OllamaLines.goJson(OllamaLines.error("model '" + model(request) + "' not found")));
            return;
        }
        play(chatReplies, chatRequests, ex, request, "chat");
    }

    private void play(Queue<Script> queue, List<JsonNode> log, FakeExchange ex, JsonNode request, String what)
            throws Exception {
        log.add(request);
        Script script = queue.poll();
        if (script == null) {
            unanswered.incrementAndGet();
            ex.respond(500, JSON, "{\"error\":\"FakeOllama has no scripted " + what + " reply left for request #"
                    + log.size() + "\"}");
            return;
        }
        script.play(ex, request);
    }

    static String model(JsonNode request) {
        return request.path("model").asText("");
    }
}
