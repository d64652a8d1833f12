package io.toolsmith.llm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
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
     * For streamed replies (chat, downloads): a fresh connection every time, closed when the reply ends. Servers
     * such as llama.cpp's llama-server close the connection after each streamed reply while announcing keep-alive;
     * OkHttp trusts a pooled connection that was idle for less than 10 s without checking it, so the next request
     * (the one carrying a call's output) went out on a dead socket and failed with "unexpected end of stream".
     * A new local connection costs well under a millisecond next to a reply; the request is still never retried.
     */
    static OkHttpClient forStreaming(OkHttpClient base) {
        return base.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
    }

    /** The header that tells the server, too, that the connection ends with the reply. */
    static final String CONNECTION = "Connection";
    static final String CLOSE = "close";

    /**
     * For the short questions (model list, capabilities, version): these never wait for a model to load,
     * so a server that accepts the connection and then says nothing is reported instead of waited on forever.
     * These requests change nothing on the server, so one that failed on a kept-alive connection the server had
     * already closed (its idle timeout can be shorter than OkHttp's) is sent again on a new one.
     */
    static OkHttpClient forMetadata(OkHttpClient streaming) {
        Duration timeout = streaming.readTimeoutMillis() > 0 ? Duration.ofMillis(streaming.readTimeoutMillis()) : METADATA_TIMEOUT;
        return streaming.newBuilder().readTimeout(timeout).callTimeout(timeout.multipliedBy(2))
                .retryOnConnectionFailure(true).build();
    }

    static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    /** Joins an API path onto a base URL that may carry a path prefix ({@code https://host:443/ollama}). */
    static String join(String baseUrl, String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + path;
    }
}
