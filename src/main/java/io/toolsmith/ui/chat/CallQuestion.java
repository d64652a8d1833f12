package io.toolsmith.ui.chat;

import io.toolsmith.functions.CallPermit;
import io.toolsmith.functions.Review;

/**
 * What a call that waits for the user asks about: whether the function is approved and only confirms this call
 * ({@link CallPermit.Kind#ASK}) or is not approved ({@link CallPermit.Kind#NOT_APPROVED}), and the function as the
 * library has it at the moment of asking, so the card shows the checks and the code the answer is about. Values only.
 *
 * @param review the function's code, spec and checks; null when the library could not read it
 */
public record CallQuestion(CallPermit.Kind kind, Review review) {

    /** True for an approved function set to ask before every call: the card asks for a confirmation. */
    public boolean confirmsApproved() {
        return kind == CallPermit.Kind.ASK;
    }
}
