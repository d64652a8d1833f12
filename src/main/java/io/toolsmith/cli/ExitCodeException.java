package io.toolsmith.cli;

/** Ends a command with a sentence on stderr and a specific exit code (e.g. 2 for unreadable input). */
public final class ExitCodeException extends RuntimeException {
    private final int exitCode;

    public ExitCodeException(int exitCode, String sentence) {
        super(sentence);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
