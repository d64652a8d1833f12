package io.toolsmith.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.agent.CallDecision;
import io.toolsmith.ui.chat.ChatEngine;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.chat.ChatViewModel;
import io.toolsmith.ui.chat.TurnListener;
import io.toolsmith.ui.chat.TurnRequest;
import io.toolsmith.ui.common.BackgroundExecutor;
import io.toolsmith.ui.common.PooledBackgroundExecutor;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.ui.fakes.FakeConversationStore;
import io.toolsmith.util.Cancellation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only a few chats stay open in the window; never the one on screen, never one whose reply is still coming. */
class ChatSessionsTest {
    /** A model that never finishes its reply, so a chat that sent stays busy. */
    private static final ChatEngine NEVER_DONE = new ChatEngine() {
        @Override
        public Cancellation send(TurnRequest request, TurnListener listener) {
            return new Cancellation();
        }

        @Override
        public void cancel(String conversationId) {
        }

        @Override
        public void decide(String conversationId, String callId, CallDecision decision) {
        }
    };

    @Test
    void theChatOpenedLongestAgoIsClosedUnlessItIsBusyOrOnScreen() {
        FakeConversationStore store = new FakeConversationStore();
        for (int i = 1; i <= ChatSessions.KEPT + 3; i++) {
            store.add("Chat " + i, List.of());
        }
        try (BackgroundExecutor background = new PooledBackgroundExecutor("test", 1, UiExecutor.sameThread())) {
            ChatSessions sessions = new ChatSessions(NEVER_DONE, store, background, UiExecutor.sameThread(), chat -> { });
            ChatViewModel busy = sessions.open("c1");
            busy.draftProperty().set("a long question");
            assertTrue(busy.send());
            assertEquals(ChatState.STREAMING, busy.state());
            ChatViewModel idle = sessions.open("c2");
            for (int i = 3; i <= ChatSessions.KEPT + 3; i++) {
                sessions.open("c" + i);
            }
            assertTrue(sessions.isOpen("c1"), "its reply is still coming");
            assertFalse(sessions.isOpen("c2"), "idle and opened longest ago");
            assertTrue(sessions.isOpen("c" + (ChatSessions.KEPT + 3)), "the chat on screen");
            assertSame(busy, sessions.open("c1"));
            assertNotSame(idle, sessions.open("c2"), "opened again, loaded again");
        }
    }
}
