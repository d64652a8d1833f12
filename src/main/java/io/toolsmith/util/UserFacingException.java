package io.toolsmith.util;

/**
 * A failure whose message is a complete sentence for the user: what happened and what to do.
 * Shown as is in the window and on the terminal; the cause is only shown with --debug.
 */
public class UserFacingException extends Exception {
    public UserFacingException(String sentence) {
        super(sentence);
    }

    public UserFacingException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
