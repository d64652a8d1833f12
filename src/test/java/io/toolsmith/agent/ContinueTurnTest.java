package io.toolsmith.agent;

import static io.toolsmith.agent.UnrunnableCallsTest.outputIn;
import static io.toolsmith.agent.UnrunnableCallsTest.python;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.app.Engine;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.Message;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn whose request failed after a call ran goes on from the saved function outputs: the call does not run
 * again, and a reply that broke off is replaced. Real library, parser, sandbox and pickle; the model is scripted.
 */
class ContinueTurnTest {
    private static final String TICK_CALL = "```function_call\n{\"id\": \"t1\", \"function\": \"tick\", \"parameters\": {}}\n```";

    @TempDir
    Path home;
    private FakeOllama ollama;
    private Engine engine;
    private Conversation chat;

    @BeforeEach
    void start() throws Exception {
        ollama = FakeOllama.start();
        engine = Engine.open(new Home(home), ollama.url());
        chat = Conversation.create("qwen3:8b");
        ollama.enqueueReply(UnrunnableCallsTest.TICK);
        engine.turnLoop().run(chat, "write tick", List.of(), new TurnListener() { }, new Cancellation());
        engine.library().approve("tick", false);
    }

    @AfterEach
    void stop() {
        engine.close();
        ollama.close();
    }

    @Test
    void outputsThatCouldNotBeSentAreSentAgainWithoutRunningTheCallTwice() throws Exception {
        ollama.enqueueReply(TICK_CALL);
        ollama.enqueueError(500, "llama runner process has terminated");
        UserFacingException failed = assertThrows(UserFacingException.class, () -> engine.turnLoop()
                .run(chat, "tick once", List.of(), new TurnListener() { }, new Cancellation()));
        assertTrue(failed.getMessage().contains("llama runner process has terminated"), failed.getMessage());
        assertEquals(Message.Kind.FUNCTION_OUTPUTS, last(chat).kind(), "the outputs were saved before they were sent");
        assertTrue(PendingSend.canResume(chat));

        ollama.enqueueReply("Ticked once.");
        TurnResult resumed = engine.turnLoop().resume(chat, new TurnListener() { }, new Cancellation());

        assertEquals("Ticked once.", resumed.reply());
        assertTrue(resumed.calls().isEmpty(), "no call runs again");
        assertEquals("1", python("import pickle; print(pickle.load(open('" + home.resolve("data/ticks.pkl") + "', 'rb')))"));
        assertEquals(1, outputIn(ollama.chatRequests().get(3)).get("result").asInt(), "the saved output is what is sent");
        assertEquals(1, chat.messages().stream().filter(m -> m.kind() == Message.Kind.FUNCTION_OUTPUTS).count());
        assertFalse(PendingSend.canResume(chat));
    }

    @Test
    void aReplyCutOffAtTheLengthLimitStaysAndTheModelSeesItWhenAskedForTheRest() throws Exception {
        ollama.enqueueReplyEndedForLength("Once upon a");
        TurnResult cut = engine.turnLoop().run(chat, "tell a story", List.of(), new TurnListener() { },
                new Cancellation());
        assertTrue(cut.wasCutOff());
        assertTrue(cut.cutOff().contains("\"Reply length limit (tokens)\" in Settings"), cut.cutOff());
        assertFalse(cut.cutOff().contains("maxTokens"), "named as Settings names it");
        assertFalse(PendingSend.canResume(chat), "the reply arrived: there is no request to send again");

        ollama.enqueueReply(" time, there was a tick.");
        String askForMore = "Your reply was cut off at the length limit. Continue it exactly where it stopped.";
        TurnResult rest = engine.turnLoop().run(chat, askForMore, List.of(), new TurnListener() { },
                new Cancellation());

        assertEquals(" time, there was a tick.", rest.reply());
        com.fasterxml.jackson.databind.JsonNode sent = ollama.chatRequests().get(ollama.chatRequests().size() - 1)
                .get("messages");
        int n = sent.size();
        assertEquals("assistant", sent.get(n - 2).get("role").asText());
        assertEquals("Once upon a", sent.get(n - 2).get("content").asText(), "the model goes on from its own words");
        assertEquals(askForMore, sent.get(n - 1).get("content").asText());
        assertEquals("Once upon a", chat.messages().get(chat.messages().size() - 3).content(), "the cut reply stays");
    }

    @Test
    void aReplyThatBrokeOffIsReplacedByTheContinuedOne() throws Exception {
        ollama.enqueueReply(TICK_CALL);
        ollama.enqueueTruncated("It ticked and the count is n", FakeOllama.Ending.CLOSE);
        assertThrows(UserFacingException.class, () -> engine.turnLoop()
                .run(chat, "tick once", List.of(), new TurnListener() { }, new Cancellation()));
        assertTrue(last(chat).incomplete());
        assertTrue(PendingSend.canResume(chat));

        ollama.enqueueReply("The count is 1.");
        engine.turnLoop().resume(chat, new TurnListener() { }, new Cancellation());

        var request = ollama.chatRequests().get(3).get("messages");
        assertTrue(request.get(request.size() - 1).get("content").asText().contains("function_output"),
                "the broken-off text is not sent as history");
        List<Message> messages = chat.messages();
        assertEquals("The count is 1.", messages.get(messages.size() - 1).content());
        assertEquals(Message.Kind.FUNCTION_OUTPUTS, messages.get(messages.size() - 2).kind(), "the broken reply is gone");
        assertEquals("1", python("import pickle; print(pickle.load(open('" + home.resolve("data/ticks.pkl") + "', 'rb')))"));
    }

    @Test
    void aChatWhoseLastReplyArrivedHasNothingToContinue() {
        UserFacingException refused = assertThrows(UserFacingException.class,
                () -> engine.turnLoop().resume(chat, new TurnListener() { }, new Cancellation()));
        assertTrue(refused.getMessage().contains("nothing to continue"), refused.getMessage());
    }

    private static Message last(Conversation conversation) {
        List<Message> messages = conversation.messages();
        return messages.get(messages.size() - 1);
    }
}
