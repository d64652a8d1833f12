package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.conversation.ConversationSession;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.Message;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At most a few chats stay loaded; the chat in view and a chat whose turn runs are never the ones let go. */
class OpenConversationsTest {
    @TempDir
    Path home;

    private ConversationStore store() {
        return new ConversationStore(home.resolve("conversations"), home.resolve("chat-index.json"));
    }

    @Test
    void theChatUsedLongestAgoGoesButNotTheOneInView() throws Exception {
        OpenConversations open = new OpenConversations(store(), 2);
        ConversationSession inView = open.view("a");
        open.get("b");
        open.get("c");
        open.get("d");
        assertTrue(open.isLoaded("a"), "the chat in view stays");
        assertFalse(open.isLoaded("b"));
        assertFalse(open.isLoaded("c"));
        assertTrue(open.isLoaded("d"));
        assertSame(inView, open.get("a"));
    }

    @Test
    void aChatWhoseTurnRunsStaysAndALetGoChatIsReadAgainFromItsFile() throws Exception {
        OpenConversations open = new OpenConversations(store(), 1);
        ConversationSession busy = open.get("a");
        try (ConversationSession.Turn turn = busy.beginTurn()) {
            busy.add(Message.user("still running", List.of()));
            busy.save();
            open.get("b");
            open.get("c");
            assertTrue(open.isLoaded("a"), "a chat in a turn is not let go");
        }
        open.get("b");
        assertFalse(open.isLoaded("a"), "after its turn it can go like any other");
        ConversationSession reread = open.get("a");
        assertNotSame(busy, reread);
        assertEquals(List.of("still running"), reread.messages().stream().map(Message::content).toList());
    }
}
