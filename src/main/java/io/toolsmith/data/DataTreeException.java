package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;

/**
 * The data folder holds something Toolsmith will not handle (a link where a file or folder was expected, a file
 * it cannot read, a name it cannot keep, too many entries). The sentence names the entry; {@link #path()} is
 * its exact path inside the folder, or null when the folder as a whole is the problem.
 */
public final class DataTreeException extends UserFacingException {
    private final String path;

    public DataTreeException(String path, String sentence) {
        super(sentence);
        this.path = path;
    }

    public DataTreeException(String path, String sentence, Throwable cause) {
        super(sentence, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
