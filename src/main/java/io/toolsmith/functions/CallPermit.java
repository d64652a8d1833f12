package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The library's answer to "may the model's call to this function run?".
 *
 * @param approvalHash the approval the call runs under (RUN and ASK), else null
 * @param sentence     for the model when the call does not run: why (UNKNOWN, CHANGED, REJECTED, and NOT_APPROVED
 *                     or ASK when there was nobody to ask); {@link #refusal()} when the user said no
 * @param effects      what the call may do in the sandbox: the approved effects (RUN, ASK), or what the checks
 *                     derive from the current code (a pending function the user lets run once); null when unknown
 */
public record CallPermit(Kind kind, String function, String module, String approvalHash, ObjectNode spec,
                         String sentence, Effects effects) {

    public enum Kind { RUN, ASK, NOT_APPROVED, UNKNOWN, CHANGED, REJECTED }

    public boolean runs() {
        return kind == Kind.RUN;
    }

    /** For the model when the user refused this call (ASK, NOT_APPROVED): it is the user's choice, not a fault. */
    public String refusal() {
        return kind == Kind.ASK
                ? "The user refused to run " + function + " this time: it is approved, but the user confirms each "
                + "call and did not confirm this one. Do not call it again for this request unless the user asks you to."
                : "The user refused to run " + function + ", which has not been approved, so it was not run. Do not "
                + "call it again for this request unless the user asks you to.";
    }

    /** What the user is asked before a call that waits for them (ASK, NOT_APPROVED); else empty. */
    public String question() {
        String does = effects == null ? "" : " It " + (effects.isEmpty() ? "has no effects beyond its result"
                : "may: " + effects.labels()) + ".";
        return switch (kind) {
            case ASK -> "Confirm this call: " + function + " is approved and set to ask before every call." + does;
            case NOT_APPROVED -> function + " has not been approved: review its code before you run it." + does;
            default -> "";
        };
    }
}
