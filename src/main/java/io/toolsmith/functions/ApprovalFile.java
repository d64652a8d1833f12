package io.toolsmith.functions;

import java.util.LinkedHashMap;
import java.util.Map;

/** The contents of a module's approval.json: decisions and call policies, keyed by function name. */
record ApprovalFile(Map<String, FunctionApproval> functions, Map<String, CallPolicy> policies) {

    ApprovalFile {
        functions = new LinkedHashMap<>(functions == null ? Map.of() : functions);
        policies = new LinkedHashMap<>(policies == null ? Map.of() : policies);
    }

    static ApprovalFile empty() {
        return new ApprovalFile(null, null);
    }

    CallPolicy policy(String function) {
        return policies.getOrDefault(function, CallPolicy.AUTO);
    }
}
