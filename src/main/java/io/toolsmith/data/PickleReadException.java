package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;

/** A data file that cannot be shown: not a pickle, truncated, corrupt, too large or unreadable. */
public final class PickleReadException extends UserFacingException {
    public PickleReadException(String sentence) {
        super(sentence);
    }

    public PickleReadException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
