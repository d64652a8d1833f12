package io.toolsmith.llm;

import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * An OkHttp client built on its first request. Building one loads OkHttp and Kotlin's classes and the JDK's trusted
 * certificates for https hosts, a fifth of the processor time of a {@code toolsmith} command's start measured on
 * {@code toolsmith mcp}; most commands (the MCP server, functions, data, undo) never talk to the model server.
 * Thread-safe.
 */
final class LazyHttpClient {
    private final Supplier<OkHttpClient> build;
    private volatile OkHttpClient client;

    LazyHttpClient(Supplier<OkHttpClient> build) {
        this.build = build;
    }

    /**
     * A client made from this one when it is first used (with a connection pool or timeouts of its own, say); this
     * one is built then too, once, whichever is used first.
     */
    LazyHttpClient derived(Function<OkHttpClient, OkHttpClient> variant) {
        return new LazyHttpClient(() -> variant.apply(get()));
    }

    OkHttpClient get() {
        OkHttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = build.get();
                    client = built;
                }
            }
        }
        return built;
    }
}
