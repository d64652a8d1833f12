package io.toolsmith.ui.chat;

import io.toolsmith.agent.CallDecision;
import io.toolsmith.util.Cancellation;

/**
 * The seam between the chat view and the engine's turn loop. An adapter over the agent package
 * implements it; the window never sees the engine's own types.
 *
 * <p>Threading: every method is called on the FX thread and must return at once. The engine
 * works on its own threads and reports through {@code listener}, from any thread, in order.
 */
public interface ChatEngine {

    /**
     * Starts one user turn: the user's text (and image files, for vision models) goes to the named model,
     * calls run, and the loop repeats until a reply has no calls. Returns the turn's cancellation,
     * which the Stop button triggers. The listener ends with exactly one {@link TurnEvent.Finished}.
     */
    Cancellation send(TurnRequest request, TurnListener listener);

    /** Stops the conversation's running turn, if any (same as cancelling what send returned). */
    void cancel(String conversationId);

    /** The user's answer to a call that waits for a decision ({@link CallStatus#WAITING_FOR_APPROVAL}). */
    void decide(String conversationId, String callId, CallDecision decision);
}
