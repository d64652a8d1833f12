package io.toolsmith.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.llm.LlmException.Kind;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.util.List;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ollama's native API: streaming chat ({@code /api/chat}, NDJSON), models, details, version and downloads.
 * Thread-safe; each method blocks the calling thread, and listeners are called on that thread.
 */
public final class OllamaClient implements ChatBackend {
    private static final Logger LOG = LoggerFactory.getLogger(OllamaClient.class);

    private final String baseUrl;
    private final LazyHttpClient http;
    private final LazyHttpClient metadata;
    private final OllamaErrors errors;

    public OllamaClient(String baseUrl) {
        this(baseUrl, new LazyHttpClient(HttpClients::forLocalServer));
    }

    public OllamaClient(String baseUrl, OkHttpClient http) {
        this(baseUrl, new LazyHttpClient(() -> http));
    }

    private OllamaClient(String baseUrl, LazyHttpClient base) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = base.derived(HttpClients::forStreaming);
        this.metadata = base.derived(HttpClients::forMetadata);
        this.errors = new OllamaErrors(this.baseUrl);
    }

    @Override
    public boolean sendsContextSize() {
        return true;
    }

    @Override
    public String endpoint() {
        return baseUrl;
    }

    @Override
    public ChatReply chat(ChatRequest request, StreamListener listener, Cancellation cancel) throws LlmException {
        Call call = http.get().newCall(post("/api/chat", OllamaWire.chatBody(request)));
        ReplyBuilder reply = new ReplyBuilder(listener);
        Runnable unregister = cancel.onCancel(call::cancel);
        Response response = null;
        try {
            response = call.execute();
            if (!response.isSuccessful()) {
                throw errors.status(response.code(), response.body().string(), "/api/chat", request.model());
            }
            LineReader lines = new LineReader(response.body().byteStream());
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank() && readChunk(line, reply)) {
                    return logged(request, reply.complete());
                }
            }
            if (cancel.isCancelled()) {
                return reply.partial(ChatReply.CANCELLED);
            }
            throw incomplete(reply, null);
        } catch (IOException e) {
            if (cancel.isCancelled()) {
                return reply.partial(ChatReply.CANCELLED);
            }
            throw response == null ? errors.connection(e) : incomplete(reply, e);
        } finally {
            unregister.run();
            if (response != null) {
                response.close();
            }
        }
    }

    /** Applies one NDJSON chunk; returns true on the final ({@code done:true}) chunk. */
    private boolean readChunk(String line, ReplyBuilder reply) throws LlmException {
        JsonNode chunk = parse(line, reply);
        String error = OllamaWire.text(chunk, "error");
        if (error != null || chunk.has("error")) {
            throw new LlmException(Kind.STREAM_ERROR, "Ollama stopped in the middle of the reply: "
                    + ErrorBodies.clause(error == null ? chunk.get("error").toString() : error)
                    + ". The text received so far is kept; try again.", reply.partial(null), null);
        }
        JsonNode message = chunk.path("message");
        // Every chunk, the final one included, may carry text, thinking or tool calls.
        reply.thinking(OllamaWire.text(message, "thinking"));
        reply.content(OllamaWire.text(message, "content"));
        reply.toolCalls(OllamaWire.toolCalls(message.get("tool_calls")));
        if (chunk.path("done").asBoolean(false)) {
            reply.finish(OllamaWire.text(chunk, "done_reason"), OllamaWire.stats(chunk));
            return true;
        }
        return false;
    }

    private JsonNode parse(String line, ReplyBuilder reply) throws LlmException {
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        String shown = line.length() > 120 ? line.substring(0, 120) + "…" : line;
        throw new LlmException(Kind.STREAM_ERROR, "The server at " + baseUrl + " sent a line that is not Ollama's "
                + "JSON (" + shown + "); the text received so far is kept. Check that the address is an Ollama server.",
                reply.partial(null), null);
    }

    private ChatReply logged(ChatRequest request, ChatReply reply) {
        LOG.debug("{} at {}: {} tokens at {} tokens/s, done reason {}", request.model(), baseUrl,
                reply.stats().evalCount(), String.format(java.util.Locale.ROOT, "%.1f", reply.stats().tokensPerSecond()),
                reply.doneReason());
        return reply;
    }

    private LlmException incomplete(ReplyBuilder reply, IOException cause) {
        return new LlmException(Kind.INCOMPLETE, "The reply from Ollama at " + baseUrl + " broke off before it was "
                + "finished; the text received so far is kept. Try again.", reply.partial(null), cause);
    }

    @Override
    public String noModelsHint() {
        return "No model is installed at " + baseUrl + ". Download one with `ollama pull gemma3:12b` "
                + "(or `toolsmith pull gemma3:12b`).";
    }

    @Override
    public List<ModelInfo> listModels() throws LlmException {
        return OllamaWire.models(getJson(new Request.Builder().url(url("/api/tags")).get().build(), "/api/tags", null));
    }

    @Override
    public ModelDetails showModel(String model) throws LlmException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", model);
        return OllamaWire.details(model, getJson(post("/api/show", body), "/api/show", model));
    }

    /** The server's version, e.g. {@code 0.33.0}. */
    public String version() throws LlmException {
        JsonNode node = getJson(new Request.Builder().url(url("/api/version")).get().build(), "/api/version", null);
        String version = OllamaWire.text(node, "version");
        return version == null ? "" : version;
    }

    /**
     * Downloads a model, reporting each progress line. Cancelling closes the connection; Ollama keeps the
     * layers already on disk, so a later pull resumes. Throws {@link Kind#CANCELLED} when cancelled.
     */
    public void pull(String model, PullListener listener, Cancellation cancel) throws LlmException {
        new OllamaPull(http.get(), url("/api/pull"), errors).run(model, listener, cancel);
    }

    private JsonNode getJson(Request request, String path, String model) throws LlmException {
        try (Response response = metadata.get().newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw errors.status(response.code(), body, path, model);
            }
            try {
                JsonNode node = Json.MAPPER.readTree(body);
                if (node != null && node.isObject()) {
                    return node;
                }
            } catch (IOException e) {
                // reported below
            }
            throw new LlmException(Kind.HTTP, "The server at " + baseUrl + " answered " + path
                    + " with something other than JSON: it is too old or not Ollama. Check the address.");
        } catch (IOException e) {
            throw errors.connection(e);
        }
    }

    private Request post(String path, JsonNode body) {
        return new Request.Builder().url(url(path)).header(HttpClients.CONNECTION, HttpClients.CLOSE)
                .post(RequestBody.create(body.toString(), HttpClients.JSON)).build();
    }

    private String url(String path) {
        return HttpClients.join(baseUrl, path);
    }
}
