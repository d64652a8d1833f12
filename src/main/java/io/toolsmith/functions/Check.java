package io.toolsmith.functions;

/**
 * One finding shown at review time.
 *
 * @param where a JSON pointer into the spec ("/examples/0"), "line N" in the code, or "" for the whole function
 */
public record Check(Severity severity, String where, String message) {

    public enum Severity { ERROR, WARNING }

    public static Check error(String where, String message) {
        return new Check(Severity.ERROR, where, message);
    }

    public static Check warning(String where, String message) {
        return new Check(Severity.WARNING, where, message);
    }

    @Override
    public String toString() {
        return (severity == Severity.ERROR ? "error" : "warning") + (where.isEmpty() ? "" : " " + where) + ": " + message;
    }
}
