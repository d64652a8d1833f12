package io.toolsmith.ui.chat;

import java.util.Map;

/** What a running turn reports to the chat. Values only; safe to pass between threads. */
public sealed interface TurnEvent {

    /** A new message begins (the model's next reply, or the function results sent back to it). */
    record MessageStarted(MessageRole role) implements TurnEvent {
    }

    /** Text appended to the message begun last. */
    record TextDelta(String text) implements TurnEvent {
    }

    /**
     * A call's state changed. {@code arguments} keep the model's order; {@code result} is JSON text
     * when done; {@code error} is a sentence when it failed or was refused.
     */
    record CallUpdate(String callId, String function, Map<String, Object> arguments, CallStatus status,
                      String result, String error) implements TurnEvent {
    }

    /** A sentence about the reply just finished (it was cut off at the length limit), shown as a note in the chat. */
    record Note(String sentence) implements TurnEvent {
    }

    /**
     * The turn ended; {@code sentence} says why when it failed; tokens/s of the last reply (0 if unknown).
     * {@code resumable} is true when it failed after storing what it would send, so Continue can send it again
     * without running any call twice.
     */
    record Finished(TurnOutcome outcome, String sentence, double tokensPerSecond, boolean resumable) implements TurnEvent {
        public Finished(TurnOutcome outcome, String sentence, double tokensPerSecond) {
            this(outcome, sentence, tokensPerSecond, false);
        }
    }
}
