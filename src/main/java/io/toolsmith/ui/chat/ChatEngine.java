package io.toolsmith.ui.chat;

import io.toolsmith.agent.CallDecision;
import io.toolsmith.conversation.ChatPreset;
import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.data.DataImport;
import io.toolsmith.util.Cancellation;
import java.nio.file.Path;
import java.util.function.Consumer;

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

    /**
     * The functions' data folder, whose files are read with its rules when the user attaches one (null: none).
     * Its files are the functions' and may be links to host files or named pipes.
     */
    default Path dataFolder() {
        return null;
    }

    /** Stops the conversation's running turn, if any (same as cancelling what send returned). */
    void cancel(String conversationId);

    /** The user's answer to a call that waits for a decision ({@link CallStatus#WAITING_FOR_APPROVAL}). */
    void decide(String conversationId, String callId, CallDecision decision);

    /**
     * What the calls {@code action} would drop changed in the data folder. Answers on any thread, exactly once: with
     * the preview, or with a sentence saying why there is none.
     */
    default void previewRewind(MessageAction action, Consumer<RewindPreview> preview, Consumer<String> failed) {
        preview.accept(RewindPreview.NONE);
    }

    /**
     * Does {@code action}: a regeneration or an edit then runs the turn again and reports it as {@link #send} does; a
     * deletion just ends. The listener ends with exactly one {@link TurnEvent.Finished}.
     */
    default Cancellation act(MessageAction action, TurnListener listener) {
        listener.on(new TurnEvent.Finished(TurnOutcome.FAILED, "This cannot be done here.", 0));
        return new Cancellation();
    }

    /**
     * Makes a new chat of the messages up to and including stored message {@code index} (whose text the window shows
     * as {@code expected}). Answers on any thread, exactly once.
     */
    default void fork(String conversationId, int index, String expected, Consumer<ChatSummary> forked,
                      Consumer<String> failed) {
        failed.accept("This chat cannot be forked here.");
    }

    /**
     * Saves the chat's own system prompt and options in its file; they apply from its next turn. {@code failed}
     * gets the sentence when it could not be saved, from any thread.
     */
    default void savePreset(String conversationId, ChatPreset preset, Consumer<String> failed) {
        failed.accept("This chat cannot keep options of its own.");
    }

    /**
     * Copies a file the user chose into the data folder, where functions can open it, doing {@code whenTaken} if its
     * name is in use there; {@code done} gets the name it was saved as (or that the name is in use, when asked),
     * {@code failed} the sentence; either from any thread.
     */
    default void copyToDataFolder(Path file, DataImport.WhenTaken whenTaken, Consumer<DataImport.Imported> done,
                                  Consumer<String> failed) {
        failed.accept("Files cannot be put in the data folder here.");
    }
}
