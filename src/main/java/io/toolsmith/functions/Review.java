package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Everything the user needs to decide on one function: its code and spec, the checks computed without
 * running the code, and, when it changed since approval, a unified diff against the approved version.
 *
 * @param code the module's current code, or null for a spec without code
 * @param spec the function's spec, or null when it has none
 * @param diff empty unless the status is CHANGED
 * @param tested whether the spec's examples passed on exactly this code and spec
 */
public record Review(FunctionEntry entry, String code, ObjectNode spec, CodeAnalysis analysis, List<Check> checks,
                     String diff, boolean tested) {

    /** A review of a function whose examples have not passed on it. */
    public Review(FunctionEntry entry, String code, ObjectNode spec, CodeAnalysis analysis, List<Check> checks,
                  String diff) {
        this(entry, code, spec, analysis, checks, diff, false);
    }

    public boolean hasErrors() {
        return checks.stream().anyMatch(c -> c.severity() == Check.Severity.ERROR);
    }
}
