package io.toolsmith.llm;

import java.util.List;

/**
 * One message of a conversation as sent to the model.
 *
 * @param role       system, user, assistant or tool
 * @param images     standard base64 image bytes without a {@code data:} prefix; empty when none
 * @param toolCalls  calls the assistant made (assistant messages only); empty when none
 * @param toolName   for tool results: the tool that produced this content; otherwise null
 * @param toolCallId for tool results: the id of the call answered, when the server gave one; otherwise null
 */
public record ChatMessage(String role, String content, List<String> images, List<ToolCall> toolCalls,
                          String toolName, String toolCallId) {

    public ChatMessage {
        content = content == null ? "" : content;
        images = images == null ? List.of() : List.copyOf(images);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage("system", text, null, null, null, null);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage("user", text, null, null, null, null);
    }

    /** A user message with images, each given as base64 (see {@link Images#base64(byte[])}). */
    public static ChatMessage user(String text, List<String> images) {
        return new ChatMessage("user", text, images, null, null, null);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage("assistant", text, null, null, null, null);
    }

    /** An assistant message as received, including the tool calls it made. */
    public static ChatMessage assistant(String text, List<ToolCall> toolCalls) {
        return new ChatMessage("assistant", text, null, toolCalls, null, null);
    }

    /** The result of a native tool call; {@code id} may be null for servers that give no call ids. */
    public static ChatMessage tool(String name, String id, String content) {
        return new ChatMessage("tool", content, null, null, name, id);
    }
}
