package io.toolsmith.ui.chat;

import io.toolsmith.agent.CallDecision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.ui.common.UiExecutor;
import io.toolsmith.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat's state machine without a toolkit: events are delivered on the calling thread. */
class ChatViewModelTest {
    private final FakeManualEngine engine = new FakeManualEngine();
    private final ChatViewModel chat = new ChatViewModel("c1", engine, UiExecutor.sameThread());

    /** Stands in for the model: the test plays the engine's events by hand. */
    static final class FakeManualEngine implements ChatEngine {
        final List<TurnRequest> requests = new ArrayList<>();
        final List<TurnListener> listeners = new ArrayList<>();
        final List<String> decisions = new ArrayList<>();
        Cancellation last;

        @Override
        public Cancellation send(TurnRequest request, TurnListener listener) {
            requests.add(request);
            listeners.add(listener);
            last = new Cancellation();
            return last;
        }

        @Override
        public void cancel(String conversationId) {
        }

        @Override
        public void decide(String conversationId, String callId, CallDecision decision) {
            decisions.add(callId + ":" + decision);
        }

        TurnListener current() {
            return listeners.get(listeners.size() - 1);
        }
    }

    @Test
    void sendStreamsIntoOneAssistantMessageAndEndsIdle() {
        chat.modelProperty().set("gemma3:12b");
        chat.draftProperty().set("  Hello  ");
        assertTrue(chat.send());
        assertEquals(ChatState.STREAMING, chat.state());
        assertEquals("", chat.draftProperty().get());
        assertEquals(new TurnRequest("c1", "gemma3:12b", "Hello", List.of()), engine.requests.get(0));
        TurnListener l = engine.current();
        l.on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        l.on(new TurnEvent.TextDelta("Hel"));
        l.on(new TurnEvent.TextDelta("lo!"));
        assertEquals(2, chat.messages().size());
        assertEquals("Hello!", chat.messages().get(1).text());
        assertTrue(chat.messages().get(1).streamingProperty().get());
        l.on(new TurnEvent.Finished(TurnOutcome.COMPLETED, null, 31.5));
        assertEquals(ChatState.IDLE, chat.state());
        assertFalse(chat.messages().get(1).streamingProperty().get());
        assertEquals(31.5, chat.lastTokensPerSecondProperty().get());
    }

    @Test
    void nothingIsSentWhenTheDraftIsBlankOrATurnRuns() {
        chat.draftProperty().set("   ");
        assertFalse(chat.send());
        chat.draftProperty().set("one");
        assertTrue(chat.send());
        chat.draftProperty().set("two");
        assertFalse(chat.send());
        assertEquals(1, engine.requests.size());
    }

    @Test
    void aCallIdUsedAgainInALaterReplyGetsAStateOfItsOwn() {
        chat.draftProperty().set("first");
        chat.send();
        TurnListener l = engine.current();
        l.on(new TurnEvent.TextDelta("```function_call\n{\"id\": \"1\", \"function\": \"f\", \"parameters\": {}}\n```"));
        l.on(new TurnEvent.CallUpdate("1", "f", Map.of(), CallStatus.DONE, "\"first\"", null));
        CallViewModel first = chat.call("1");
        l.on(new TurnEvent.MessageStarted(MessageRole.FUNCTION_RESULTS));
        l.on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        l.on(new TurnEvent.CallUpdate("1", "g", Map.of(), CallStatus.ERROR, null, "boom"));
        assertEquals("\"first\"", first.resultProperty().get(), "the earlier reply's card keeps its outcome");
        assertEquals(CallStatus.DONE, first.statusProperty().get());
        assertEquals(CallStatus.ERROR, chat.call("1").statusProperty().get());
        assertEquals(CallStatus.DONE, chat.messages().get(1).call("1").statusProperty().get());
    }

    @Test
    void aCallWaitingForTheUserIsCountedSoTheViewCanShowIt() {
        chat.draftProperty().set("record it");
        chat.send();
        TurnListener l = engine.current();
        l.on(new TurnEvent.CallUpdate("call_1", "record_expense", Map.of(), CallStatus.RUNNING, null, null));
        assertEquals(0, chat.decisionsAskedProperty().get());
        l.on(new TurnEvent.CallUpdate("call_2", "list_expenses", Map.of(), CallStatus.WAITING_FOR_APPROVAL, null, null));
        assertEquals(1, chat.decisionsAskedProperty().get());
    }

    @Test
    void functionResultsStartTheirOwnMessageAndCallsUpdateTheirViewModel() {
        chat.draftProperty().set("record it");
        chat.send();
        TurnListener l = engine.current();
        l.on(new TurnEvent.TextDelta("calling"));
        l.on(new TurnEvent.CallUpdate("call_1", "record_expense", Map.of("amount", 300.0), CallStatus.RUNNING,
                null, null));
        CallViewModel call = chat.call("call_1");
        assertEquals(CallStatus.RUNNING, call.statusProperty().get());
        l.on(new TurnEvent.CallUpdate("call_1", "record_expense", Map.of(), CallStatus.DONE, "{\"count\": 1}", null));
        assertEquals("{\"count\": 1}", call.resultProperty().get());
        assertEquals(Map.of("amount", 300.0), call.argumentsProperty().get(), "empty arguments keep the known ones");
        l.on(new TurnEvent.MessageStarted(MessageRole.FUNCTION_RESULTS));
        l.on(new TurnEvent.TextDelta("```function_output\n{}\n```"));
        assertEquals(List.of(MessageRole.USER, MessageRole.ASSISTANT, MessageRole.FUNCTION_RESULTS),
                chat.messages().stream().map(MessageViewModel::role).toList());
        chat.decide("call_1", CallDecision.DENY);
        assertEquals(List.of("call_1:DENY"), engine.decisions);
    }

    @Test
    void stopCancelsTheTurnAndEventsOfAnOldTurnAreDropped() {
        chat.draftProperty().set("first");
        chat.send();
        TurnListener first = engine.current();
        chat.stop();
        assertEquals(ChatState.STOPPING, chat.state());
        assertTrue(engine.last.isCancelled());
        first.on(new TurnEvent.Finished(TurnOutcome.CANCELLED, null, 0));
        assertEquals(ChatState.IDLE, chat.state());
        chat.draftProperty().set("second");
        chat.send();
        first.on(new TurnEvent.TextDelta("late text from the first turn"));
        assertEquals(List.of("first", "second"), chat.messages().stream().map(MessageViewModel::text).toList());
    }

    @Test
    void aFailedTurnLeavesItsSentenceAsAProblemMessage() {
        chat.draftProperty().set("hi");
        chat.send();
        engine.current().on(new TurnEvent.Finished(TurnOutcome.FAILED,
                "Ollama is not running at http://127.0.0.1:11434. Start it with `ollama serve`.", 0));
        MessageViewModel last = chat.messages().get(chat.messages().size() - 1);
        assertEquals(MessageRole.ERROR, last.role());
        assertTrue(last.text().startsWith("Ollama is not running"));
        assertEquals(last.text(), chat.problemProperty().get());
        assertEquals(ChatState.IDLE, chat.state());
    }

    @Test
    void aTurnThatFailedAfterSavingWhatItSendsOffersContinueWhichSendsNoNewText() {
        chat.modelProperty().set("qwen2.5");
        chat.draftProperty().set("log 12 for food");
        chat.send();
        engine.current().on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        engine.current().on(new TurnEvent.TextDelta("It was"));
        engine.current().on(new TurnEvent.Finished(TurnOutcome.FAILED, "The reply broke off.", 0, true));
        assertTrue(chat.canContinueProperty().get());
        assertEquals("The reply broke off. " + ChatViewModel.CONTINUE_HINT, chat.problemProperty().get(),
                "the sentence points at Continue rather than at sending the message again");

        assertTrue(chat.continueTurn());

        assertEquals(List.of(MessageRole.USER, MessageRole.ERROR), chat.messages().stream().map(MessageViewModel::role)
                .toList(), "no new user message, and the broken-off reply is asked for again, so it is not shown twice");

        assertEquals(TurnRequest.resume("c1", "qwen2.5"), engine.requests.get(1));
        assertTrue(engine.requests.get(1).resume());
        assertFalse(chat.canContinueProperty().get());
        assertEquals(ChatState.STREAMING, chat.state());
        assertFalse(chat.continueTurn(), "not while the continued turn runs");
        engine.current().on(new TurnEvent.Finished(TurnOutcome.COMPLETED, null, 10));
        assertFalse(chat.continueTurn(), "nothing to continue after a turn that completed");
        assertEquals(2, engine.requests.size());
    }

    @Test
    void aReopenedChatCanBeOfferedContinueButNotWhileATurnRuns() {
        chat.offerContinue();
        assertTrue(chat.canContinueProperty().get());
        assertTrue(chat.continueTurn());
        assertTrue(engine.requests.get(0).resume());
        chat.offerContinue();
        assertFalse(chat.canContinueProperty().get(), "a turn is running");
    }

    @Test
    void aFailureWithNothingSavedToSendDoesNotOfferContinue() {
        chat.draftProperty().set("hi");
        chat.send();
        engine.current().on(new TurnEvent.Finished(TurnOutcome.FAILED, "The model 'x' is not available.", 0));
        assertFalse(chat.canContinueProperty().get());
        assertFalse(chat.continueTurn());
    }

    @Test
    void aReplyCutOffAtTheLengthLimitGetsANoteAfterIt() {
        chat.draftProperty().set("tell a story");
        chat.send();
        TurnListener l = engine.current();
        l.on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        l.on(new TurnEvent.TextDelta("Once upon a"));
        l.on(new TurnEvent.Note("The reply was cut off at the length limit (maxTokens = 16); raise it in Settings or ask "
                + "the model to continue."));
        l.on(new TurnEvent.Finished(TurnOutcome.COMPLETED, null, 12));
        List<MessageRole> roles = chat.messages().stream().map(MessageViewModel::role).toList();
        assertEquals(List.of(MessageRole.USER, MessageRole.ASSISTANT, MessageRole.NOTE), roles);
        assertEquals("Once upon a", chat.messages().get(1).text());
        assertTrue(chat.messages().get(2).text().contains("maxTokens = 16"));
    }

    @Test
    void imagesAreAttachedAndSentOnlyWhenTheModelHasVision() {
        Path image = Path.of("receipt.png");
        chat.attach(List.of(image));
        assertTrue(chat.attachments().isEmpty());
        chat.visionAvailableProperty().set(true);
        chat.attach(List.of(image, image));
        assertEquals(List.of(image), chat.attachments());
        chat.send();
        assertEquals(List.of(image), engine.requests.get(0).images());
        assertTrue(chat.attachments().isEmpty());
    }
}
