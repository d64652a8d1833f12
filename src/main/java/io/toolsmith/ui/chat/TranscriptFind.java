package io.toolsmith.ui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Find in a chat (Ctrl+F): which messages contain the text, ignoring case, and which of them is the current one,
 * moved with next and previous, wrapping around. Holds no nodes; the chat view selects and scrolls. FX thread only.
 */
final class TranscriptFind {
    private List<Integer> matches = List.of();
    private int current = -1;

    /**
     * Finds {@code query} in {@code texts} (one per message, in order) and makes the first match at or after
     * message {@code from} the current one.
     */
    void search(List<String> texts, String query, int from) {
        String q = normalize(query);
        List<Integer> found = new ArrayList<>();
        if (!q.isEmpty()) {
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                if (text != null && text.toLowerCase(Locale.ROOT).contains(q)) {
                    found.add(i);
                }
            }
        }
        matches = List.copyOf(found);
        current = -1;
        for (int k = 0; k < matches.size() && current < 0; k++) {
            if (matches.get(k) >= from) {
                current = k;
            }
        }
        if (current < 0 && !matches.isEmpty()) {
            current = 0;
        }
    }

    /** The query as it is compared: stripped and lower case. */
    static String normalize(String query) {
        return query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    }

    /** Moves to the next match ({@code step} 1) or the previous one (-1); returns the message's index, or -1. */
    int move(int step) {
        if (matches.isEmpty()) {
            return -1;
        }
        current = Math.floorMod(current + step, matches.size());
        return matches.get(current);
    }

    /** The current match's message index, or -1 when nothing matches. */
    int currentMessage() {
        return current < 0 ? -1 : matches.get(current);
    }

    /** "2 of 7", "No matches", or "" when nothing is searched. */
    String status(String query) {
        if (query == null || query.isBlank()) {
            return "";
        }
        return matches.isEmpty() ? "No matches" : (current + 1) + " of " + matches.size();
    }
}
