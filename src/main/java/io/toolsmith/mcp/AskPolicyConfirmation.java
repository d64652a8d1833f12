package io.toolsmith.mcp;

import io.toolsmith.functions.CallPermit;

/**
 * Asks the user about a call to a function whose policy is ask. The window shows the question; without the window
 * nobody can answer, and {@link #HEADLESS} refuses with a sentence that says how to run it.
 */
public interface AskPolicyConfirmation {
    AskPolicyConfirmation HEADLESS = (client, permit) -> false;

    /** @return whether the user let this one call run; blocks until they answered */
    boolean confirm(String client, CallPermit permit);

    /** Whether someone can be asked at all; false without the window. */
    default boolean canAsk() {
        return this != HEADLESS;
    }
}
