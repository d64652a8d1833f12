package io.toolsmith.protocol;

/**
 * One fenced code block of a reply: its label (the first word of the info string, lower case), its text,
 * and the 1-based line of its opening fence. {@code closed} is false when the reply ended inside the block.
 */
public record Block(String label, String content, int startLine, boolean closed) {
    public Block(String label, String content, int startLine) {
        this(label, content, startLine, true);
    }
}
