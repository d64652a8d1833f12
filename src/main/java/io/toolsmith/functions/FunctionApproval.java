package io.toolsmith.functions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The user's decision on one function, pinned to the exact code and spec it was made on.
 *
 * @param decision   "approved" or "rejected"
 * @param codeSha256 SHA-256 (hex) of the module's code.py at decision time
 * @param specSha256 SHA-256 (hex) of the function's spec file at decision time
 * @param version    the module version decided on (for diffs)
 * @param network    whether network access was granted (also in {@code effects}; kept so older versions read it)
 * @param effects    the effects approved: what the checks derived then, plus network when granted by hand;
 *                   null in approvals made before effects were derived (see {@link #approvedEffects})
 */
public record FunctionApproval(String decision, String codeSha256, String specSha256, Instant at, int version,
                               boolean network, @JsonInclude(JsonInclude.Include.NON_NULL) Effects effects) {
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";

    boolean approved() {
        return APPROVED.equals(decision);
    }

    boolean matches(String codeSha, String specSha) {
        return codeSha256 != null && codeSha256.equals(codeSha) && specSha256 != null && specSha256.equals(specSha);
    }

    /** Whether the decision was made on exactly this code and spec; null stands for "none" on either side. */
    boolean madeOn(String codeSha, String specSha) {
        return java.util.Objects.equals(codeSha256, codeSha) && java.util.Objects.equals(specSha256, specSha);
    }

    /**
     * What this approval lets calls do, given what the checks derive from the code now. An approval made before
     * effects were recorded approved whatever the code does, as the sandbox allowed then, except the network,
     * which it granted only with its {@code network} flag.
     */
    Effects approvedEffects(Effects derived) {
        if (effects != null) {
            return effects;
        }
        return network ? derived.plus(Effect.NETWORK) : derived.minus(Effect.NETWORK);
    }

    /** Whether the code may now do something this approval did not cover (e.g. after the checks learned more). */
    boolean covers(Effects derived) {
        return effects == null || effects.containsAll(derived);
    }

    /** One hash naming the approval a call ran under: SHA-256 of the code hash and the spec hash. */
    String approvalHash() {
        return Hashes.sha256(codeSha256 + "\n" + specSha256);
    }
}
