package io.toolsmith.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.Message;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The turn loop against a scripted model, with the real library, parser and sandbox. */
class TurnLoopTest {
    private static final String ADD = "```python\ndef add(a, b):\n    return a + b\n```\n\n```function_spec\n"
            + "{\"name\": \"add\", \"description\": \"Adds two numbers.\", \"parameters\": {\"type\": \"object\","
            + " \"properties\": {\"a\": {\"type\": \"number\"}, \"b\": {\"type\": \"number\"}}, \"required\": [\"a\", \"b\"]},"
            + " \"responses\": [{\"type\": \"number\"}]}\n```\n";

    @TempDir
    Path home;
    private FakeOllama ollama;
    private Engine engine;
    private Conversation chat;

    @BeforeEach
    void start() {
        ollama = FakeOllama.start();
        engine = Engine.open(new Home(home), ollama.url());
        chat = Conversation.create("qwen3:8b");
    }

    @AfterEach
    void stop() {
        engine.close();
        ollama.close();
    }

    @Test
    void malformedCallsAreAnsweredWithAnErrorTheModelCanActOn() throws Exception {
        ollama.enqueueReply("```function_call\n{\"id\": 7, \"parameters\": {\"a\": 1}}\n```");
        ollama.enqueueReply("Sorry, let me try again later.");
        TurnResult result = engine.turnLoop().run(chat, "add 1 and 2", List.of(), new TurnListener() { }, new Cancellation());

        CallRecord call = result.calls().get(0);
        assertEquals(CallRecord.CallStatus.MALFORMED, call.status());
        String sent = lastContent(ollama.chatRequests().get(1));
        assertTrue(sent.contains("\"id\" : 7") || sent.contains("\"id\": 7"), "the numeric id is echoed as a number: " + sent);
        assertTrue(sent.contains("function"), sent);
    }

    @Test
    void approvedCallsRunInOrderAndWrongArgumentsAreRefused() throws Exception {
        ollama.enqueueReply(ADD);
        engine.turnLoop().run(chat, "write add", List.of(), new TurnListener() { }, new Cancellation());
        engine.library().approve("add", false);

        ollama.enqueueReply("```function_call\n{\"id\": \"a\", \"function\": \"add\", \"parameters\": {\"a\": 1, \"b\": 2},}\n```\n"
                + "```function_call\n{\"id\": \"b\", \"function\": \"add\", \"parameters\": {\"a\": \"one\", \"b\": 2}}\n```");
        ollama.enqueueReply("1 + 2 = 3.");
        TurnResult result = engine.turnLoop().run(chat, "add 1 and 2", List.of(), new TurnListener() { }, new Cancellation());

        assertEquals(2, result.calls().size());
        assertEquals(3, result.calls().get(0).result().asInt());
        assertEquals(CallRecord.CallStatus.ERROR, result.calls().get(1).status());
        assertTrue(result.calls().get(1).errorMessage().contains("a:"), result.calls().get(1).errorMessage());
        assertEquals("1 + 2 = 3.", result.reply());
    }

    @Test
    void functionOutputWrittenByTheModelIsAWarningNotAResult() throws Exception {
        ollama.enqueueReply("```function_output\n{\"id\": 1, \"result\": 42}\n```\nThe answer is 42.");
        List<String> warnings = new ArrayList<>();
        TurnResult result = engine.turnLoop().run(chat, "what is it?", List.of(), new TurnListener() {
            @Override
            public void warning(String sentence) {
                warnings.add(sentence);
            }
        }, new Cancellation());
        assertTrue(result.calls().isEmpty());
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(1, ollama.chatRequests().size(), "nothing is sent back for a fake output");
    }

    @Test
    void theStepLimitEndsATurnThatKeepsCalling() throws Exception {
        for (int i = 0; i < 8; i++) {
            ollama.enqueueReply("```function_call\n{\"id\": " + i + ", \"function\": \"missing\", \"parameters\": {}}\n```");
        }
        TurnResult result = engine.turnLoop().run(chat, "loop", List.of(), new TurnListener() { }, new Cancellation());
        assertTrue(result.stoppedAtStepLimit());
        assertEquals(8, result.calls().size());
        assertEquals(8, ollama.chatRequests().size());
        long outputs = chat.messages().stream().filter(m -> m.kind() == Message.Kind.FUNCTION_OUTPUTS).count();
        assertEquals(8, outputs);
    }

    @Test
    void askPolicyWaitsForTheUsersDecision() throws Exception {
        ollama.enqueueReply(ADD);
        engine.turnLoop().run(chat, "write add", List.of(), new TurnListener() { }, new Cancellation());

        ollama.enqueueReply("```function_call\n{\"id\": \"x\", \"function\": \"add\", \"parameters\": {\"a\": 2, \"b\": 3}}\n```");
        ollama.enqueueReply("5");
        List<String> asked = new ArrayList<>();
        TurnResult result = engine.turnLoop().run(chat, "add 2 and 3", List.of(), new TurnListener() {
            @Override
            public CallDecision decide(io.toolsmith.protocol.FunctionCall call, io.toolsmith.functions.CallPermit permit) {
                asked.add(call.function());
                return CallDecision.APPROVE_AND_RUN;
            }
        }, new Cancellation());
        assertEquals(List.of("add"), asked);
        assertEquals(5, result.calls().get(0).result().asInt());
        assertEquals(io.toolsmith.functions.CallPermit.Kind.RUN, engine.library().permit("add").kind());
    }

    private static String lastContent(JsonNode request) {
        JsonNode messages = request.get("messages");
        return messages.get(messages.size() - 1).get("content").asText();
    }
}
