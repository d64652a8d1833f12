package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything known about one function at one moment, read from its module folder.
 *
 * @param code     the module's code when it defines this function, else null
 * @param analysis the analysis of that code, else null
 * @param approval the recorded decision, or null
 * @param policy   the policy the user set, or null for the default that follows the effects
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
            // Effects the approval did not name are a change too: the user approves again, knowing them.
            return current && approval.covers(effects()) ? FunctionStatus.APPROVED : FunctionStatus.CHANGED;
        }
        return current ? FunctionStatus.REJECTED : FunctionStatus.PENDING;
    }

    String approvalHash() {
        return approval == null ? null : approval.approvalHash();
    }

    /** What the checks derive from the current code (every effect when there is no analysis to go by). */
    Effects effects() {
        return effectsReport().effects();
    }

    CodeAnalysis.FunctionEffects effectsReport() {
        return analysis == null ? new CodeAnalysis.FunctionEffects(Effects.ALL, null) : analysis.effectsOf(name);
    }

    /** What calls may do: the approved effects while approved, else (Run once) what the code shows. */
    Effects callEffects() {
        return approval != null && approval.approved() ? approval.approvedEffects(effects()) : effects();
    }

    CallPolicy effectivePolicy() {
        return policy != null ? policy : callEffects().defaultPolicy();
    }

    FunctionEntry entry() {
        boolean approved = approval != null && approval.approved();
        boolean network = approved && approval.approvedEffects(effects()).has(Effect.NETWORK);
        return new FunctionEntry(name, module.name(), status(), version, network, effectivePolicy(), spec, effects(),
                approved ? approval.approvedEffects(effects()) : null, policy != null);
    }
}
