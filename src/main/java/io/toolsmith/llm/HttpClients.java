package io.toolsmith.llm;

import java.time.Duration;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** OkHttp settings suited to a local model server. */
final class HttpClients {
    static final MediaType JSON = MediaType.get("application/json");

    private HttpClients() {
    }

    /**
     * A short connect timeout so "not running" shows at once, and no read or call timeout: a model can take
     * minutes to load before the first byte arrives, and the user stops a stuck request with Cancel instead.
     * No automatic retry, so a chat request is never sent twice.
     */
    static OkHttpClient forLocalServer() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .protocols(List.of(Protocol.HTTP_1_1))
                .build();
    }

    /**
     * For the short questions (model list, capabilities, version): these never wait for a model to load,
     * so a server that accepts the connection and then says nothing is reported instead of waited on forever.
     * Shares the streaming client's connections.
     */
    static OkHttpClient forMetadata(OkHttpClient streaming) {
        Duration timeout = streaming.readTimeoutMillis() > 0 ? Duration.ofMillis(streaming.readTimeoutMillis()) : METADATA_TIMEOUT;
        return streaming.newBuilder().readTimeout(timeout).callTimeout(timeout.multipliedBy(2)).build();
    }

    static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    /** Joins an API path onto a base URL that may carry a path prefix ({@code https://host:443/ollama}). */
    static String join(String baseUrl, String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + path;
    }
}
