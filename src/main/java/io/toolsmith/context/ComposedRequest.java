package io.toolsmith.context;

import io.toolsmith.llm.ChatMessage;
import io.toolsmith.llm.ToolSpec;
import java.util.List;

/**
 * What one request sends, and the raw token estimate the server's count is later compared with.
 */
public record ComposedRequest(List<ChatMessage> messages, List<ToolSpec> tools, int rawTokens, ContextReport report) {
}
