package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.cli.TutorialHome.Result;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the command line: a malformed call does not end the turn, a failed send of function results is continued with
 * {@code chat --continue} without running the call again, and a reply cut off at the length limit says so.
 * Real parser, library, sandbox and pickle; the model is scripted.
 */
class ChatContinueTest {
    @TempDir
    Path home;
    private FakeOllama ollama;
    private Path chatFile;

    @BeforeEach
    void start() {
        ollama = FakeOllama.start();
        chatFile = home.resolve("chat.json");
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void aCallWithoutAReadableIdIsAnsweredAndTheTurnEnds() throws Exception {
        ollama.enqueueReply("```function_call\n{\"function\": \"record_expense\", \"parameters\": {\"category\": \"Food\", "
                + "amount: 12}}\n```");
        ollama.enqueueReply("I could not log that.");
        Result result = cli("chat", "--model", "qwen3:8b", "--json", "I spent 12 on food");
        assertEquals(0, result.exit(), result.err());
        assertFalse(result.err().contains("unexpectedly"), result.err());
        JsonNode call = Json.MAPPER.readTree(result.out()).get("calls").get(0);
        assertEquals("malformed", call.get("status").asText());
        assertEquals("call_1", call.get("id").asText());
        assertEquals("I could not log that.", Json.MAPPER.readTree(result.out()).get("reply").asText());
    }

    @Test
    void aFailedSendOfFunctionResultsIsContinuedWithoutRunningTheCallAgain() throws Exception {
        TutorialHome.trackerWritten().copyTo(home);
        chatFile = home.resolve(TutorialHome.CHAT_FILE);
        assertEquals(0, cli("functions", "approve", "record_expense").exit());

        ollama.enqueueReply(TutorialHome.reply("03-record-expense-call.md"));
        ollama.enqueueTruncated("It was", FakeOllama.Ending.RESET);
        Result failed = chat("Log 300 rupees for a cab ride on 7 July 2025 as Travel.");
        assertEquals(1, failed.exit());
        assertTrue(failed.err().contains("The function results are saved in the chat: to send them without running any "
                + "call again, run `toolsmith chat --conversation " + chatFile + " --continue`."), failed.err());

        ollama.enqueueReply(TutorialHome.reply("04-final-answer.md"));
        Result resumed = cli("chat", "--conversation", chatFile.toString(), "--json", "--continue");
        assertEquals(0, resumed.exit(), resumed.err());
        JsonNode turn = Json.MAPPER.readTree(resumed.out());
        assertEquals(0, turn.get("calls").size(), "no call runs again");
        assertTrue(turn.get("reply").asText().contains("Travel"));
        assertEquals("1", TutorialHome.python("import pickle,sys; print(len(pickle.load(open(sys.argv[1],'rb'))))",
                home.resolve("data/expenses.pkl")));

        Result again = cli("chat", "--conversation", chatFile.toString(), "--continue");
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("nothing to continue"), again.err());
    }

    @Test
    void aMessageThatFoundNoServerIsSentAgainWithContinueAndNotStoredTwice() throws Exception {
        ollama.enqueueError(503, "server busy, please try again.  maximum pending requests exceeded");
        Result failed = chat("Hello?");
        assertEquals(1, failed.exit());
        assertTrue(failed.err().contains("Your message is saved in the chat: to send it again, run `toolsmith chat "
                + "--conversation " + chatFile + " --continue`."), failed.err());

        ollama.enqueueReply("Hello!");
        Result resumed = cli("chat", "--conversation", chatFile.toString(), "--json", "--continue");
        assertEquals(0, resumed.exit(), resumed.err());
        JsonNode messages = Json.MAPPER.readTree(chatFile.toFile()).get("messages");
        assertEquals(2, messages.size(), messages.toString());
        assertEquals("Hello?", messages.get(0).get("content").asText());
        assertEquals("Hello!", messages.get(1).get("content").asText());

        Result plain = cli("chat", "--model", "qwen3:8b", "Hi");
        assertEquals(1, plain.exit(), "no script left: the stand-in answers 500");
        assertFalse(plain.err().contains("--continue"), "a one-off chat has nothing to continue from: " + plain.err());
    }

    @Test
    void aReplyCutOffAtTheLengthLimitIsNotedInTextAndInJson() throws Exception {
        ollama.enqueueReplyEndedForLength("Once upon a time");
        Result text = cli("chat", "--model", "qwen3:8b", "Tell a story");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.err().contains("Note: The reply was cut off at the length limit (4096 tokens); raise \"Reply length"
                + " limit (tokens)\" in Settings or ask the model to continue."), text.err());
        assertEquals(4096, ollama.chatRequests().get(0).at("/options/num_predict").asInt());

        assertEquals(0, cli("settings", "set", "maxTokens", "32").exit());
        ollama.enqueueReplyEndedForLength("Once upon a time");
        Result json = cli("chat", "--model", "qwen3:8b", "--json", "Tell a story");
        JsonNode turn = Json.MAPPER.readTree(json.out());
        assertTrue(turn.get("cutOff").asBoolean(), json.out());
        assertTrue(turn.get("warnings").get(0).asText().contains("(32 tokens)"), json.out());
        assertEquals(32, ollama.chatRequests().get(1).at("/options/num_predict").asInt());

        ollama.enqueueReply("The end.");
        assertFalse(Json.MAPPER.readTree(cli("chat", "--model", "qwen3:8b", "--json", "Finish").out()).get("cutOff").asBoolean());
    }

    private Result chat(String message) {
        return cli("chat", "--model", "gemma3:12b", "--conversation", chatFile.toString(), "--json", message);
    }

    private Result cli(String... args) {
        return TutorialHome.cli(home, ollama, args);
    }

}
