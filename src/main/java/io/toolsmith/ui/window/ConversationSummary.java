package io.toolsmith.ui.window;

import java.time.Instant;

/** A chat in the left list. */
public record ConversationSummary(String id, String title, Instant updated) {
}
