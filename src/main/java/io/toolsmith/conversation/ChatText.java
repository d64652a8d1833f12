package io.toolsmith.conversation;

import java.util.List;
import java.util.Locale;

/**
 * The text of a chat as the search keeps it, and what "contains" means: the stripped query, ignoring case, inside one
 * message, exactly as Ctrl+F finds it in an open chat, so a chat the search lists always shows the match when opened.
 */
final class ChatText {
    /** Between messages in the stored text: a query never contains it, so no match spans two messages. */
    static final char SEPARATOR = '\u0000';
    private static final int BEFORE = 30;
    private static final int LENGTH = 100;

    private ChatText() {
    }

    /** The messages' texts, oldest first, joined by {@link #SEPARATOR}. */
    static String of(List<Message> messages) {
        StringBuilder text = new StringBuilder();
        for (Message message : messages) {
            if (!text.isEmpty()) {
                text.append(SEPARATOR);
            }
            text.append(message.content().replace(SEPARATOR, ' '));
        }
        return text.toString();
    }

    /** The query as it is compared: stripped and lower case; empty when there is nothing to find. */
    static String normalize(String query) {
        return query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A line around the first place {@code text} (as made by {@link #of}) contains the normalized {@code query},
     * with its white space folded; null when no message contains it.
     */
    static String snippet(String text, String query) {
        if (query.isEmpty() || query.indexOf(SEPARATOR) >= 0) {
            return null;
        }
        for (String message : text.split(String.valueOf(SEPARATOR), -1)) {
            String lower = message.toLowerCase(Locale.ROOT);
            int at = lower.indexOf(query);
            if (at >= 0) {
                // Lower case can change a text's length (a dotted capital I); then the lower-case text is cut.
                String source = lower.length() == message.length() ? message : lower;
                return around(source, at, query.length());
            }
        }
        return null;
    }

    private static String around(String text, int at, int length) {
        int start = Math.max(0, at - BEFORE);
        int end = Math.min(text.length(), Math.max(at + length, start + LENGTH));
        if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
            start--;
        }
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end++;
        }
        String line = text.substring(start, end).replaceAll("\\s+", " ").strip();
        return (start > 0 ? "…" : "") + line + (end < text.length() ? "…" : "");
    }
}
