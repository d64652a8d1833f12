package io.toolsmith.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.CallRecord.CallStatus;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.TestPython;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls that cannot run are still answered and the turn goes on: blocks without a readable id, and calls beyond the
 * per-reply cap. The real library, parser and bubblewrap sandbox run; only the model is scripted.
 */
class UnrunnableCallsTest {
    static final String TICK = "```python\nimport os, pickle\n\ndef tick():\n"
            + "    path = os.path.expanduser('~/data/ticks.pkl')\n"
            + "    n = pickle.load(open(path, 'rb')) if os.path.exists(path) else 0\n"
            + "    pickle.dump(n + 1, open(path, 'wb'))\n    return n + 1\n```\n\n```function_spec\n"
            + "{\"name\": \"tick\", \"description\": \"Counts one more tick.\", \"parameters\": {\"type\": \"object\","
            + " \"properties\": {}}, \"responses\": [{\"type\": \"integer\"}]}\n```\n";

    @TempDir
    Path home;
    private FakeOllama ollama;
    private Engine engine;
    private Conversation chat;

    @BeforeEach
    void start() throws Exception {
        Settings settings = Settings.defaults().withMaxCallsPerReply(3);
        new SettingsStore(new Home(home).settingsFile()).save(settings);
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
    void aCallBlockWithoutAReadableIdIsAnsweredWithAMadeUpIdAndTheTurnGoesOn() throws Exception {
        ollama.enqueueReply("I'll log it.\n```function_call\n{\"function\": \"record_expense\", \"parameters\": "
                + "{\"category\": \"Food\", amount: 12}}\n```");
        ollama.enqueueReply("Sorry, that call was not written correctly.");

        TurnResult result = engine.turnLoop().run(chat, "I spent 12 on food", List.of(), new TurnListener() { },
                new Cancellation());

        assertEquals("Sorry, that call was not written correctly.", result.reply());
        CallRecord call = result.calls().get(0);
        assertEquals(CallStatus.MALFORMED, call.status());
        assertEquals("call_1", call.idText());
        assertTrue(call.errorMessage().contains("\"call_1\""), call.errorMessage());
        JsonNode output = outputIn(ollama.chatRequests().get(1));
        assertEquals("call_1", output.get("id").asText());
        assertEquals("MalformedCallError", output.get("error").get("name").asText());
    }

    @Test
    void madeUpIdsDoNotCollideWithTheModelsOwn() throws Exception {
        ollama.enqueueReply("```function_call\n{\"id\": \"call_1\", \"parameters\": {}}\n```\n"
                + "```function_call\n{\"function\": \"x\", \"parameters\": {oops}}\n```");
        ollama.enqueueReply("ok");
        TurnResult result = engine.turnLoop().run(chat, "go", List.of(), new TurnListener() { }, new Cancellation());
        List<String> ids = result.calls().stream().map(CallRecord::idText).toList();
        assertEquals(2, ids.size(), ids.toString());
        assertEquals(2, ids.stream().distinct().count(), "every answer has its own id: " + ids);
    }

    @Test
    void callsBeyondTheCapAreAnsweredWithoutRunning() throws Exception {
        writeAndApproveTick();
        StringBuilder reply = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            reply.append("```function_call\n{\"id\": \"t").append(i).append("\", \"function\": \"tick\", \"parameters\": {}}\n```\n");
        }
        ollama.enqueueReply(reply.toString());
        ollama.enqueueReply("Ticked.");

        TurnResult result = engine.turnLoop().run(chat, "tick five times", List.of(), new TurnListener() { },
                new Cancellation());

        List<CallStatus> statuses = result.calls().stream().map(CallRecord::status).toList();
        assertEquals(List.of(CallStatus.OK, CallStatus.OK, CallStatus.OK, CallStatus.DENIED, CallStatus.DENIED), statuses);
        assertEquals(3, result.calls().get(2).result().asInt(), "only three ran");
        assertEquals("TooManyCallsError", result.calls().get(4).errorName());
        assertTrue(result.calls().get(4).errorMessage().contains("at most 3"), result.calls().get(4).errorMessage());
        assertEquals(3, Json.MAPPER.readTree(python("import pickle; print(pickle.load(open('"
                + home.resolve("data/ticks.pkl") + "', 'rb')))")).asInt(), "the data folder saw three calls");
        String sent = lastContent(ollama.chatRequests().get(ollama.chatRequests().size() - 1));
        assertEquals(5, sent.split("```function_output").length - 1, "every call is answered: " + sent);
    }

    @Test
    void aCallTheLengthLimitCutInTwoIsNotRunButTheFinishedOneBeforeItIs() throws Exception {
        writeAndApproveTick();
        ollama.enqueueReplyEndedForLength("```function_call\n{\"id\": \"t1\", \"function\": \"tick\", \"parameters\": {}}\n```\n"
                + "```function_call\n{\"id\": \"t2\", \"function\": \"tick\", \"parameters\": {");
        ollama.enqueueReply("One tick.");

        TurnResult result = engine.turnLoop().run(chat, "tick twice", List.of(), new TurnListener() { }, new Cancellation());

        assertEquals(List.of("t2", "t1"), result.calls().stream().map(CallRecord::idText).toList(),
                "the cut call is answered first, with the other malformed ones");
        assertEquals(CallStatus.MALFORMED, result.calls().get(0).status());
        assertTrue(result.calls().get(0).errorMessage().contains("cut off at the length limit inside this call"),
                result.calls().get(0).errorMessage());
        assertEquals(CallStatus.OK, result.calls().get(1).status());
        assertEquals("1", python("import pickle; print(pickle.load(open('" + home.resolve("data/ticks.pkl") + "', 'rb')))"));
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("(4096 tokens)")), result.warnings().toString());
        assertEquals("One tick.", result.reply());
    }

    private void writeAndApproveTick() throws Exception {
        ollama.enqueueReply(TICK);
        engine.turnLoop().run(chat, "write tick", List.of(), new TurnListener() { }, new Cancellation());
        engine.library().approve("tick", false);
    }

    static JsonNode outputIn(JsonNode request) throws Exception {
        String content = lastContent(request);
        assertTrue(content.contains("```function_output"), content);
        return Json.MAPPER.readTree(content.substring(content.indexOf('{'), content.lastIndexOf('}') + 1));
    }

    static String lastContent(JsonNode request) {
        JsonNode messages = request.get("messages");
        return messages.get(messages.size() - 1).get("content").asText();
    }

    static String python(String code) throws Exception {
        Process process = new ProcessBuilder(TestPython.executable(), "-S", "-c", code).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), text);
        assertFalse(text.isBlank());
        return text.strip();
    }
}
