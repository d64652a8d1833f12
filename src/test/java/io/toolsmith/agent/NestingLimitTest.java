package io.toolsmith.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.CallRecord.CallStatus;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.llm.ToolCall;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.CallingMode;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arguments and results nested deeper than the one limit are answered with an error instead of being run or
 * kept, and the chat that holds them can always be saved and read again.
 */
class NestingLimitTest {
    private static final String ARGUMENTS_TOO_DEEP =
            "The arguments of deep are nested deeper than 64 levels, so it was not run; pass flatter data.";
    private static final String RESULT_TOO_DEEP =
            "The result of deep is nested deeper than 64 levels, so it was not kept; return flatter data.";
    private static final String CODE = "```python\nimport os\n\n"
            + "def deep(levels, pad=None):\n"
            + "    with open(os.path.expanduser('~/data/calls.txt'), 'a') as f:\n"
            + "        f.write(str(levels) + '\\n')\n"
            + "    value = 'bottom'\n    for _ in range(levels):\n        value = [value]\n    return value\n```\n"
            + "```function_spec\n{\"name\": \"deep\", \"description\": \"Wraps a word in lists.\", \"parameters\":"
            + " {\"type\": \"object\", \"properties\": {\"levels\": {\"type\": \"integer\"}, \"pad\": {\"type\": \"array\"}},"
            + " \"required\": [\"levels\"]}, \"responses\": []}\n```\n";

    @TempDir
    Path home;

    private static String lists(int levels) {
        return "[".repeat(levels) + "1" + "]".repeat(levels);
    }

    private static String callBlock(int id, String parameters) {
        return "```function_call\n{\"id\": " + id + ", \"function\": \"deep\", \"parameters\": " + parameters + "}\n```\n";
    }

    @Test
    void deepArgumentsAreNotRunAndDeepResultsAreNotKept() throws Exception {
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            Conversation chat = Conversation.create("qwen3:8b");
            ollama.enqueueReply(CODE);
            engine.turnLoop().run(chat, "write it", List.of(), new TurnListener() { }, new Cancellation());
            engine.library().approve("deep", false);

            // The arguments object is the first level: a pad of 63 lists is the deepest allowed, 64 is one too many.
            ollama.enqueueReply(callBlock(1, "{\"levels\": 900}") + callBlock(2, "{\"levels\": 5}")
                    + callBlock(3, "{\"levels\": 3, \"pad\": " + lists(64) + "}")
                    + callBlock(4, "{\"levels\": 4, \"pad\": " + lists(63) + "}"));
            ollama.enqueueReply("Done.");
            TurnResult result = engine.turnLoop().run(chat, "go", List.of(), new TurnListener() { }, new Cancellation());

            List<CallRecord> calls = result.calls();
            assertEquals(4, calls.size());
            assertEquals(CallStatus.ERROR, calls.get(0).status());
            assertEquals("NestingError", calls.get(0).errorName());
            assertEquals(RESULT_TOO_DEEP, calls.get(0).errorMessage());
            assertNull(calls.get(0).result());
            assertEquals(CallStatus.OK, calls.get(1).status());
            assertEquals(Json.MAPPER.readTree("[[[[[\"bottom\"]]]]]"), calls.get(1).result());
            assertEquals(ARGUMENTS_TOO_DEEP, calls.get(2).errorMessage());
            assertEquals(CallStatus.OK, calls.get(3).status());
            assertEquals(List.of("900", "5", "4"), Files.readAllLines(home.resolve("data/calls.txt")),
                    "the call with too deep arguments never ran");

            JsonNode messages = ollama.chatRequests().get(2).get("messages");
            String toldTheModel = messages.get(messages.size() - 1).get("content").asText();
            assertTrue(toldTheModel.contains(RESULT_TOO_DEEP) && toldTheModel.contains(ARGUMENTS_TOO_DEEP), toldTheModel);

            Conversation reread = ConversationStore.load(engine.conversations().fileOf(chat));
            assertEquals(calls, reread.messages().get(3).calls());
        }
    }

    @Test
    void aNativeCallNestedNearJacksonsLimitStillLeavesASavableChat() throws Exception {
        Settings settings = Settings.defaults().withCallingMode(CallingMode.NATIVE);
        new SettingsStore(new Home(home).settingsFile()).save(settings);
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            Conversation chat = Conversation.create("qwen3:8b");
            ollama.enqueueReply(CODE);
            engine.turnLoop().run(chat, "write it", List.of(), new TurnListener() { }, new Cancellation());
            engine.library().approve("deep", false);

            ObjectNode arguments = (ObjectNode) Json.MAPPER.readTree("{\"levels\": 1, \"pad\": " + lists(990) + "}");
            ollama.enqueueToolCalls(List.of(new ToolCall("call_1", "deep", arguments)));
            ollama.enqueueReply("Done.");
            TurnResult result = engine.turnLoop().run(chat, "go", List.of(), new TurnListener() { }, new Cancellation());

            CallRecord call = result.calls().get(0);
            assertEquals(ARGUMENTS_TOO_DEEP, call.errorMessage());
            assertNull(call.arguments(), "arguments too deep to save are dropped from the record");
            Path file = home.resolve("chat.json");
            ConversationStore.saveTo(file, chat);
            assertEquals(List.of(call), ConversationStore.load(file).messages().get(3).calls());
            assertTrue(Files.notExists(home.resolve("data/calls.txt")), "the call never ran");
        }
    }
}
