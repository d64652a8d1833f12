package io.toolsmith.ui.common;

import io.toolsmith.util.UserFacingException;

/** Turns a failure into the sentence the window shows (no stack traces in the window). */
public final class Sentences {
    private Sentences() {
    }

    public static String of(Throwable error) {
        Throwable t = error;
        while (t != null) {
            if (t instanceof UserFacingException) {
                return t.getMessage();
            }
            t = t.getCause();
        }
        String message = error.getMessage();
        return "Something went wrong: " + (message == null ? error.getClass().getSimpleName() : message)
                + ". The details are in the log file.";
    }
}
