package io.toolsmith.ui.engine;

import io.toolsmith.conversation.ConversationSession;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.util.UserFacingException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The window's open chats: one {@link ConversationSession} per chat, shared by the chat list and the turn loop, so a
 * rename while a turn runs goes through the same owner as the turn's messages. At most {@link #KEPT} chats stay in
 * memory; the one used longest ago goes first, never one whose turn runs or the one in view (it is read again from
 * its file when next used). Thread-safe.
 */
final class OpenConversations {
    /** Enough for the chats someone switches between; each may hold a long history with images. */
    static final int KEPT = 8;
    private final ConversationStore store;
    private final int kept;
    /** In access order: the first is the chat used longest ago. Guarded by this. */
    private final LinkedHashMap<String, ConversationSession> loaded = new LinkedHashMap<>(16, 0.75f, true);
    private String inView;

    OpenConversations(ConversationStore store) {
        this(store, KEPT);
    }

    OpenConversations(ConversationStore store, int kept) {
        this.store = store;
        this.kept = kept;
    }

    ConversationStore store() {
        return store;
    }

    /** The session of the chat with this id, read from its file on first use; a chat without a file starts empty. */
    synchronized ConversationSession get(String id) throws UserFacingException {
        ConversationSession known = loaded.get(id);
        if (known != null) {
            return known;
        }
        ConversationSession session = store.session(id);
        put(session);
        return session;
    }

    /** The chat on screen, kept loaded whatever else is opened. */
    synchronized ConversationSession view(String id) throws UserFacingException {
        inView = id;
        return get(id);
    }

    synchronized void put(ConversationSession session) {
        loaded.put(session.id(), session);
        evict();
    }

    synchronized void forget(String id) {
        loaded.remove(id);
    }

    synchronized boolean isLoaded(String id) {
        return loaded.containsKey(id);
    }

    private void evict() {
        Iterator<Map.Entry<String, ConversationSession>> oldestFirst = loaded.entrySet().iterator();
        int over = loaded.size() - kept;
        while (over > 0 && oldestFirst.hasNext()) {
            Map.Entry<String, ConversationSession> entry = oldestFirst.next();
            if (!entry.getKey().equals(inView) && !entry.getValue().inTurn()) {
                oldestFirst.remove();
                over--;
            }
        }
    }
}
