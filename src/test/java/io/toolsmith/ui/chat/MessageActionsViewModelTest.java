package io.toolsmith.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.agent.CallDecision;
import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.util.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The chat's side of the message actions without a toolkit: what the view shows at once, what it asks the engine
 * (the message's place among the stored messages, the text shown), and the question about the data.
 */
class MessageActionsViewModelTest {
    private final ActingEngine engine = new ActingEngine();
    private final ChatViewModel chat = new ChatViewModel("c1", engine, UiExecutor.sameThread());
    private final List<RewindPreview> asked = new ArrayList<>();
    private Optional<Boolean> answer = Optional.of(false);

    /** Answers previews with {@link #preview} and records the actions; the test plays the turn's events. */
    static final class ActingEngine implements ChatEngine {
        final List<MessageAction> actions = new ArrayList<>();
        TurnListener listener;
        RewindPreview preview = RewindPreview.NONE;

        @Override
        public Cancellation send(TurnRequest request, TurnListener l) {
            listener = l;
            return new Cancellation();
        }

        @Override
        public void cancel(String conversationId) {
        }

        @Override
        public void decide(String conversationId, String callId, CallDecision decision) {
        }

        @Override
        public void previewRewind(MessageAction action, Consumer<RewindPreview> done, Consumer<String> failed) {
            done.accept(preview);
        }

        @Override
        public Cancellation act(MessageAction action, TurnListener l) {
            actions.add(action);
            listener = l;
            return new Cancellation();
        }
    }

    private MessageViewModel message(MessageRole role, String text) {
        return new MessageViewModel("c1", role, text, List.of());
    }

    /** A chat with a note the window added between stored messages, and a problem at the end. */
    private void history() {
        chat.setHistory(List.of(message(MessageRole.USER, "first"), message(MessageRole.ASSISTANT, "one"),
                message(MessageRole.NOTE, "cut off"), message(MessageRole.USER, "second"),
                message(MessageRole.ASSISTANT, "calling"), message(MessageRole.FUNCTION_RESULTS, "out"),
                message(MessageRole.ASSISTANT, "done"), message(MessageRole.ERROR, "a problem")));
        chat.setRewindQuestion((action, preview, reply) -> {
            asked.add(preview);
            reply.accept(answer);
        });
    }

    @Test
    void regenerateShowsTheChatUpToTheLastMessageAndRunsTheTurnAgain() {
        history();
        assertTrue(chat.isInLastTurn(chat.messages().get(4)));
        assertFalse(chat.isInLastTurn(chat.messages().get(1)));
        assertTrue(chat.regenerate());
        assertEquals(MessageAction.Kind.REGENERATE, engine.actions.get(0).kind());
        assertFalse(engine.actions.get(0).restoreData());
        assertEquals(List.of("first", "one", "cut off", "second"), chat.messages().stream().map(MessageViewModel::text).toList());
        assertEquals(ChatState.STREAMING, chat.state());
        assertFalse(chat.regenerate(), "nothing else while the turn runs");
        engine.listener.on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        engine.listener.on(new TurnEvent.TextDelta("again"));
        engine.listener.on(new TurnEvent.Finished(TurnOutcome.COMPLETED, null, 0));
        assertEquals("again", chat.messages().get(4).text());
        assertEquals(ChatState.IDLE, chat.state());
    }

    @Test
    void editNamesTheStoredMessageAndSendReplacesItAndWhatFollowed() {
        history();
        MessageViewModel second = chat.messages().get(3);
        assertFalse(chat.beginEdit(chat.messages().get(1)), "only the user's own messages are edited");
        assertTrue(chat.beginEdit(second));
        assertEquals(second, chat.editingProperty().get());
        assertEquals("second", chat.draftProperty().get());
        chat.cancelEdit();
        assertNull(chat.editingProperty().get());
        assertEquals("", chat.draftProperty().get());

        chat.beginEdit(second);
        chat.draftProperty().set("second, edited");
        assertTrue(chat.send());
        MessageAction sent = engine.actions.get(0);
        assertEquals(MessageAction.Kind.EDIT, sent.kind());
        assertEquals(2, sent.index(), "the note is the window's own: the chat stores it at 2");
        assertEquals("second", sent.expected());
        assertEquals("second, edited", sent.text());
        assertEquals(List.of("first", "one", "cut off", "second, edited"),
                chat.messages().stream().map(MessageViewModel::text).toList());
        assertNull(chat.editingProperty().get());
    }

    @Test
    void deletingAReplyTakesItsResultsAndTheDataQuestionComesFirst() {
        history();
        engine.preview = new RewindPreview(List.of("log.pkl +1 record"));
        answer = Optional.empty();
        assertTrue(chat.delete(chat.messages().get(4)));
        assertEquals(List.of(engine.preview), asked);
        assertTrue(engine.actions.isEmpty(), "cancelled in the dialog: nothing done");
        assertEquals(8, chat.messages().size());

        answer = Optional.of(true);
        assertFalse(chat.delete(chat.messages().get(5)), "results go with their reply, not alone");
        assertTrue(chat.delete(chat.messages().get(4)));
        MessageAction delete = engine.actions.get(0);
        assertEquals(MessageAction.Kind.DELETE, delete.kind());
        assertEquals(3, delete.index());
        assertTrue(delete.restoreData(), "the box was ticked");
        assertEquals(List.of("first", "one", "cut off", "second", "done", "a problem"),
                chat.messages().stream().map(MessageViewModel::text).toList());
        engine.listener.on(new TurnEvent.Finished(TurnOutcome.COMPLETED, null, 0));
        assertEquals(ChatState.IDLE, chat.state());
    }
}
