package io.toolsmith.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.llm.LlmException.Kind;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** One {@code /api/pull} download: an NDJSON stream of progress lines ending in {@code success}. */
final class OllamaPull {
    private final OkHttpClient http;
    private final String url;
    private final OllamaErrors errors;

    OllamaPull(OkHttpClient http, String url, OllamaErrors errors) {
        this.http = http;
        this.url = url;
        this.errors = errors;
    }

    void run(String model, PullListener listener, Cancellation cancel) throws LlmException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", model).put("stream", true);
        Call call = http.newCall(new Request.Builder().url(url)
                .post(RequestBody.create(body.toString(), HttpClients.JSON)).build());
        Runnable unregister = cancel.onCancel(call::cancel);
        Response response = null;
        try {
            response = call.execute();
            if (!response.isSuccessful()) {
                throw errors.status(response.code(), response.body().string(), "/api/pull", null);
            }
            LineReader lines = new LineReader(response.body().byteStream());
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank() && progress(model, line, listener)) {
                    return;
                }
            }
            if (cancel.isCancelled()) {
                throw cancelled(model);
            }
            throw new LlmException(Kind.INCOMPLETE, "The download of '" + model + "' broke off before it finished. "
                    + "Run the same pull again to resume.");
        } catch (IOException e) {
            if (cancel.isCancelled()) {
                throw cancelled(model);
            }
            if (response == null) {
                throw errors.connection(e);
            }
            throw new LlmException(Kind.INCOMPLETE, "The download of '" + model + "' broke off ("
                    + ErrorBodies.clause(String.valueOf(e.getMessage())) + "). Run the same pull again to resume.",
                    null, e);
        } finally {
            unregister.run();
            if (response != null) {
                response.close();
            }
        }
    }

    /** Reports one line; returns true on {@code success}. */
    private boolean progress(String model, String line, PullListener listener) throws LlmException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new LlmException(Kind.STREAM_ERROR, "The download of '" + model + "' failed: the server sent "
                    + "something that is not Ollama's progress JSON. Check the address.");
        }
        if (node.has("error")) {
            String error = ErrorBodies.clause(node.get("error").asText());
            if (error.contains("file does not exist") || error.contains("not found")) {
                throw new LlmException(Kind.MODEL_NOT_FOUND, "The model '" + model + "' is not in the Ollama library ("
                        + error + "). Check the name at https://ollama.com/library.");
            }
            throw new LlmException(Kind.STREAM_ERROR, "The download of '" + model + "' failed: " + error
                    + ". Run the same pull again to resume.");
        }
        PullProgress progress = new PullProgress(OllamaWire.text(node, "status"), OllamaWire.text(node, "digest"),
                node.path("total").asLong(0), node.path("completed").asLong(0));
        listener.onProgress(progress);
        return progress.isSuccess();
    }

    private static LlmException cancelled(String model) {
        return new LlmException(Kind.CANCELLED, "The download of '" + model + "' was stopped. Run the same pull "
                + "again to resume where it left off.");
    }
}
