package io.toolsmith.conversation;

import java.time.Instant;

/** What a list of chats shows about one, without its messages: what the chats index keeps. */
public record ChatSummary(String id, String title, Instant updated, int messageCount) {

    /** The same chat under another title (a rename does not count as activity). */
    public ChatSummary withTitle(String newTitle) {
        return new ChatSummary(id, newTitle, updated, messageCount);
    }
}
