package io.toolsmith.llm;

import java.util.List;

/**
 * A reply, whole or partial.
 *
 * @param complete   true only when the server said the reply is finished
 * @param doneReason the server's reason ({@code stop}, {@code length}, {@code tool_calls}…), {@code cancelled}
 *                   when the user stopped it, or null when unknown
 * @param stats      token counts and durations; zeros when the server sent none
 */
public record ChatReply(String content, String thinking, List<ToolCall> toolCalls, boolean complete,
                        String doneReason, ChatStats stats) {

    public static final String CANCELLED = "cancelled";
    /** The done reason of a reply that reached the length limit (both dialects use it). */
    public static final String LENGTH = "length";

    public ChatReply {
        content = content == null ? "" : content;
        thinking = thinking == null ? "" : thinking;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        stats = stats == null ? ChatStats.NONE : stats;
    }

    public boolean cancelled() {
        return CANCELLED.equals(doneReason);
    }

    /** True when the server ended the reply because it reached the length limit, not because it was finished. */
    public boolean cutOffAtLength() {
        return complete && LENGTH.equals(doneReason);
    }
}
