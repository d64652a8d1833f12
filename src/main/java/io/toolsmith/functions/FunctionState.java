package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything known about one function at one moment, read from its module folder.
 *
 * @param code     the module's code when it defines this function, else null
 * @param analysis the analysis of that code, else null
 * @param approval the recorded decision, or null
 */
record FunctionState(ModuleDir module, String name, String code, CodeAnalysis analysis, ObjectNode spec,
                     String specSha256, FunctionApproval approval, CallPolicy policy, int version) {

    FunctionStatus status() {
        // A rejection counts for what it was made on, even a spec without code or code without a spec,
        // so rejecting a half-finished function is visible at once; new code or a new spec reopens it.
        if (approval != null && !approval.approved() && approval.madeOn(Hashes.sha256(code), specSha256)) {
            return FunctionStatus.REJECTED;
        }
        if (code == null) {
            return FunctionStatus.NEEDS_CODE;
        }
        if (spec == null) {
            return FunctionStatus.NEEDS_SPEC;
        }
        if (approval == null) {
            return FunctionStatus.PENDING;
        }
        boolean current = approval.matches(Hashes.sha256(code), specSha256);
        if (approval.approved()) {
            return current ? FunctionStatus.APPROVED : FunctionStatus.CHANGED;
        }
        return current ? FunctionStatus.REJECTED : FunctionStatus.PENDING;
    }

    String approvalHash() {
        return approval == null ? null : approval.approvalHash();
    }

    FunctionEntry entry() {
        boolean network = approval != null && approval.approved() && approval.network();
        return new FunctionEntry(name, module.name(), status(), version, network, policy, spec);
    }
}
