package io.toolsmith.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.toolsmith.agent.CallRunner;
import io.toolsmith.agent.TurnListener;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.protocol.CallSource;
import io.toolsmith.protocol.FunctionCall;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine starts its sandbox (a worker process) when a call needs it, or when a client asks for it on purpose (the
 * window's status bar, the chat command's first line): a turn whose model calls nothing, and {@code toolsmith
 * context}, start none.
 */
class EngineSandboxStartTest {
    @TempDir
    Path home;

    /** This test's processes: those whose command line names its home (the worker's folders are in it). */
    private List<ProcessHandle> workersOfThisHome() {
        return ProcessHandle.current().descendants().filter(p -> p.info().arguments()
                .map(args -> String.join(" ", args).contains(home + File.separator)).orElse(false)).toList();
    }

    @Test
    void aTurnWhoseModelCallsNothingStartsNoWorkerAndAskingForTheSandboxDoes() throws Exception {
        try (FakeOllama ollama = FakeOllama.start();
             Engine engine = Engine.open(new Home(home), ollama.url())) {
            ollama.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion"));
            ollama.enqueueReply("Water the beds early in the morning.");
            Conversation chat = Conversation.create("qwen3:8b");
            engine.turnLoop().run(chat, "When should I water the garden?", List.of(), new TurnListener() { },
                    new Cancellation());
            assertEquals("Water the beds early in the morning.", chat.messages().get(1).content());
            assertEquals(List.of(), workersOfThisHome());

            engine.sandbox().isolation();
            assertTrue(!workersOfThisHome().isEmpty(), "the sandbox's worker runs once asked for");
        }
    }

    @Test
    void aCallAfterTheEngineClosedIsRefusedWithASentenceAndStartsNoWorker() throws Exception {
        Engine engine = Engine.open(new Home(home), "http://127.0.0.1:9");
        engine.library().addCode("def greet(name):\n    return 'Hello, ' + name\n");
        engine.library().addSpec((ObjectNode) Json.MAPPER.readTree("""
                {"name": "greet", "description": "Greets someone by name.",
                 "parameters": {"type": "object", "properties": {"name": {"type": "string", "description": "Who."}},
                   "required": ["name"]},
                 "responses": [{"type": "string"}]}"""));
        engine.library().approve("greet", false);
        CallRunner runner = engine.callRunner();
        engine.close();

        FunctionCall call = new FunctionCall(TextNode.valueOf("1"), "greet",
                (ObjectNode) Json.MAPPER.readTree("{\"name\": \"Ada\"}"), CallSource.NATIVE, List.of());
        CallRecord record = runner.run(call, engine.library().permit("greet"), Cancellation.none());
        assertEquals(CallRecord.CallStatus.ERROR, record.status());
        assertEquals("SandboxError", record.errorName());
        assertEquals("Toolsmith is closing, so the function was not run.", record.errorMessage());
        assertEquals(List.of(), workersOfThisHome());
    }
}
