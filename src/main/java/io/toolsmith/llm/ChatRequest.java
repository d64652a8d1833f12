package io.toolsmith.llm;

import java.util.List;

/** One chat call: the model, the whole history, options, and the native tools offered (may be empty). */
public record ChatRequest(String model, List<ChatMessage> messages, ChatOptions options, List<ToolSpec> tools) {

    public ChatRequest {
        messages = messages == null ? List.of() : List.copyOf(messages);
        options = options == null ? ChatOptions.defaults() : options;
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public ChatRequest(String model, List<ChatMessage> messages) {
        this(model, messages, null, null);
    }
}
