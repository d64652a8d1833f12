package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.cli.TutorialHome.Result;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dynamic-function-generation tutorial, end to end through the command line: a scripted Ollama stand-in plays
 * the model, everything else is real (parser, library, approval, sandbox worker, pickle written by python3).
 */
class TutorialConversationTest {
    private static final String ASK_FOR_TRACKER = TutorialHome.ASK_FOR_TRACKER;
    private static final String LOG_EXPENSE = TutorialHome.LOG_EXPENSE;

    @TempDir
    Path home;
    private FakeOllama ollama;
    private Path chatFile;

    private TutorialHome.Template trackerWritten;

    /** Every test starts from a copy of the written tracker: the first two turns, played once per JVM. */
    @BeforeEach
    void start() throws Exception {
        trackerWritten = TutorialHome.trackerWritten();
        trackerWritten.copyTo(home);
        ollama = FakeOllama.start();
        ollama.setModels(io.toolsmith.testing.FakeModels.Model.of(TutorialHome.MODEL, "gemma3", "completion", "vision"));
        chatFile = home.resolve(TutorialHome.CHAT_FILE);
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void approvedFunctionsRunAndTheirResultGoesBackToTheModel() throws Exception {
        Result approve = cli("functions", "approve", "record_expense", "list_expenses");
        assertEquals(0, approve.exit(), approve.err());

        ollama.enqueueReply(TutorialHome.reply("03-record-expense-call.md"));
        ollama.enqueueReply(TutorialHome.reply("04-final-answer.md"));
        Result logged = chat(LOG_EXPENSE);
        assertEquals(0, logged.exit(), logged.err());

        JsonNode turn = Json.MAPPER.readTree(logged.out());
        JsonNode call = turn.get("calls").get(0);
        assertEquals("record_expense", call.get("function").asText());
        assertEquals("ok", call.get("status").asText(), call.toString());
        assertTrue(call.get("result").asBoolean());
        assertTrue(turn.get("reply").asText().contains("Travel"));

        Path pickle = home.resolve("data/expenses.pkl");
        assertTrue(Files.exists(pickle), "record_expense should have written data/expenses.pkl");
        String stored = TutorialHome.python("import pickle,json,sys; print(json.dumps(pickle.load(open(sys.argv[1],'rb'))))", pickle);
        JsonNode expenses = Json.MAPPER.readTree(stored);
        assertEquals(1, expenses.size());
        assertEquals("Travel", expenses.get(0).get("category").asText());
        assertEquals(300.0, expenses.get(0).get("amount").asDouble());
        assertEquals("2025-07-07", expenses.get(0).get("date").asText());

        JsonNode output = lastUserMessageOf(ollama.chatRequests().get(ollama.chatRequests().size() - 1));
        String content = output.get("content").asText();
        assertTrue(content.contains("```function_output"), content);
        JsonNode sent = Json.MAPPER.readTree(content.substring(content.indexOf('{'), content.lastIndexOf('}') + 1));
        assertEquals("1", sent.get("id").asText());
        assertTrue(sent.get("id").isTextual(), "the id keeps the model's type");
        assertTrue(sent.get("result").asBoolean());
    }

    @Test
    void withoutApprovalNothingRunsAndTheModelIsToldWhy() throws Exception {
        ollama.enqueueReply(TutorialHome.reply("03-record-expense-call.md"));
        ollama.enqueueReply("I could not log it: the function has not been approved yet.");
        Result refused = chat(LOG_EXPENSE);
        assertEquals(0, refused.exit(), refused.err());

        JsonNode call = Json.MAPPER.readTree(refused.out()).get("calls").get(0);
        assertEquals("not_approved", call.get("status").asText());
        assertFalse(Files.exists(home.resolve("data/expenses.pkl")), "nothing may run before approval");

        String content = lastUserMessageOf(ollama.chatRequests().get(ollama.chatRequests().size() - 1)).get("content").asText();
        assertTrue(content.contains("```function_output"), content);
        assertTrue(content.contains("\"error\""), content);
        assertTrue(content.contains("record_expense"), "the error names the function: " + content);
    }

    @Test
    void instructionsAndTheConversationFileCarryAcrossInvocations() throws Exception {
        JsonNode saved = Json.MAPPER.readTree(chatFile.toFile());
        assertEquals(4, saved.get("messages").size(), "two user messages and two replies are kept in the chat file");

        JsonNode secondRequest = trackerWritten.requests().get(1);
        JsonNode first = secondRequest.get("messages").get(0);
        assertEquals("user", first.get("role").asText(), "Gemma has no system role: instructions go in the first user message");
        assertTrue(first.get("content").asText().contains("function_call"));
        assertTrue(first.get("content").asText().endsWith(ASK_FOR_TRACKER));
        assertTrue(secondRequest.get("messages").get(1).get("content").asText().contains("def record_expense"));
    }

    private Result chat(String message) {
        return cli("chat", "--model", "gemma3:12b", "--conversation", chatFile.toString(), "--json", message);
    }

    private Result cli(String... args) {
        return TutorialHome.cli(home, ollama, args);
    }

    private static JsonNode lastUserMessageOf(JsonNode request) {
        JsonNode messages = request.get("messages");
        return messages.get(messages.size() - 1);
    }

}
