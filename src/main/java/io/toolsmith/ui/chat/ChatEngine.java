package io.toolsmith.ui.chat;

import io.toolsmith.agent.CallDecision;
import io.toolsmith.conversation.ChatPreset;
import io.toolsmith.data.DataImport;
import java.nio.file.Path;
import java.util.function.Consumer;
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

    /**
     * Saves the chat's own system prompt and options in its file; they apply from its next turn. {@code failed}
     * gets the sentence when it could not be saved, from any thread.
     */
    default void savePreset(String conversationId, ChatPreset preset, Consumer<String> failed) {
        failed.accept("This chat cannot keep options of its own.");
    }

    /**
     * Copies a file the user chose into the data folder, where functions can open it; {@code done} gets the name it
     * was saved as, {@code failed} the sentence; either from any thread.
     */
    default void copyToDataFolder(Path file, Consumer<DataImport.Imported> done, Consumer<String> failed) {
        failed.accept("Files cannot be put in the data folder here.");
    }
}
