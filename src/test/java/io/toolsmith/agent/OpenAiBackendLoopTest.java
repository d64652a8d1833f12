package io.toolsmith.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.settings.ApiKeyStore;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.Backend;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.testing.FakeOpenAiServer;
import io.toolsmith.util.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same turn loop over an OpenAI-compatible server (llama.cpp, LM Studio, vLLM): SSE replies, a function call, its output. */
class OpenAiBackendLoopTest {
    @TempDir
    Path home;

    @Test
    void aStreamedReplyAndAFunctionCallGoThroughTheSameLoop() throws Exception {
        Settings settings = Settings.defaults().withBackend(Backend.OPENAI);
        new SettingsStore(new Home(home).settingsFile()).save(settings);
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            new ApiKeyStore(home.resolve("secrets/openai-api-key"), false).save("sk-local-test");
            try (Engine engine = Engine.open(new Home(home), server.url())) {
                Conversation chat = Conversation.create("llama3.2");
                server.enqueueStream(sse("```python\ndef shout(text):\n    return text.upper()\n```\n```function_spec\n"
                        + "{\"name\": \"shout\", \"description\": \"Upper-cases text.\", \"parameters\": {\"type\": \"object\","
                        + " \"properties\": {\"text\": {\"type\": \"string\"}}, \"required\": [\"text\"]}, \"responses\": []}\n```"), 7);
                engine.turnLoop().run(chat, "write shout", List.of(), new TurnListener() { }, new Cancellation());
                engine.library().approve("shout", false);

                server.enqueueStream(sse("```function_call\n{\"id\": \"s1\", \"function\": \"shout\", \"parameters\": {\"text\": \"héllo\"}}\n```"), 5);
                server.enqueueStream(sse("It says HÉLLO."));
                TurnResult result = engine.turnLoop().run(chat, "shout héllo", List.of(), new TurnListener() { }, new Cancellation());

                assertEquals("HÉLLO", result.calls().get(0).result().asText());
                assertEquals("It says HÉLLO.", result.reply());
                JsonNode last = server.chatRequests().get(server.chatRequests().size() - 1).get("messages");
                String outputs = last.get(last.size() - 1).get("content").asText();
                assertTrue(outputs.contains("function_output") && outputs.contains("HÉLLO"), outputs);
                assertTrue(server.authorizations().stream().allMatch("Bearer sk-local-test"::equals), server.authorizations().toString());
            }
        }
        Path keyFile = home.resolve("secrets/openai-api-key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertTrue(!Files.readString(new Home(home).settingsFile()).contains("sk-local-test"), "the key stays out of settings.json");
    }

    /** The text as OpenAI-style SSE chunks: a few content deltas, the finish chunk and [DONE]. */
    private static String sse(String text) {
        StringBuilder out = new StringBuilder();
        int step = Math.max(1, text.length() / 4);
        for (int i = 0; i < text.length(); i += step) {
            String piece = text.substring(i, Math.min(text.length(), i + step));
            out.append(FakeOpenAiServer.chunk("{\"content\":" + io.toolsmith.util.Json.MAPPER.valueToTree(piece) + "}", null));
        }
        out.append(FakeOpenAiServer.chunk("{}", "stop"));
        return out.append("data: [DONE]\n\n").toString();
    }
}
