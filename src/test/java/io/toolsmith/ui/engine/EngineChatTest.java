package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.app.Engine;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.agent.CallDecision;
import io.toolsmith.testing.TestPython;
import io.toolsmith.ui.chat.CallStatus;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.chat.TurnOutcome;
import io.toolsmith.ui.chat.TurnRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat seam over the real turn loop, sandbox and library, with the scripted Ollama stand-in as the model. */
class EngineChatTest {
    private static final String CHAT = "c1";
    @TempDir
    Path home;
    private FakeOllama ollama;
    private Engine engine;
    private EngineChat chat;
    private final AtomicInteger functionChanges = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void open() {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("gemma3:12b", "gemma3", "completion", "vision"));
        engine = Engine.open(new Home(home), ollama.url());
        chat = new EngineChat(engine, new OpenConversations(engine.conversations()), functionChanges::incrementAndGet,
                calls::incrementAndGet);
    }

    @AfterEach
    void close() {
        chat.close();
        engine.close();
        ollama.close();
    }

    @Test
    void approveAndRunFromTheCallCardRunsTheCallAndReportsEveryStep() throws Exception {
        writeTheTracker();
        ollama.enqueueReply(reply("03-record-expense-call.md"));
        ollama.enqueueReply(reply("04-final-answer.md"));
        Turn turn = send("I just spent 300 rupees on a cab ride back home today (7th July, 2025). Log it as Travel.");

        TurnEvent.CallUpdate waiting = turn.awaitCall(CallStatus.WAITING_FOR_APPROVAL);
        assertEquals("1", waiting.callId());
        assertEquals("record_expense", waiting.function());
        assertEquals("Travel", waiting.arguments().get("category"));
        assertEquals(List.of("category", "amount", "date", "description"), List.copyOf(waiting.arguments().keySet()));
        assertEquals(java.util.EnumSet.of(CallDecision.RUN_ONCE, CallDecision.APPROVE_AND_RUN, CallDecision.DENY),
                waiting.choices(), "a pending function offers every answer");
        chat.decide(CHAT, "1", CallDecision.APPROVE_AND_RUN);

        TurnEvent.Finished finished = turn.finished();
        assertEquals(TurnOutcome.COMPLETED, finished.outcome(), finished.sentence());
        TurnEvent.CallUpdate done = turn.awaitCall(CallStatus.DONE);
        assertEquals("true", done.result());
        assertTrue(turn.events.stream().anyMatch(e -> e instanceof TurnEvent.CallUpdate u && u.status() == CallStatus.RUNNING));
        assertEquals(List.of(MessageRole.ASSISTANT, MessageRole.FUNCTION_RESULTS, MessageRole.ASSISTANT),
                turn.events.stream().filter(e -> e instanceof TurnEvent.MessageStarted)
                        .map(e -> ((TurnEvent.MessageStarted) e).role()).toList());
        assertTrue(Files.exists(home.resolve("data/expenses.pkl")));
        assertEquals(io.toolsmith.functions.FunctionStatus.APPROVED,
                engine.library().find("record_expense").orElseThrow().status());
        assertTrue(functionChanges.get() >= 3, "discovery twice and the approval: " + functionChanges.get());
        assertEquals(1, calls.get());
        assertTrue(finished.tokensPerSecond() > 0);
        var saved = ConversationStore.load(home.resolve("conversations/" + CHAT + ".json"));
        assertEquals("gemma3:12b", saved.model());
        assertEquals(8, saved.messages().size());
    }

    @Test
    void stopWhileACallWaitsLeavesItNotRunAsStoppedAndEndsTheTurnCancelled() throws Exception {
        writeTheTracker();
        ollama.enqueueReply(reply("03-record-expense-call.md"));
        Turn turn = send("Log 300 rupees for a cab ride on 7 July 2025 as Travel.");
        turn.awaitCall(CallStatus.WAITING_FOR_APPROVAL);
        chat.cancel(CHAT);

        assertEquals(TurnOutcome.CANCELLED, turn.finished().outcome());
        // stopped, not refused: the card says so, and so would the model if the refusal were sent
        assertTrue(turn.awaitCall(CallStatus.ERROR).error().startsWith("CancelledError: The user stopped the turn"));
        assertFalse(Files.exists(home.resolve("data/expenses.pkl")), "a stopped turn runs nothing");
        assertEquals(3, ollama.chatRequests().size(), "the refusal is not sent after Stop");
    }

    @Test
    void aCallOfCodeWithoutASpecOffersRunOnceAndDenyButNotApprove() throws Exception {
        ollama.enqueueReply(reply("01-expense-tracker-code.md"));
        assertEquals(TurnOutcome.COMPLETED, send("Write an expense tracker.").finished().outcome());
        ollama.enqueueReply(reply("03-record-expense-call.md"));
        ollama.enqueueReply("I did not log it.");
        Turn turn = send("Log 300 rupees for a cab ride on 7 July 2025 as Travel.");

        TurnEvent.CallUpdate waiting = turn.awaitCall(CallStatus.WAITING_FOR_APPROVAL);
        assertEquals(java.util.EnumSet.of(CallDecision.RUN_ONCE, CallDecision.DENY), waiting.choices(),
                "approving needs a spec");
        chat.decide(CHAT, "1", CallDecision.DENY);
        assertEquals(TurnOutcome.COMPLETED, turn.finished().outcome());
        assertEquals(CallStatus.REFUSED, turn.awaitCall(CallStatus.REFUSED).status());
        assertFalse(Files.exists(home.resolve("data/expenses.pkl")));
    }

    @Test
    void reasoningSentApartFromTheReplyIsShownAsAFoldedThinkingBlock() throws Exception {
        ollama.enqueueThinkingReply("The user greets me; a short answer fits.", "Hello!");
        Turn turn = send("Hi");
        assertEquals(TurnOutcome.COMPLETED, turn.finished().outcome());
        String shown = turn.events.stream().filter(e -> e instanceof TurnEvent.TextDelta)
                .map(e -> ((TurnEvent.TextDelta) e).text()).reduce("", String::concat);
        assertEquals("````thinking\nThe user greets me; a short answer fits.\n````\n\nHello!", shown);
        String stored = io.toolsmith.util.Json.MAPPER.readTree(home.resolve("conversations").toFile().listFiles()[0])
                .get("messages").get(1).get("content").asText();
        assertEquals("Hello!", stored, "only the display gets the reasoning");
    }

    @Test
    void aFailedSendOfFunctionResultsIsContinuedWithoutRunningTheCallAgain() throws Exception {
        writeTheTracker();
        engine.library().approve("record_expense", false);
        ollama.enqueueReply(reply("03-record-expense-call.md"));
        ollama.enqueueTruncated("It was", FakeOllama.Ending.RESET);
        TurnEvent.Finished failed = send("Log 300 rupees for a cab ride on 7 July 2025 as Travel.").finished();
        assertEquals(TurnOutcome.FAILED, failed.outcome());
        assertTrue(failed.resumable(), "the results were saved before they were sent: " + failed.sentence());

        ollama.enqueueReply(reply("04-final-answer.md"));
        Turn resumed = new Turn();
        chat.send(TurnRequest.resume(CHAT, null), resumed.queue::add);

        TurnEvent.Finished finished = resumed.finished();
        assertEquals(TurnOutcome.COMPLETED, finished.outcome(), finished.sentence());
        assertFalse(resumed.events.stream().anyMatch(e -> e instanceof TurnEvent.CallUpdate), "no call runs again");
        Process count = new ProcessBuilder(TestPython.executable(), "-S", "-c", "import pickle,sys; print(len(pickle.load(open(sys.argv[1],'rb'))))",
                home.resolve("data/expenses.pkl").toString()).start();
        assertEquals("1", new String(count.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertEquals(1, calls.get());
    }

    @Test
    void inlineReasoningIsFoldedAndAReplyEndedForLengthLeavesANote() throws Exception {
        ollama.enqueueReplyEndedForLength("<think>A greeting; keep it short.</think>\n\nHello, how can I");
        Turn turn = send("Hi");
        assertEquals(TurnOutcome.COMPLETED, turn.finished().outcome());
        String shown = turn.events.stream().filter(e -> e instanceof TurnEvent.TextDelta)
                .map(e -> ((TurnEvent.TextDelta) e).text()).reduce("", String::concat);
        assertEquals("````thinking\nA greeting; keep it short.\n````\n\nHello, how can I", shown);
        TurnEvent.Note note = (TurnEvent.Note) turn.await(e -> e instanceof TurnEvent.Note);
        assertEquals("The reply was cut off at the length limit (4096 tokens); raise \"Reply length limit (tokens)\" in"
                + " Settings or ask the model to continue.", note.sentence());
        assertTrue(note.offersContinue(), "the window offers Continue for it");
    }

    @Test
    void anUnreachableServerEndsTheTurnWithItsSentence() throws Exception {
        ollama.close();
        Turn turn = send("Hello?");
        TurnEvent.Finished finished = turn.finished();
        assertEquals(TurnOutcome.FAILED, finished.outcome());
        assertTrue(finished.sentence().contains("ollama serve"), finished.sentence());
    }

    @Test
    void aSecondMessageWhileOneIsAnsweredIsRefusedWithASentence() throws Exception {
        ollama.enqueueReply("slow ".repeat(100), 2, java.time.Duration.ofMillis(20));
        Turn first = send("Talk slowly");
        first.await(e -> e instanceof TurnEvent.TextDelta);
        Turn second = send("And now?");
        assertEquals(TurnOutcome.FAILED, second.finished().outcome());
        assertTrue(second.finished().sentence().startsWith("A reply is still being written"));
        chat.cancel(CHAT);
        assertEquals(TurnOutcome.CANCELLED, first.finished().outcome());
    }

    private void writeTheTracker() throws Exception {
        ollama.enqueueReply(reply("01-expense-tracker-code.md"));
        assertEquals(TurnOutcome.COMPLETED, send("Write an expense tracker.").finished().outcome());
        ollama.enqueueReply(reply("02-expense-tracker-specs.md"));
        assertEquals(TurnOutcome.COMPLETED, send("Generate a function specification for it.").finished().outcome());
    }

    private Turn send(String text) {
        Turn turn = new Turn();
        assertNotNull(chat.send(new TurnRequest(CHAT, null, text, List.of()), turn.queue::add));
        return turn;
    }

    private static String reply(String name) throws Exception {
        try (InputStream in = EngineChatTest.class.getResourceAsStream("/tutorial/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The events of one turn, as the chat would receive them. */
    private static final class Turn {
        final BlockingQueue<TurnEvent> queue = new LinkedBlockingQueue<>();
        final List<TurnEvent> events = new ArrayList<>();

        TurnEvent await(Predicate<TurnEvent> wanted) throws InterruptedException {
            for (TurnEvent seen : events) {
                if (wanted.test(seen)) {
                    return seen;
                }
            }
            while (true) {
                TurnEvent next = queue.poll(30, TimeUnit.SECONDS);
                assertNotNull(next, "no such event within 30 s; got " + events);
                events.add(next);
                if (wanted.test(next)) {
                    return next;
                }
            }
        }

        TurnEvent.CallUpdate awaitCall(CallStatus status) throws InterruptedException {
            return (TurnEvent.CallUpdate) await(e -> e instanceof TurnEvent.CallUpdate u && u.status() == status);
        }

        TurnEvent.Finished finished() throws InterruptedException {
            return assertInstanceOf(TurnEvent.Finished.class, await(e -> e instanceof TurnEvent.Finished));
        }
    }
}
