package io.toolsmith.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.conversation.ChatPreset;
import io.toolsmith.ui.common.DirectBackgroundExecutor;
import io.toolsmith.ui.common.UiExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retry after a failed turn, files attached to a message, and a chat's own options, without a toolkit. */
class ChatRetryAndAttachTest {
    @TempDir
    Path dir;
    private final ChatViewModelTest.FakeManualEngine turns = new ChatViewModelTest.FakeManualEngine();
    private final List<ChatPreset> savedPresets = new ArrayList<>();
    private String presetFailure;
    private final ChatEngine engine = new ChatEngine() {
        @Override
        public io.toolsmith.util.Cancellation send(TurnRequest request, TurnListener listener) {
            return turns.send(request, listener);
        }

        @Override
        public void cancel(String conversationId) {
        }

        @Override
        public void decide(String conversationId, String callId, io.toolsmith.agent.CallDecision decision) {
        }

        @Override
        public void savePreset(String conversationId, ChatPreset preset, Consumer<String> failed) {
            if (presetFailure != null) {
                failed.accept(presetFailure);
            } else {
                savedPresets.add(preset);
            }
        }
    };
    private final ChatViewModel chat = new ChatViewModel("c1", engine, UiExecutor.sameThread());
    private final List<TurnEvent.ServerReached> reached = new ArrayList<>();

    @BeforeEach
    void setUp() {
        chat.useBackground(new DirectBackgroundExecutor());
        chat.setOnServerReached(reached::add);
        chat.modelProperty().set("qwen3:8b");
    }

    @Test
    void aTurnThatFailedBeforeAnyReplyShowsTheFailureInsteadOfAnEmptyBubbleAndOffersRetry() {
        chat.draftProperty().set("hello");
        chat.send();
        TurnListener l = turns.current();
        l.on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        l.on(new TurnEvent.ServerReached(false, "Ollama is not running."));
        l.on(new TurnEvent.Finished(TurnOutcome.FAILED, "Ollama is not running.", 0, true));
        assertEquals(List.of(MessageRole.USER, MessageRole.ERROR), chat.messages().stream().map(MessageViewModel::role)
                .toList());
        assertTrue(chat.canRetryProperty().get());
        assertFalse(chat.canContinueProperty().get(), "Continue is for a reply that arrived in part");
        assertTrue(chat.problemProperty().get().endsWith(ChatViewModel.RETRY_HINT));
        assertEquals(List.of(new TurnEvent.ServerReached(false, "Ollama is not running.")), reached,
                "the window's connection state hears of it");

        assertTrue(chat.continueTurn());
        assertTrue(turns.requests.get(1).resume(), "the same request again, not a new message");
        assertFalse(chat.canRetryProperty().get());
    }

    @Test
    void theProblemARetryAnsweredGoesOnceTheRetriedReplyArrives() {
        chat.draftProperty().set("hello");
        chat.send();
        turns.current().on(new TurnEvent.Finished(TurnOutcome.FAILED, "Ollama failed: exit status 2.", 0, true));
        assertTrue(chat.continueTurn());
        TurnListener retried = turns.current();
        retried.on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        retried.on(new TurnEvent.TextDelta("Hello!"));
        retried.on(new TurnEvent.Finished(TurnOutcome.COMPLETED, null, 10));

        assertEquals(List.of(MessageRole.USER, MessageRole.ASSISTANT), chat.messages().stream()
                .map(MessageViewModel::role).toList(), "no bubble still says to press Retry");
        assertEquals("Hello!", chat.messages().get(1).text());
    }

    @Test
    void aRetryThatFailsAgainShowsOnlyTheNewProblem() {
        chat.draftProperty().set("hello");
        chat.send();
        turns.current().on(new TurnEvent.Finished(TurnOutcome.FAILED, "First failure.", 0, true));
        assertTrue(chat.continueTurn());
        turns.current().on(new TurnEvent.Finished(TurnOutcome.FAILED, "Second failure.", 0, true));

        List<String> problems = chat.messages().stream().filter(m -> m.role() == MessageRole.ERROR)
                .map(MessageViewModel::text).toList();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Second failure."), problems.toString());
        assertTrue(chat.canRetryProperty().get());
    }

    @Test
    void aReplyCutOffAtTheLengthLimitOffersContinueWhichAsksTheModelForTheRest() {
        chat.draftProperty().set("tell a story");
        chat.send();
        TurnListener l = turns.current();
        l.on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        l.on(new TurnEvent.TextDelta("Once upon a"));
        l.on(new TurnEvent.Note("The reply was cut off at the length limit (16 tokens); raise \"Reply length limit"
                + " (tokens)\" in Settings or ask the model to continue.", true));
        l.on(new TurnEvent.Finished(TurnOutcome.COMPLETED, null, 12));
        assertTrue(chat.canContinueProperty().get(), "Continue is offered for the cut-off reply");
        assertFalse(chat.canRetryProperty().get());

        assertTrue(chat.continueTurn());

        TurnRequest asked = turns.requests.get(1);
        assertFalse(asked.resume(), "a new request that asks for the rest, not the same request again");
        assertEquals(ChatViewModel.CONTINUE_REQUEST, asked.text());
        assertEquals(List.of(MessageRole.USER, MessageRole.ASSISTANT, MessageRole.NOTE, MessageRole.USER),
                chat.messages().stream().map(MessageViewModel::role).toList(), "the cut-off reply stays");
        assertEquals("Once upon a", chat.messages().get(1).text());
        assertFalse(chat.canContinueProperty().get());
        turns.current().on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        turns.current().on(new TurnEvent.TextDelta(" time."));
        turns.current().on(new TurnEvent.Finished(TurnOutcome.COMPLETED, null, 12));
        assertFalse(chat.canContinueProperty().get(), "the rest arrived in full");
    }

    @Test
    void aCutOffReplyFollowedByCallsAndAWholeReplyOffersNoContinue() {
        chat.draftProperty().set("log it");
        chat.send();
        TurnListener l = turns.current();
        l.on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        l.on(new TurnEvent.TextDelta("Calling"));
        l.on(new TurnEvent.Note("The reply was cut off at the length limit (16 tokens).", true));
        l.on(new TurnEvent.MessageStarted(MessageRole.ASSISTANT));
        l.on(new TurnEvent.TextDelta("Done."));
        l.on(new TurnEvent.Finished(TurnOutcome.COMPLETED, null, 12));
        assertFalse(chat.canContinueProperty().get());
    }

    @Test
    void aFailureWithNothingStoredOffersNoRetry() {
        chat.draftProperty().set("hello");
        chat.send();
        turns.current().on(new TurnEvent.Finished(TurnOutcome.FAILED, "The model 'x' is not installed.", 0, false));
        assertFalse(chat.canRetryProperty().get());
        assertFalse(chat.continueTurn());
    }

    @Test
    void textFilesGoIntoTheMessageInAFenceTheyCannotClose() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.md"), "# Plan\n```\ncode\n```\n");
        Path csv = Files.writeString(dir.resolve("costs.csv"), "item,cost\ncab,300\n");
        chat.attachFiles(List.of(notes, csv));
        assertEquals(2, chat.files().size());
        chat.draftProperty().set("Summarise these");
        assertTrue(chat.send());
        String sent = turns.requests.get(0).text();
        assertEquals("Summarise these\n\nAttached file `notes.md`:\n````markdown\n# Plan\n```\ncode\n```\n````\n\n"
                + "Attached file `costs.csv`:\n```csv\nitem,cost\ncab,300\n```", sent);
        assertTrue(chat.files().isEmpty());
    }

    @Test
    void aBinaryOrTooLargeFileIsRefusedWithASentenceAndTheOthersStay() throws Exception {
        Path binary = Files.write(dir.resolve("report.pdf"), new byte[] {'%', 'P', 'D', 'F', 0, 1, 2});
        Path large = Files.writeString(dir.resolve("big.csv"), "x,y\n".repeat(FileAttachment.MAX_TEXT_BYTES / 4 + 1));
        Path small = Files.writeString(dir.resolve("ok.json"), "{\"a\": 1}");
        chat.attachFiles(List.of(binary));
        assertTrue(chat.attachProblemProperty().get().startsWith("report.pdf is not a text file"),
                chat.attachProblemProperty().get());
        chat.attachFiles(List.of(large, small));
        assertTrue(chat.attachProblemProperty().get().contains("more than the 100 KB a message can carry"),
                chat.attachProblemProperty().get());
        assertEquals(List.of("ok.json"), chat.files().stream().map(FileAttachment::name).toList());
    }

    @Test
    void aPictureForAModelWithoutVisionIsRefusedWithASentence() throws Exception {
        Path picture = Files.write(dir.resolve("cat.png"), new byte[] {1, 2, 3});
        chat.attachFiles(List.of(picture));
        assertTrue(chat.attachments().isEmpty());
        assertTrue(chat.attachProblemProperty().get().contains("cannot see pictures"));
        chat.visionAvailableProperty().set(true);
        chat.attachFiles(List.of(picture));
        assertEquals(List.of(picture), chat.attachments());
        assertNull(chat.attachProblemProperty().get());
    }

    @Test
    void aPresetThatCouldNotBeSavedIsTakenBackWithTheSentence() {
        ChatPreset creative = ChatPreset.NAMED.get(2).withSystemPrompt("Be brief.");
        chat.setPreset(creative);
        assertEquals(List.of(creative), savedPresets);
        assertEquals(creative, chat.presetProperty().get());

        presetFailure = "The chat file could not be written.";
        chat.setPreset(ChatPreset.NONE);
        assertEquals(creative, chat.presetProperty().get());
        assertEquals(presetFailure, chat.problemProperty().get());
    }
}
