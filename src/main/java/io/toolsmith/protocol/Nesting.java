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

    /** The error name a call gets when its arguments or its result go past the limit. */
    public static final String ERROR_NAME = "NestingError";

    private Nesting() {
    }

    /** The phrase every refusal uses, so the user and the model see the same words wherever it is hit. */
    public static String tooDeep() {
        return "nested deeper than " + LIMIT + " levels";
    }

    /** Why a call with too deeply nested arguments was not run; said to the model and shown to the user. */
    public static String argumentsTooDeep(String function) {
        return "The arguments of " + function + " are " + tooDeep() + ", so it was not run; pass flatter data.";
    }

    /** Why a function's result was replaced by an error. */
    public static String resultTooDeep(String function) {
        return "The result of " + function + " is " + tooDeep() + ", so it was not kept; return flatter data.";
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
