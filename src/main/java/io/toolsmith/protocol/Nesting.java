package io.toolsmith.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one limit on how deeply lists and objects may nest in call arguments and function results. Real data is
 * a few levels deep; thousands of levels only come from a model stuck repeating brackets or from code built to
 * break the app, and would overflow recursive readers and exceed Jackson's nesting limit when a chat is saved
 * (the chat's own structure adds a few levels). Keeping values well below that keeps every chat file
 * writable and readable.
 */
public final class Nesting {
    /** Levels of lists and objects a value may have; the arguments object itself is the first level. */
    public static final int LIMIT = 64;

    private Nesting() {
    }

    /** The phrase every refusal uses, so the user and the model see the same words wherever it is hit. */
    public static String tooDeep() {
        return "nested deeper than " + LIMIT + " levels";
    }

    /**
     * True when lists and objects inside {@code value} go deeper than {@link #LIMIT}. Walks with an explicit
     * stack (a recursive walk would overflow on the very values it is meant to catch) and stops at the first
     * node past the limit.
     */
    public static boolean exceedsLimit(JsonNode value) {
        if (value == null || !value.isContainerNode()) {
            return false;
        }
        Deque<Level> pending = new ArrayDeque<>();
        pending.push(new Level(value, 1));
        while (!pending.isEmpty()) {
            Level level = pending.pop();
            if (level.depth() > LIMIT) {
                return true;
            }
            for (JsonNode child : level.node()) {
                if (child.isContainerNode()) {
                    pending.push(new Level(child, level.depth() + 1));
                }
            }
        }
        return false;
    }

    private record Level(JsonNode node, int depth) {
    }
}
