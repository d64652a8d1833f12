package io.toolsmith.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.toolsmith.app.Engine;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.functions.CallPermit;
import io.toolsmith.protocol.FunctionCall;
import io.toolsmith.sandbox.CallOutcome;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Run once" runs the pending code for that call only: it stays pending and the sandbox keeps nothing of it. */
class RunOnceTest {
    private static final String ADD = "```python\ndef add(a, b):\n    return a + b\n```\n\n```function_spec\n"
            + "{\"name\": \"add\", \"description\": \"Adds two numbers.\", \"parameters\": {\"type\": \"object\","
            + " \"properties\": {\"a\": {\"type\": \"number\"}, \"b\": {\"type\": \"number\"}}, \"required\": [\"a\", \"b\"]},"
            + " \"responses\": [{\"type\": \"number\"}]}\n```\n";

    @TempDir
    Path home;
    private FakeOllama ollama;
    private Engine engine;

    @BeforeEach
    void start() {
        ollama = FakeOllama.start();
        engine = Engine.open(new Home(home), ollama.url());
    }

    @AfterEach
    void stop() {
        engine.close();
        ollama.close();
    }

    @Test
    void aCallOfASpecWithoutCodeIsRefusedWithoutAskingTheUser() throws Exception {
        Conversation chat = Conversation.create("qwen3:8b");
        ollama.enqueueReply(ADD.substring(ADD.indexOf("```function_spec")));
        engine.turnLoop().run(chat, "write the function_spec for add", List.of(), new TurnListener() { }, new Cancellation());
        assertEquals(io.toolsmith.functions.FunctionStatus.NEEDS_CODE, engine.library().find("add").orElseThrow().status());
        ollama.enqueueReply("```function_call\n{\"id\": \"x\", \"function\": \"add\", \"parameters\": {\"a\": 2, \"b\": 3}}\n```");
        ollama.enqueueReply("It has no code yet.");
        List<String> asked = new java.util.ArrayList<>();
        TurnResult result = engine.turnLoop().run(chat, "add 2 and 3", List.of(), new TurnListener() {
            @Override
            public CallDecision decide(FunctionCall call, CallPermit permit) {
                asked.add(call.function());
                return CallDecision.RUN_ONCE;
            }
        }, new Cancellation());
        assertEquals(List.of(), asked, "nothing the user could answer would run it");
        assertEquals(io.toolsmith.conversation.CallRecord.CallStatus.NOT_APPROVED, result.calls().get(0).status());
        assertEquals("The function add has a spec but no code, so it cannot run.", result.calls().get(0).errorMessage());
    }

    @Test
    void codeChangedWhileTheUserDecidesIsNeitherApprovedNorRun() throws Exception {
        Conversation chat = Conversation.create("qwen3:8b");
        ollama.enqueueReply(ADD);
        engine.turnLoop().run(chat, "write add", List.of(), new TurnListener() { }, new Cancellation());
        ollama.enqueueReply("```function_call\n{\"id\": \"x\", \"function\": \"add\", \"parameters\": {\"a\": 2, \"b\": 3}}\n```");
        ollama.enqueueReply("Not run.");
        TurnResult result = engine.turnLoop().run(chat, "add 2 and 3", List.of(), new TurnListener() {
            @Override
            public CallDecision decide(FunctionCall call, CallPermit permit) {
                try {
                    // a new version arrives (from another chat, or Add to library) while the card waits
                    engine.library().addCode("def add(a, b):\n    return a - b\n");
                } catch (io.toolsmith.util.UserFacingException e) {
                    throw new AssertionError(e);
                }
                return CallDecision.APPROVE_AND_RUN;
            }
        }, new Cancellation());
        assertEquals(io.toolsmith.conversation.CallRecord.CallStatus.NOT_APPROVED, result.calls().get(0).status());
        assertEquals("add changed while the user was deciding, so it was neither approved nor run; the user reviews "
                + "the new version first.", result.calls().get(0).errorMessage());
        assertEquals(CallPermit.Kind.NOT_APPROVED, engine.library().permit("add").kind(), "nothing was approved");
    }

    @Test
    void runOnceRunsThePendingCodeAndLeavesNothingBehind() throws Exception {
        Conversation chat = Conversation.create("qwen3:8b");
        ollama.enqueueReply(ADD);
        engine.turnLoop().run(chat, "write add", List.of(), new TurnListener() { }, new Cancellation());
        ollama.enqueueReply("```function_call\n{\"id\": \"x\", \"function\": \"add\", \"parameters\": {\"a\": 2, \"b\": 3}}\n```");
        ollama.enqueueReply("5");
        TurnResult result = engine.turnLoop().run(chat, "add 2 and 3", List.of(), new TurnListener() {
            @Override
            public CallDecision decide(FunctionCall call, CallPermit permit) {
                return CallDecision.RUN_ONCE;
            }
        }, new Cancellation());
        assertEquals(5, result.calls().get(0).result().asInt());
        assertEquals(CallPermit.Kind.NOT_APPROVED, engine.library().permit("add").kind());
        CallOutcome direct = engine.sandbox().call("y", engine.library().permit("add").module(), "add",
                Json.MAPPER.createObjectNode().put("a", 1).put("b", 1), Cancellation.none());
        assertEquals("NameError", direct.error().name(), "the sandbox kept code that was only to run once");
    }
}
