package io.toolsmith.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.llm.LlmException.Kind;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server speaking the OpenAI chat-completions dialect: llama.cpp's llama-server, LM Studio, vLLM, or Ollama's
 * /v1. Streams over SSE. The base URL is the server root ({@code /v1} at its end is dropped). Capabilities are
 * unknown here, so {@link #showModel} reports an empty set. This dialect has no context-window or keep-alive
 * setting, so {@link ChatOptions#numCtx()} and {@link ChatOptions#keepAlive()} are not sent.
 * Thread-safe; methods block the calling thread, listeners run on it.
 */
public final class OpenAiCompatibleClient implements ChatBackend {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleClient.class);

    private final String baseUrl;
    private final Supplier<String> apiKeySource;
    private volatile String apiKey;
    private volatile boolean apiKeyLoaded;
    private final LazyHttpClient http;
    private final LazyHttpClient metadata;

    /** @param apiKey sent as a bearer token when not null or blank */
    public OpenAiCompatibleClient(String baseUrl, String apiKey) {
        this(baseUrl, new LazyHttpClient(HttpClients::forLocalServer), () -> apiKey);
    }

    public OpenAiCompatibleClient(String baseUrl, String apiKey, OkHttpClient http) {
        this(baseUrl, new LazyHttpClient(() -> http), () -> apiKey);
    }

    /**
     * With the API key looked up on the first request rather than here: the lookup may start a keyring process,
     * and the client is built on the window's thread at start-up, while requests run in the background.
     */
    public static OpenAiCompatibleClient withKeyLookup(String baseUrl, Supplier<String> apiKey) {
        return new OpenAiCompatibleClient(baseUrl, new LazyHttpClient(HttpClients::forLocalServer), apiKey);
    }

    public static OpenAiCompatibleClient withKeyLookup(String baseUrl, Supplier<String> apiKey, OkHttpClient http) {
        return new OpenAiCompatibleClient(baseUrl, new LazyHttpClient(() -> http), apiKey);
    }

    private OpenAiCompatibleClient(String baseUrl, LazyHttpClient http, Supplier<String> apiKey) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.baseUrl = base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
        this.apiKeySource = apiKey;
        this.http = http.derived(HttpClients::forStreaming);
        this.metadata = this.http.derived(HttpClients::forMetadata);
    }

    /** The key, looked up once; null when there is none. */
    private String apiKey() {
        if (!apiKeyLoaded) {
            synchronized (this) {
                if (!apiKeyLoaded) {
                    String key = apiKeySource.get();
                    apiKey = key == null || key.isBlank() ? null : key;
                    apiKeyLoaded = true;
                }
            }
        }
        return apiKey;
    }

    @Override
    public String endpoint() {
        return baseUrl;
    }

    @Override
    public ChatReply chat(ChatRequest request, StreamListener listener, Cancellation cancel) throws LlmException {
        Call call = http.get().newCall(request("/v1/chat/completions")
                .post(RequestBody.create(OpenAiWire.chatBody(request).toString(), HttpClients.JSON))
                .header("Accept", "text/event-stream").header(HttpClients.CONNECTION, HttpClients.CLOSE).build());
        ReplyBuilder reply = new ReplyBuilder(listener);
        OpenAiStream stream = new OpenAiStream(reply, baseUrl, this::contextFull);
        Runnable unregister = cancel.onCancel(call::cancel);
        Response response = null;
        try {
            response = call.execute();
            if (!response.isSuccessful()) {
                throw status(response.code(), response.body().string(), "/v1/chat/completions", request.model());
            }
            String type = String.valueOf(response.header("Content-Type")).toLowerCase(java.util.Locale.ROOT);
            if (type.startsWith("application/json")) {
                stream.applyWhole(response.body().string());
                return logged(request, reply.complete());
            }
            SseReader events = new SseReader(response.body().byteStream());
            SseReader.Event event;
            while ((event = events.next()) != null) {
                if (stream.apply(event)) {
                    return logged(request, reply.complete());
                }
            }
            if (cancel.isCancelled()) {
                return cancelled(stream);
            }
            throw incomplete(stream, null);
        } catch (IOException e) {
            if (cancel.isCancelled()) {
                return cancelled(stream);
            }
            throw response == null ? connection(e) : incomplete(stream, e);
        } finally {
            unregister.run();
            if (response != null) {
                response.close();
            }
        }
    }

    private static ChatReply cancelled(OpenAiStream stream) {
        ChatReply soFar = stream.partial();
        return new ChatReply(soFar.content(), soFar.thinking(), soFar.toolCalls(), false, ChatReply.CANCELLED,
                soFar.stats());
    }

    private ChatReply logged(ChatRequest request, ChatReply reply) {
        LOG.debug("{} at {}: {} tokens at {} tokens/s, done reason {}", request.model(), baseUrl,
                reply.stats().evalCount(), String.format(java.util.Locale.ROOT, "%.1f", reply.stats().tokensPerSecond()),
                reply.doneReason());
        return reply;
    }

    private LlmException incomplete(OpenAiStream stream, IOException cause) {
        return new LlmException(Kind.INCOMPLETE, "The reply from the model server at " + baseUrl + " broke off "
                + "before it was finished; the text received so far is kept. Try again.", stream.partial(), cause);
    }

    @Override
    public List<ModelInfo> listModels() throws LlmException {
        return OpenAiWire.modelEntries(getModels()).stream().map(OpenAiWire::model).toList();
    }

    /**
     * The listed model's details. A server that lists no models is given the benefit of the doubt (nothing is known
     * about the model); one that lists others does not have it. A single-model llama-server would answer any name
     * with its one model, so an unknown name is refused here rather than saved with the chat. Ollama's /v1 lists
     * {@code name:latest} for {@code name}.
     */
    @Override
    public ModelDetails showModel(String model) throws LlmException {
        List<JsonNode> entries = OpenAiWire.modelEntries(getModels());
        for (JsonNode entry : entries) {
            String id = entry.path("id").asText();
            if (id.equalsIgnoreCase(model) || id.equalsIgnoreCase(model + ":latest")) {
                return new ModelDetails(id, null, null, OpenAiWire.contextLength(entry), null);
            }
        }
        if (entries.isEmpty()) {
            return new ModelDetails(model, null, null, null, null);
        }
        throw notAvailable(model);
    }

    private JsonNode getModels() throws LlmException {
        try (Response response = metadata.get().newCall(request("/v1/models").get().build()).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw status(response.code(), body, "/v1/models", null);
            }
            try {
                JsonNode node = Json.MAPPER.readTree(body);
                if (node != null && node.isObject()) {
                    return node;
                }
            } catch (IOException e) {
                // reported below
            }
            throw new LlmException(Kind.HTTP, "The server at " + baseUrl + " answered /v1/models with something "
                    + "other than JSON: it does not speak the OpenAI-compatible API. Check the address.");
        } catch (IOException e) {
            throw connection(e);
        }
    }

    private Request.Builder request(String path) {
        Request.Builder builder = new Request.Builder().url(HttpClients.join(baseUrl, path));
        String key = apiKey();
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private LlmException connection(IOException e) {
        String sentence = ErrorBodies.unreachable(e, "The model server", baseUrl,
                "Start it (llama-server, LM Studio or vLLM) and try again.");
        return new LlmException(Kind.UNREACHABLE, sentence != null ? sentence : "The connection to the model server at "
                + baseUrl + " failed (" + ErrorBodies.clause(String.valueOf(e.getMessage())) + "). Check that it is "
                + "running and try again.", null, e);
    }

    private LlmException status(int code, String body, String path, String model) {
        String message = ErrorBodies.message(body);
        String detail = ErrorBodies.clause(message);
        detail = detail.isEmpty() ? "no details given" : detail;
        if (model != null && ((code == 404 && ErrorBodies.isJsonError(body))
                || (code == 400 && ErrorBodies.isUnknownModel(message)))) {
            // llama-server's router answers an unknown model with 400 "model 'x' not found", vLLM with 404.
            return notAvailable(model);
        }
        if (ErrorBodies.isContextFull(ErrorBodies.type(body), message)) {
            return contextFull(detail, null);
        }
        String sentence = switch (code) {
            case 404, 405 -> "The server at " + baseUrl + " answered " + code + " (" + detail + ") to " + path
                    + ": it does not speak the OpenAI-compatible API. Check the address (the server root, without "
                    + "/v1), or use `toolsmith settings set backend ollama` if it is Ollama.";
            case 401, 403 -> "The server at " + baseUrl + " refused access (" + detail + "). Check the API key.";
            case 400 -> "The model server at " + baseUrl + " refused the request: " + detail + ".";
            case 503 -> "The model server at " + baseUrl + " is busy or still loading (" + detail + "). Wait a moment "
                    + "and try again.";
            default -> "The model server at " + baseUrl + " answered HTTP " + code + " (" + detail + ").";
        };
        return new LlmException(Kind.HTTP, sentence);
    }

    /** The prompt is longer than the server's context window; {@code partial} is what arrived first, if anything. */
    LlmException contextFull(String detail, ChatReply partial) {
        return new LlmException(Kind.CONTEXT_FULL, "The conversation no longer fits in the model's context window at "
                + baseUrl + " (" + detail + "). Start a new chat, or start the server with a larger context "
                + "(llama-server's -c option, or the context length setting of LM Studio or vLLM).", partial, null);
    }

    /** Names the models the server does have, so the user can pick one. */
    private LlmException notAvailable(String model) {
        List<String> names;
        try {
            names = listModels().stream().map(ModelInfo::name).limit(8).toList();
        } catch (LlmException e) {
            names = List.of();
        }
        return new LlmException(Kind.MODEL_NOT_FOUND, "The model '" + model + "' is not available at " + baseUrl + ". "
                + (names.isEmpty() ? "Check the name against the server's model list."
                : "It offers: " + String.join(", ", names) + ". Choose one of them (--model NAME, or the model "
                + "picker in the window)."));
    }

    @Override
    public String noModelsHint() {
        return "The server at " + baseUrl + " lists no models. Start it with a model (llama-server -m MODEL.gguf), "
                + "or load one in LM Studio, then try again.";
    }
}
