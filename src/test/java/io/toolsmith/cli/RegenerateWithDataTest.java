package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.cli.TutorialHome.Result;
import io.toolsmith.data.PickleReader;
import io.toolsmith.data.PyValue;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.TestPython;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the tutorial logged the cab ride (a copy of {@link TutorialHome#cabRideLogged()}), the last turn is
 * regenerated or edited from the command line, with and without putting the data back. The model is a scripted Ollama stand-in; the client, parser, library, sandbox worker
 * and the pickle written by python3 are real, and the pickle is read back by python3 and by the app's reader.
 */
class RegenerateWithDataTest {
    private static final String LOG_EXPENSE = TutorialHome.LOG_EXPENSE;

    @TempDir
    Path home;
    private FakeOllama ollama;
    private Path chatFile;
    private Path pickle;

    @BeforeEach
    void start() throws Exception {
        ollama = FakeOllama.start();
        ollama.setModels(io.toolsmith.testing.FakeModels.Model.of(TutorialHome.MODEL, "gemma3", "completion", "vision"));
        TutorialHome.cabRideLogged().copyTo(home);
        chatFile = home.resolve(TutorialHome.CHAT_FILE);
        pickle = home.resolve("data/expenses.pkl");
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void regenerateWithRestoreDataLeavesOneRecordAndOneCopyOfTheExchange() throws Exception {
        ollama.enqueueReply(TutorialHome.reply("03-record-expense-call.md"));
        ollama.enqueueReply(TutorialHome.reply("04-final-answer.md"));
        Result again = cli("chat", "--conversation", chatFile.toString(), "--regenerate", "--restore-data", "--json");
        assertEquals(0, again.exit(), again.err());

        JsonNode turn = Json.MAPPER.readTree(again.out());
        assertEquals("ok", turn.get("calls").get(0).get("status").asText(), turn.toString());
        JsonNode data = turn.get("data");
        assertTrue(data.get("restored").asBoolean(), data.toString());
        assertEquals("expenses.pkl +1 record (new)", data.get("changes").get(0).get("description").asText());
        assertTrue(again.err().contains("toolsmith data undo " + data.get("undo").asText()), again.err());

        assertEquals(1, recordsByPython(), "the first record was taken back before the call ran again");
        assertEquals(1, recordsByTheApp());
        assertOneCopyOfTheExchange();
    }

    @Test
    void regenerateAloneKeepsTheDataAndSaysWhatItChanged() throws Exception {
        Result refused = cli("chat", "--conversation", chatFile.toString(), "--restore-data", "--json");
        assertEquals(1, refused.exit(), refused.err());
        assertTrue(refused.err().contains("--restore-data goes with --regenerate or --edit-last"), refused.err());

        ollama.enqueueReply(TutorialHome.reply("03-record-expense-call.md"));
        ollama.enqueueReply(TutorialHome.reply("04-final-answer.md"));
        Result again = cli("chat", "--conversation", chatFile.toString(), "--regenerate", "--json");
        assertEquals(0, again.exit(), again.err());

        assertFalse(Json.MAPPER.readTree(again.out()).get("data").get("restored").asBoolean());
        assertTrue(again.err().contains("expenses.pkl +1 record (new)") && again.err().contains("--restore-data"),
                again.err());
        assertEquals(2, recordsByPython(), "the data stays as the dropped call left it");
        assertEquals(2, recordsByTheApp());
        assertOneCopyOfTheExchange();
    }

    @Test
    void editLastWithRestoreDataSendsTheNewTextInPlaceOfTheOld() throws Exception {
        String edited = "I just spent 300 rupees on a cab ride home on 7th July 2025; log it as travel.";
        ollama.enqueueReply(TutorialHome.reply("03-record-expense-call.md"));
        ollama.enqueueReply(TutorialHome.reply("04-final-answer.md"));
        Result again = cli("chat", "--conversation", chatFile.toString(), "--edit-last", edited, "--restore-data",
                "--json");
        assertEquals(0, again.exit(), again.err());

        assertEquals(1, recordsByPython());
        JsonNode messages = Json.MAPPER.readTree(chatFile.toFile()).get("messages");
        List<String> users = userTexts(messages);
        assertFalse(users.contains(LOG_EXPENSE), "the edited message replaced the old one: " + users);
        assertEquals(edited, users.get(users.size() - 1));
        JsonNode sent = ollama.chatRequests().get(ollama.chatRequests().size() - 2).get("messages");
        assertEquals(edited, sent.get(sent.size() - 1).get("content").asText(), "the model got the edited text");
    }

    private void assertOneCopyOfTheExchange() throws IOException {
        JsonNode messages = Json.MAPPER.readTree(chatFile.toFile()).get("messages");
        assertEquals(1, userTexts(messages).stream().filter(LOG_EXPENSE::equals).count(), messages.toString());
        int calls = 0;
        int outputs = 0;
        for (JsonNode m : messages) {
            calls += m.path("calls").size();
            outputs += "FUNCTION_OUTPUTS".equals(m.get("kind").asText()) ? 1 : 0;
        }
        assertEquals(1, calls, "one call record: the dropped reply's call left the chat");
        assertEquals(1, outputs, "one function output message");
        assertEquals(2 + 2 + 4, messages.size(), "two tutorial turns, then the user message, call, output, answer");
    }

    private static List<String> userTexts(JsonNode messages) {
        List<String> texts = new ArrayList<>();
        for (JsonNode m : messages) {
            if ("USER".equals(m.get("kind").asText())) {
                texts.add(m.get("content").asText());
            }
        }
        return texts;
    }

    private int recordsByPython() throws Exception {
        Process process = new ProcessBuilder(TestPython.executable(), "-S", "-c",
                "import pickle,sys; print(len(pickle.load(open(sys.argv[1],'rb'))))", pickle.toString())
                .redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), text);
        return Integer.parseInt(text);
    }

    private int recordsByTheApp() throws Exception {
        PyValue value = new PickleReader().read(pickle);
        assertTrue(value instanceof PyValue.PyList, String.valueOf(value));
        return ((PyValue.PyList) value).items().size();
    }

    private Result cli(String... args) {
        return TutorialHome.cli(home, ollama, args);
    }

}
