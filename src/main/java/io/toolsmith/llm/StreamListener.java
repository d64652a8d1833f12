package io.toolsmith.llm;

import java.util.List;

/** Receives a reply while it streams. Called on the thread that called {@code chat}, in arrival order. */
public interface StreamListener {
    StreamListener IGNORE = delta -> { };

    void onContent(String delta);

    default void onThinking(String delta) {
    }

    /** Tool calls arrive whole, never as fragments. */
    default void onToolCalls(List<ToolCall> calls) {
    }
}
