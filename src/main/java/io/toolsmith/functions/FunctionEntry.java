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
 */
public record FunctionEntry(String name, String module, FunctionStatus status, int version, boolean network,
                            CallPolicy policy, ObjectNode spec, Effects effects, Effects approvedEffects) {
}
