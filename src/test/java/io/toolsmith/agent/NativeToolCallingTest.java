package io.toolsmith.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.llm.ToolCall;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.CallingMode;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native mode: approved specs go out as Ollama tools, tool_calls run through approval and sandbox, results return as tool messages. */
class NativeToolCallingTest {
    @TempDir
    Path home;

    @Test
    void nativeToolCallsRunAndAreAnsweredWithToolMessages() throws Exception {
        Settings settings = Settings.defaults().withCallingMode(CallingMode.NATIVE);
        new SettingsStore(new Home(home).settingsFile()).save(settings);
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            Conversation chat = Conversation.create("qwen3:8b");
            ollama.enqueueReply("```python\ndef add(a, b):\n    return a + b\n```\n```function_spec\n{\"name\": \"add\","
                    + " \"description\": \"Adds two numbers.\", \"parameters\": {\"type\": \"object\", \"properties\":"
                    + " {\"a\": {\"type\": \"number\"}, \"b\": {\"type\": \"number\"}}, \"required\": [\"a\", \"b\"]},"
                    + " \"responses\": [{\"type\": \"number\"}]}\n```");
            engine.turnLoop().run(chat, "write add", List.of(), new TurnListener() { }, new Cancellation());
            engine.library().approve("add", false);

            ollama.enqueueToolCalls(List.of(new ToolCall("call_k3j9x0ab", "add",
                    (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree("{\"a\": 1, \"b\": 2}"))));
            ollama.enqueueReply("1 + 2 is 3.");
            TurnResult result = engine.turnLoop().run(chat, "add 1 and 2", List.of(), new TurnListener() { }, new Cancellation());

            assertEquals(3, result.calls().get(0).result().asInt());
            JsonNode withTools = ollama.chatRequests().get(1);
            assertEquals("add", withTools.get("tools").get(0).get("function").get("name").asText());
            assertFalse(withTools.get("messages").get(0).get("content").asText().contains("```function_call"),
                    "in native mode the block-calling instructions are not sent");

            JsonNode messages = ollama.chatRequests().get(2).get("messages");
            JsonNode assistant = messages.get(messages.size() - 2);
            JsonNode tool = messages.get(messages.size() - 1);
            assertEquals("assistant", assistant.get("role").asText());
            assertEquals("add", assistant.get("tool_calls").get(0).get("function").get("name").asText());
            assertTrue(assistant.get("tool_calls").get(0).get("function").get("arguments").isObject());
            assertEquals("tool", tool.get("role").asText());
            assertEquals("add", tool.get("tool_name").asText());
            assertEquals(3, Json.MAPPER.readTree(tool.get("content").asText()).get("result").asInt());
        }
    }
}
