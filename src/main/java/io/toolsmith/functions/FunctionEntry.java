package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One function of the library as the user sees it in a list.
 *
 * @param version the module's current version (1 for the first code block)
 * @param network whether the current approval grants network access
 * @param spec    the function's spec, or null when it has none yet
 */
public record FunctionEntry(String name, String module, FunctionStatus status, int version, boolean network,
                            CallPolicy policy, ObjectNode spec) {
}
