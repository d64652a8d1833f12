package io.toolsmith.sandbox;

import io.toolsmith.util.UserFacingException;

/** The sandbox could not do what was asked; the message is a sentence for the user. */
public final class SandboxException extends UserFacingException {
    public SandboxException(String sentence) {
        super(sentence);
    }

    public SandboxException(String sentence, Throwable cause) {
        super(sentence, cause);
    }

    /** For a call that reaches a sandbox after it was closed (the app quitting while the call was on its way). */
    static SandboxException shutDown() {
        return new SandboxException("The sandbox has been shut down, so nothing more runs in it.");
    }
}
