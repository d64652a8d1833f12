package io.toolsmith.functions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The contents of a module's approval.json: decisions and call policies, keyed by function name, and the
 * functions the user deleted while other functions of the module stay (see {@link FunctionLibrary#delete}).
 */
record ApprovalFile(Map<String, FunctionApproval> functions, Map<String, CallPolicy> policies,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) TreeSet<String> deleted) {

    ApprovalFile {
        functions = new LinkedHashMap<>(functions == null ? Map.of() : functions);
        policies = new LinkedHashMap<>(policies == null ? Map.of() : policies);
        deleted = deleted == null ? new TreeSet<>() : new TreeSet<>(deleted);
    }

    static ApprovalFile empty() {
        return new ApprovalFile(null, null, null);
    }

    /** The policy the user set, or null: then it follows the function's effects. */
    CallPolicy policy(String function) {
        return policies.get(function);
    }
}
