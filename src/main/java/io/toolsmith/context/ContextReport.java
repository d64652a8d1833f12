package io.toolsmith.context;

import java.util.List;

/**
 * How one request uses the context window, by the app's estimate (tokens).
 *
 * @param window       the context size
 * @param replyReserve tokens kept free for the reply
 * @param instructions the instruction prompts
 * @param specs        the offered function specs (and native tools)
 * @param history      the chat's messages that were sent
 * @param leftOut      how many earlier messages were left out to make room
 * @param offered      the offered functions' names
 * @param approved     how many functions are approved in all
 */
public record ContextReport(int window, int replyReserve, int instructions, int specs, int history, int leftOut,
                           List<String> offered, int approved) {
    /** Names beyond this many are counted, not listed: the line should stay readable. */
    private static final int NAMES_SHOWN = 12;

    public ContextReport {
        offered = List.copyOf(offered);
    }

    public int used() {
        return instructions + specs + history;
    }

    /**
     * One line for the turn when something was held back: which functions were offered when not all were, and how
     * many earlier messages were left out. Null when the request carried everything.
     */
    public String heldBack() {
        List<String> parts = new java.util.ArrayList<>();
        if (offered.size() < approved) {
            int shown = Math.min(NAMES_SHOWN, offered.size());
            parts.add("Functions offered: " + offered.size() + " of " + approved
                    + (offered.isEmpty() ? "" : " (" + String.join(", ", offered.subList(0, shown))
                    + (offered.size() > shown ? ", …" : "") + ")") + ".");
        }
        if (leftOut > 0) {
            parts.add(leftOut + " earlier message" + (leftOut == 1 ? " was" : "s were") + " left out to fit the "
                    + "context window of " + window + " tokens.");
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    /** What is left for the reply beyond the reserve; never negative. */
    public int free() {
        return Math.max(0, window - replyReserve - used());
    }
}
