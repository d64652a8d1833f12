package io.toolsmith.functions;

import java.time.Instant;

/**
 * One stored version of a function: its module's code and the function's spec as they were saved.
 *
 * @param number   the module's version number (1 for the first code block)
 * @param savedAt  when the version was stored
 * @param hash     what an approval of this version pins: SHA-256 of "codeSha256\nspecSha256" (as in permits)
 * @param decision what the user decided on exactly this code and spec: "approved", "rejected" or "undecided"
 * @param current  whether the function's code and spec are exactly this version's now
 * @param hasSpec  whether the version holds the function's spec (a spec may arrive after its code)
 */
public record FunctionVersion(int number, Instant savedAt, String hash, String decision, boolean current,
                              boolean hasSpec) {
    public static final String UNDECIDED = "undecided";

    /** The first twelve hex digits: enough to tell versions apart in a list. */
    public String shortHash() {
        return hash.substring(0, Math.min(12, hash.length()));
    }
}
