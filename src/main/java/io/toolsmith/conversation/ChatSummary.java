package io.toolsmith.conversation;

import java.time.Instant;

/** What a list of chats shows about one, without its messages: what the chats index keeps. */
public record ChatSummary(String id, String title, Instant updated, int messageCount) {
}
