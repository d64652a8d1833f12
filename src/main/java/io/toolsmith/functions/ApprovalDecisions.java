package io.toolsmith.functions;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.time.Instant;

/**
 * The user's decisions in a module's approval.json: approve (with the effects the checks derive plus those granted by
 * hand), reject, revoke, and the call policy. Not thread-safe; {@link FunctionLibrary} serializes.
 */
final class ApprovalDecisions {
    private final LibraryFolder folder;

    ApprovalDecisions(LibraryFolder folder) {
        this.folder = folder;
    }

    void approve(String name, Effects granted) throws UserFacingException {
        FunctionState state = FunctionLookup.existing(folder, name);
        if (state.code() == null) {
            throw new UserFacingException(name + " has a spec but no code yet, so there is nothing to approve.");
        }
        if (state.spec() == null) {
            throw new UserFacingException(name + " has no spec yet; ask the model to write its function_spec, "
                    + "then approve it.");
        }
        CodeAnalysis analysis = folder.analyzeStrictly(state.code());
        if (!analysis.parses()) {
            var error = analysis.syntaxErrors().get(0);
            throw new UserFacingException(name + " cannot be approved: its code has a syntax error at line "
                    + error.line() + " (" + error.message() + "). Ask the model to fix the code.");
        }
        // The approval names what the code may do, as the checks see it now, plus what the user granted by hand;
        // a later change of those effects makes the function "changed" again.
        Effects effects = analysis.effectsOf(name).effects();
        for (Effect effect : granted.list()) {
            effects = effects.plus(effect);
        }
        decide(state, FunctionApproval.APPROVED, effects);
    }

    void reject(String name) throws UserFacingException {
        decide(FunctionLookup.existing(folder, name), FunctionApproval.REJECTED, null);
    }

    void revoke(String name) throws UserFacingException {
        FunctionState state = FunctionLookup.existing(folder, name);
        ApprovalFile approvals = state.module().approvals();
        if (approvals.functions().remove(name) == null) {
            throw new UserFacingException(name + " has not been approved or rejected, so there is nothing to revoke.");
        }
        save(state.module(), approvals);
    }

    void setPolicy(String name, CallPolicy policy) throws UserFacingException {
        FunctionState state = FunctionLookup.existing(folder, name);
        ApprovalFile approvals = state.module().approvals();
        if (policy == null) {
            approvals.policies().remove(name);
        } else {
            approvals.policies().put(name, policy);
        }
        save(state.module(), approvals);
    }

    private static void decide(FunctionState state, String decision, Effects effects) throws UserFacingException {
        ModuleDir module = state.module();
        ApprovalFile approvals = module.approvals();
        approvals.functions().put(state.name(), new FunctionApproval(decision, Hashes.sha256(state.code()),
                state.specSha256(), Instant.now(), module.currentVersion(),
                effects != null && effects.has(Effect.NETWORK), effects));
        save(module, approvals);
    }

    /** Writes the module's approval.json; a failure is a sentence naming the folder. */
    static void save(ModuleDir module, ApprovalFile approvals) throws UserFacingException {
        try {
            module.writeApprovals(approvals);
        } catch (IOException e) {
            throw new UserFacingException("The decision could not be saved in " + module.dir() + ": "
                    + e.getMessage(), e);
        }
    }
}
