package io.toolsmith.agent;

import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.Message;
import java.util.List;

/**
 * What a chat whose last request failed still has to send: the user's message or the function results, stored
 * before they were sent, perhaps followed by a reply that broke off. {@link TurnLoop#resume} sends it again.
 */
public final class PendingSend {
    private PendingSend() {
    }

    /**
     * True when the chat ends where a request failed: with the user's message or the function outputs (perhaps
     * followed by a reply that broke off), so {@link TurnLoop#resume} can send it again without running anything again.
     */
    public static boolean canResume(Conversation conversation) {
        Message pending = pending(conversation);
        return pending != null && pending.kind() != Message.Kind.ASSISTANT;
    }

    /** True when what {@link TurnLoop#resume} would send is function results: calls ran, and their answers wait. */
    public static boolean hasUnsentResults(Conversation conversation) {
        Message pending = pending(conversation);
        return pending != null && (pending.kind() == Message.Kind.FUNCTION_OUTPUTS
                || pending.kind() == Message.Kind.TOOL_RESULTS);
    }

    /** The last message, not counting a reply that broke off; null for an empty chat. */
    private static Message pending(Conversation conversation) {
        List<Message> messages = conversation.messages();
        int last = messages.size() - 1;
        if (endsWithBrokenReply(messages)) {
            last--;
        }
        return last >= 0 ? messages.get(last) : null;
    }

    static boolean endsWithBrokenReply(List<Message> messages) {
        Message last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        return last != null && last.kind() == Message.Kind.ASSISTANT && last.incomplete() && last.calls().isEmpty();
    }
}
