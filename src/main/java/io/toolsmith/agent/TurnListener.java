package io.toolsmith.agent;

import io.toolsmith.context.ContextReport;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.Message;
import io.toolsmith.functions.CallPermit;
import io.toolsmith.protocol.FunctionCall;
import java.util.List;

/**
 * What a client (window or terminal) hears while a turn runs. Called on the agent's thread, except
 * {@link #replyDelta} and {@link #thinkingDelta}, which arrive on the HTTP thread; implementations hand
 * work to their own thread and return quickly. Every method has a no-op default.
 */
public interface TurnListener {

    /** The next request is ready: how it uses the context window, which functions it offers, what it left out. */
    default void requestComposed(ContextReport report) {
    }

    /**
     * The server's count of the prompt just sent: {@code promptTokens} in all, {@code processed} of them new to the
     * server (the rest came from its prompt cache; -1 when it does not say), in a window of {@code window} tokens.
     */
    default void promptCounted(long promptTokens, long processed, int window) {
    }

    /** A new model reply starts (step 1 is the answer to the user, later steps answer function outputs). */
    default void replyStarted(int step) {
    }

    default void replyDelta(String text) {
    }

    default void thinkingDelta(String text) {
    }

    /** The reply is complete and stored; its calls are about to run. */
    default void replyFinished(Message reply) {
    }

    /**
     * The reply just finished was ended by the server's length limit, not by the model; {@code sentence} says so
     * and what to do.
     */
    default void replyCutOff(String sentence) {
    }

    /** Python code or specs in the reply were added to the library, pending review. */
    default void functionsDiscovered(List<String> names) {
    }

    default void warning(String sentence) {
    }

    default void callStarted(FunctionCall call) {
    }

    default void callFinished(CallRecord record) {
    }

    /**
     * The call needs the user's word: the function is pending, or its policy asks every time.
     * Blocks the agent's thread until answered; the default asks nobody, so the call does not run and the model is
     * told that it needs the user's approval or confirmation (what a non-interactive client wants).
     */
    default CallDecision decide(FunctionCall call, CallPermit permit) {
        return CallDecision.NOT_ASKED;
    }

    /** The app's function outputs were stored and are about to be sent back to the model. */
    default void outputsSent(Message outputs) {
    }
}
