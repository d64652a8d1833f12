package io.toolsmith.functions;

import java.time.Instant;

/**
 * The user's decision on one function, pinned to the exact code and spec it was made on.
 *
 * @param decision   "approved" or "rejected"
 * @param codeSha256 SHA-256 (hex) of the module's code.py at decision time
 * @param specSha256 SHA-256 (hex) of the function's spec file at decision time
 * @param version    the module version decided on (for diffs)
 * @param network    whether network access was granted
 */
public record FunctionApproval(String decision, String codeSha256, String specSha256, Instant at, int version,
                               boolean network) {
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

    /** One hash naming the approval a call ran under: SHA-256 of the code hash and the spec hash. */
    String approvalHash() {
        return Hashes.sha256(codeSha256 + "\n" + specSha256);
    }
}
