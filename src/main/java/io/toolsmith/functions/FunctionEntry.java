package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One function of the library as the user sees it in a list.
 *
 * @param version         the module's current version (1 for the first code block)
 * @param network         whether the current approval grants network access
 * @param policy          the call policy in force: the one the user set, else the default for its effects
 * @param spec            the function's spec, or null when it has none yet
 * @param effects         what the checks derive from the current code (badges, the review)
 * @param approvedEffects what the recorded approval lets calls do, or null when the function is not approved
 * @param policyChosen    whether the user set {@code policy}; false when it follows the effects
 */
public record FunctionEntry(String name, String module, FunctionStatus status, int version, boolean network,
                            CallPolicy policy, ObjectNode spec, Effects effects, Effects approvedEffects,
                            boolean policyChosen) {

    /** An entry whose policy follows its effects. */
    public FunctionEntry(String name, String module, FunctionStatus status, int version, boolean network,
                         CallPolicy policy, ObjectNode spec, Effects effects, Effects approvedEffects) {
        this(name, module, status, version, network, policy, spec, effects, approvedEffects, false);
    }
}
