package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.UUID;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * JSON-RPC 2.0 over HTTP to a microsandbox server ({@code POST {url}/api/v1/rpc}), as the mid-2025
 * server speaks it: success is HTTP 200 without an {@code error} member; most failures are other
 * statuses whose bodies are often not JSON-RPC at all. Thread-safe.
 */
final class MicrosandboxClient {
    private static final MediaType JSON = MediaType.get("application/json");

    /** The server answered, but not with a result. */
    static final class RpcFailure extends Exception {
        final int status;

        RpcFailure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final String url;
    private final OkHttpClient http;

    MicrosandboxClient(String url, OkHttpClient http) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = http;
    }

    String url() {
        return url;
    }

    /**
     * Sends one request and answers its {@code result}.
     *
     * @throws RpcFailure       the server answered with an error
     * @throws SandboxException the server could not be reached
     */
    JsonNode call(String method, ObjectNode params, Duration timeout, Cancellation cancel)
            throws RpcFailure, SandboxException {
        ObjectNode envelope = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", method)
                .put("id", UUID.randomUUID().toString());
        envelope.set("params", params);
        Request request = new Request.Builder().url(url + "/api/v1/rpc")
                .post(RequestBody.create(envelope.toString(), JSON)).build();
        Call call = http.newBuilder().callTimeout(timeout).readTimeout(timeout).build().newCall(request);
        Runnable unregister = cancel == null ? () -> { } : cancel.onCancel(call::cancel);
        try (Response response = call.execute()) {
            String body = response.body() == null ? "" : response.body().string();
            JsonNode node = parse(body);
            if (response.code() != 200) {
                throw new RpcFailure(response.code(), describe(response.code(), node, body));
            }
            if (node == null || node.has("error") || !node.has("result")) {
                throw new RpcFailure(200, node != null && node.has("error")
                        ? node.path("error").path("message").asText("an error") : "an unreadable answer");
            }
            return node.get("result");
        } catch (InterruptedIOException e) {
            throw new RpcFailure(-1, call.isCanceled() ? "cancelled" : "timed out");
        } catch (IOException e) {
            if (call.isCanceled()) {
                throw new RpcFailure(-1, "cancelled");
            }
            throw new SandboxException("The microsandbox server at " + url + " cannot be reached (" + e.getMessage()
                    + "). Start it with `msb server start --dev`, or choose the local sandbox in Settings.", e);
        } finally {
            unregister.run();
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(int status, JsonNode node, String body) {
        if (node != null && node.has("error")) {
            JsonNode error = node.get("error");
            return error.isTextual() ? error.asText() : error.path("message").asText(body);
        }
        return switch (status) {
            case 401, 403 -> "the server wants an API key";
            case 404 -> "the server does not know this request";
            default -> body.isBlank() ? "HTTP " + status : body.strip();
        };
    }
}
