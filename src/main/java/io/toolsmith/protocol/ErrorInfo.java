package io.toolsmith.protocol;

/** The error part of a function_output: the exception's name and its message. */
public record ErrorInfo(String name, String message) {
}
