package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.app.Engine;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.ConversationTurnProcess;
import io.toolsmith.conversation.Message;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.chat.TurnOutcome;
import io.toolsmith.ui.chat.TurnRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window and a second Toolsmith process on one chat file: while the other holds the chat, the window's turn is
 * refused with a sentence and sends nothing; after the other saved its turn, the window's next turn starts from the
 * file (not from the copy it had open), so neither turn is lost.
 */
class WindowChatLockTest {
    @TempDir
    Path home;

    @Test
    void aTurnOfAnotherProcessIsNeitherInterruptedNorOverwritten() throws Exception {
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            EngineChat chat = new EngineChat(engine, new OpenConversations(engine.conversations()), () -> { }, () -> { });
            try {
                ollama.enqueueReply("Hi.");
                assertEquals(TurnOutcome.COMPLETED, send(chat, "first").outcome());
                Path file = engine.conversations().fileOf("c1");

                Process other = ConversationTurnProcess.startHolding(file, "the other turn");
                TurnEvent.Finished busy = send(chat, "my turn");
                assertEquals(TurnOutcome.FAILED, busy.outcome());
                assertTrue(busy.sentence().startsWith("This conversation is being written by another Toolsmith; "
                        + "try again when it finishes"), busy.sentence());
                assertEquals(1, ollama.chatRequests().size(), "nothing was sent while the other process held the chat");

                assertEquals(0, ConversationTurnProcess.finish(other));
                ollama.enqueueReply("Hello again.");
                assertEquals(TurnOutcome.COMPLETED, send(chat, "my turn").outcome());
                assertEquals(List.of("first", "Hi.", "the other turn", "my turn", "Hello again."),
                        ConversationStore.load(file).messages().stream().map(Message::content).toList());
                String sent = ollama.chatRequests().get(1).get("messages").toString();
                assertTrue(sent.contains("the other turn"), "the model saw the other process's turn: " + sent);
            } finally {
                chat.close();
            }
        }
    }

    private static TurnEvent.Finished send(EngineChat chat, String text) throws InterruptedException {
        BlockingQueue<TurnEvent> events = new LinkedBlockingQueue<>();
        assertNotNull(chat.send(new TurnRequest("c1", "qwen3:8b", text, List.of()), events::add));
        while (true) {
            TurnEvent next = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(next, "the turn did not finish within 30 s");
            if (next instanceof TurnEvent.Finished finished) {
                return finished;
            }
        }
    }
}
