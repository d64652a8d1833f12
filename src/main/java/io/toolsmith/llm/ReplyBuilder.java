package io.toolsmith.llm;

import java.util.ArrayList;
import java.util.List;

/** Collects a streamed reply piece by piece and tells the listener about each piece. One thread only. */
final class ReplyBuilder {
    private final StreamListener listener;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private final InlineThinking inline = new InlineThinking(this::appendContent, this::thinking);
    private String doneReason;
    private ChatStats stats = ChatStats.NONE;

    ReplyBuilder(StreamListener listener) {
        this.listener = listener == null ? StreamListener.IGNORE : listener;
    }

    /** Reply text; reasoning written inline as {@code <think>…</think>} at its start is passed on as thinking. */
    void content(String delta) {
        inline.accept(delta);
    }

    private void appendContent(String delta) {
        if (delta != null && !delta.isEmpty()) {
            content.append(delta);
            listener.onContent(delta);
        }
    }

    void thinking(String delta) {
        if (delta != null && !delta.isEmpty()) {
            thinking.append(delta);
            listener.onThinking(delta);
        }
    }

    void toolCalls(List<ToolCall> calls) {
        if (!calls.isEmpty()) {
            toolCalls.addAll(calls);
            listener.onToolCalls(List.copyOf(calls));
        }
    }

    void finish(String reason, ChatStats finalStats) {
        doneReason = reason;
        stats = finalStats == null ? ChatStats.NONE : finalStats;
    }

    void stats(ChatStats value) {
        stats = value;
    }

    ChatStats stats() {
        return stats;
    }

    ChatReply complete() {
        inline.flush();
        return new ChatReply(content.toString(), thinking.toString(), toolCalls, true, doneReason, stats);
    }

    /** The reply so far, marked incomplete; {@code reason} is e.g. {@link ChatReply#CANCELLED} or null. */
    ChatReply partial(String reason) {
        inline.flush();
        return new ChatReply(content.toString(), thinking.toString(), toolCalls, false, reason, stats);
    }
}
