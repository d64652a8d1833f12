package io.toolsmith.ui.engine;

import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The window's chats, loaded once and shared by the chat list and the turn loop, so a rename while a turn
 * runs is saved together with the turn's messages instead of being overwritten by them. Thread-safe.
 */
final class OpenConversations {
    private final ConversationStore store;
    private final Map<String, Conversation> loaded = new ConcurrentHashMap<>();

    OpenConversations(ConversationStore store) {
        this.store = store;
    }

    ConversationStore store() {
        return store;
    }

    /** The chat with this id, read from its file on first use; a chat without a file starts empty. */
    Conversation get(String id) throws UserFacingException {
        Conversation known = loaded.get(id);
        if (known != null) {
            return known;
        }
        Conversation fresh = Conversation.create(null);
        fresh.id = id;
        var file = store.fileOf(fresh);
        Conversation read = Files.exists(file) ? ConversationStore.load(file) : fresh;
        read.id = id;
        Conversation raced = loaded.putIfAbsent(id, read);
        return raced == null ? read : raced;
    }

    void put(Conversation conversation) {
        loaded.put(conversation.id, conversation);
    }

    void forget(String id) {
        loaded.remove(id);
    }

    void save(Conversation conversation) throws UserFacingException {
        store.save(conversation);
    }
}
