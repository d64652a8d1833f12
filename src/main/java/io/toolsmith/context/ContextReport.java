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

    public ContextReport {
        offered = List.copyOf(offered);
    }

    public int used() {
        return instructions + specs + history;
    }

    /** What is left for the reply beyond the reserve; never negative. */
    public int free() {
        return Math.max(0, window - replyReserve - used());
    }
}
