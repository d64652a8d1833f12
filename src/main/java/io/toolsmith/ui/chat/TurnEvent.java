package io.toolsmith.ui.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.agent.CallDecision;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.util.Json;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
     * when done; {@code error} is a sentence when it failed or was refused; {@code choices} are the answers the
     * engine accepts while the call waits for the user (empty otherwise); {@code question} what it waits for, with
     * the function as the library has it (null unless waiting).
     */
    record CallUpdate(String callId, String function, Map<String, Object> arguments, CallStatus status,
                      String result, String error, Set<CallDecision> choices, CallQuestion question)
            implements TurnEvent {
        public CallUpdate {
            choices = choices.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(choices));
        }

        /** A call that waits for the user without saying more about the function. */
        public CallUpdate(String callId, String function, Map<String, Object> arguments, CallStatus status,
                          String result, String error, Set<CallDecision> choices) {
            this(callId, function, arguments, status, result, error, choices, null);
        }

        /** A call that is not waiting for the user: there is nothing to choose. */
        public CallUpdate(String callId, String function, Map<String, Object> arguments, CallStatus status,
                          String result, String error) {
            this(callId, function, arguments, status, result, error, Set.of());
        }

        /** The same update, waiting on {@code question}. */
        public CallUpdate asking(CallQuestion question) {
            return new CallUpdate(callId, function, arguments, status, result, error, choices, question);
        }

        /** A finished call as its card shows it (from a running turn, or from a saved chat). */
        public static CallUpdate of(CallRecord record) {
            CallStatus status = switch (record.status()) {
                case OK -> CallStatus.DONE;
                case ERROR, MALFORMED -> CallStatus.ERROR;
                case NOT_APPROVED, DENIED -> CallStatus.REFUSED;
                case UNKNOWN_FUNCTION -> CallStatus.UNKNOWN_FUNCTION;
            };
            String result = record.ok() && record.result() != null ? record.result().toString() : null;
            String error = null;
            if (!record.ok()) {
                String message = record.errorMessage() == null ? "" : record.errorMessage();
                error = record.errorName() == null || record.errorName().isBlank() ? message
                        : record.errorName() + ": " + message;
            }
            return new CallUpdate(record.idText(), record.function(), arguments(record.arguments()), status, result,
                    error);
        }

        /** The model's arguments in the model's order; none when it wrote none. */
        @SuppressWarnings("unchecked")
        public static Map<String, Object> arguments(ObjectNode arguments) {
            return arguments == null ? new LinkedHashMap<>() : Json.MAPPER.convertValue(arguments, LinkedHashMap.class);
        }
    }

    /**
     * A sentence about the reply just finished (it was cut off at the length limit), shown as a note in the chat;
     * {@code offersContinue} when the reply was cut off, so Continue can ask the model for the rest.
     */
    record Note(String sentence, boolean offersContinue) implements TurnEvent {
        public Note(String sentence) {
            this(sentence, false);
        }
    }

    /**
     * How the turn's chat request ended for the server's health: the reply came, the server refused the request or
     * failed with an error of its own, the reply broke off, or nothing answered; with the failure's sentence. The
     * window's connection state follows it ({@link io.toolsmith.llm.ServerHealth}).
     */
    record ServerReached(io.toolsmith.llm.ServerHealth.ChatOutcome outcome, String sentence) implements TurnEvent {
        /** Reached (the reply came) or not (nothing answered). */
        public ServerReached(boolean reached, String sentence) {
            this(reached ? io.toolsmith.llm.ServerHealth.ChatOutcome.SUCCEEDED
                    : io.toolsmith.llm.ServerHealth.ChatOutcome.UNREACHABLE, sentence);
        }

        /** Whether the server answered at all. */
        public boolean reached() {
            return outcome.reached();
        }
    }

    /** The server counted {@code promptTokens} in the request just sent, of a context window of {@code window}. */
    record ContextUsed(long promptTokens, int window) implements TurnEvent {
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
