package io.toolsmith.sandbox;

/** An error raised by a function (or by the sandbox on its behalf): class name, message, Python traceback. */
public record ErrorInfo(String name, String message, String traceback) {

    public static ErrorInfo of(String name, String message) {
        return new ErrorInfo(name, message, "");
    }
}
