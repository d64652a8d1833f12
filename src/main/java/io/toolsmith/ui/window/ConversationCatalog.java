package io.toolsmith.ui.window;

import io.toolsmith.conversation.ChatHit;
import io.toolsmith.conversation.ChatPreset;
import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.conversation.Message;
import io.toolsmith.conversation.PromptCount;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Path;
import java.util.List;

/**
 * Seam to the engine's chats, speaking the engine's own {@link ChatSummary} and {@link Message}. Blocking: called on
 * the background executor. Failures are {@link io.toolsmith.util.UserFacingException}s with a sentence.
 */
public interface ConversationCatalog {

    /** All chats, newest first. */
    List<ChatSummary> list() throws UserFacingException;

    ChatSummary create(String title) throws UserFacingException;

    void rename(String id, String title) throws UserFacingException;

    /** Deletes a chat so that {@link #restore} can still bring it back (the snackbar's Undo). */
    void delete(String id) throws UserFacingException;

    void restore(String id) throws UserFacingException;

    /** The chat's messages as saved, oldest first; each model reply carries its calls' final outcomes. */
    List<Message> messages(String id) throws UserFacingException;

    /**
     * The files to show a message's images from: a chat keeps them as base64, as they are sent to the model. An image
     * that cannot be written is left out (and logged), so it never hides the chat.
     */
    List<Path> images(Message message);

    /**
     * True when the chat's last request failed after storing what it sends (the message, or function results), so
     * Continue can send it again, also after a restart.
     */
    default boolean canContinue(String id) throws UserFacingException {
        return false;
    }

    /** The server's count of the chat's latest request, for the context meter; null when none was counted. */
    default PromptCount lastPrompt(String id) throws UserFacingException {
        return null;
    }

    /** The chat's own system prompt and options ({@link ChatPreset#NONE} when it has none). */
    default ChatPreset preset(String id) throws UserFacingException {
        return ChatPreset.NONE;
    }

    /**
     * The chats, newest first and at most {@code limit}, that have a message containing {@code query} (ignoring case),
     * each with a line around the first match; none when the catalog cannot search messages.
     */
    default List<ChatHit> search(String query, int limit) throws UserFacingException {
        return List.of();
    }

    void export(String id, ExportFormat format, Path target) throws UserFacingException;

    enum ExportFormat { MARKDOWN, JSON }
}
