package io.toolsmith.protocol;

/** A tool_code block that is not one plain call with literal keyword arguments; the message says what to write instead. */
public final class ToolCodeException extends Exception {
    public ToolCodeException(String sentence) {
        super(sentence);
    }
}
