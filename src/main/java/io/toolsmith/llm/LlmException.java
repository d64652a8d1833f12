package io.toolsmith.llm;

import io.toolsmith.util.UserFacingException;
import java.util.Optional;

/** A model server failure, worded for the user, with the part of the reply that arrived before it. */
public class LlmException extends UserFacingException {

    public enum Kind {
        /** Nothing answers at the address (refused, unknown host, connect timeout). */
        UNREACHABLE,
        /** The server does not have the model. */
        MODEL_NOT_FOUND,
        /** The server reported an error in the middle of a stream. */
        STREAM_ERROR,
        /** The stream ended before the server said it was done. */
        INCOMPLETE,
        /** The user stopped the operation. */
        CANCELLED,
        /** The conversation no longer fits in the model's context window. */
        CONTEXT_FULL,
        /** The server refused the request with an HTTP error status. */
        HTTP
    }

    private final Kind kind;
    private final transient ChatReply partial;

    public LlmException(Kind kind, String sentence) {
        this(kind, sentence, null, null);
    }

    public LlmException(Kind kind, String sentence, ChatReply partial, Throwable cause) {
        super(sentence, cause);
        this.kind = kind;
        this.partial = partial;
    }

    public Kind kind() {
        return kind;
    }

    /** The reply received before the failure (never complete), when any part of it had been streamed. */
    public Optional<ChatReply> partial() {
        return Optional.ofNullable(partial);
    }
}
