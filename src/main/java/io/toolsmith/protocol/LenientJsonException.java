package io.toolsmith.protocol;

/** JSON that could not be read even after the lenient repairs; the message is a sentence for the model or user. */
public final class LenientJsonException extends Exception {
    public LenientJsonException(String sentence) {
        super(sentence);
    }
}
