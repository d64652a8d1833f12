package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The library's answer to "may the model's call to this function run?".
 *
 * @param approvalHash the approval the call runs under (RUN and ASK), else null
 * @param sentence     for the model when the call does not run; for ASK, what to tell it if the user declines
 */
public record CallPermit(Kind kind, String function, String module, String approvalHash, ObjectNode spec,
                         String sentence) {

    public enum Kind { RUN, ASK, NOT_APPROVED, UNKNOWN, CHANGED, REJECTED }

    public boolean runs() {
        return kind == Kind.RUN;
    }
}
