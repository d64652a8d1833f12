package io.toolsmith.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.agent.TurnListener;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.Message;
import io.toolsmith.protocol.Prompts;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What gives way when a chat outgrows the context window, checked on the request bodies the stand-in server
 * received. The stand-in counts tokens with its own tokenizer and reports the count, as Ollama does.
 */
class ContextBudgetTest {
    private static final int WINDOW = 4096;

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
    void aLongChatInAFourThousandTokenWindowLeavesOutItsOldestTurnsAndKeepsTheInstructionsInFront() throws Exception {
        engine.settingsStore().update(s -> s.withNumCtx(WINDOW));
        int budget = WINDOW - Math.min(engine.settings().maxTokens(), WINDOW / 4);
        List<String> asked = new ArrayList<>();
        for (int turn = 1; turn <= 25; turn++) {
            String question = longText("Question " + turn + " about the garden plan", 60);
            asked.add(question);
            if (turn == 25) {
                // The last turn calls a function: its call and output are part of the turn and must be sent.
                ollama.enqueue(CountingReplies.reply("```function_call\n{\"id\": \"f1\", \"function\": \"find_functions\", "
                        + "\"parameters\": {\"query\": \"garden\"}}\n```", 4.0));
            }
            ollama.enqueue(CountingReplies.reply(longText("Answer " + turn + " with advice on watering", 120), 4.0));
            engine.turnLoop().run(chat, question, List.of(), new TurnListener() { }, new Cancellation());
        }

        List<JsonNode> requests = ollama.chatRequests();
        assertEquals(26, requests.size());
        String instructionsStart = Prompts.functionCalling().strip().substring(0, 200);
        for (int i = 0; i < requests.size(); i++) {
            JsonNode request = requests.get(i);
            JsonNode messages = request.get("messages");
            assertEquals(WINDOW, request.path("options").path("num_ctx").asInt(), "Toolsmith sets the window");
            assertTrue(CountingReplies.tokens(request, 4.0) <= budget,
                    "request " + i + " takes " + CountingReplies.tokens(request, 4.0) + " tokens, more than " + budget);
            assertEquals("system", messages.get(0).get("role").asText());
            assertTrue(messages.get(0).get("content").asText().startsWith(instructionsStart), "instructions first");
            List<String> userTexts = userTexts(messages);
            int turn = Math.min(i, 24);
            assertEquals(asked.get(turn), userTexts.get(userTexts.size() - 1), "the latest user message, whole");
            // What was kept is the newest part of the chat, without gaps.
            assertEquals(asked.subList(turn + 1 - userTexts.size(), turn + 1), userTexts);
        }
        // Once the chat outgrew the window, the front of the request (up to the first message kept) changes only
        // now and then, so the server can reuse its cache between those turns (leaving out one exchange a turn
        // changed it on every turn).
        int cutTurns = 0;
        int frontChanges = 0;
        for (int i = 1; i < 25; i++) {
            String before = requests.get(i - 1).get("messages").get(1).get("content").asText();
            String now = requests.get(i).get("messages").get(1).get("content").asText();
            if (now.startsWith(RequestComposer.LEFT_OUT_NOTE)) {
                cutTurns++;
                if (!now.equals(before)) {
                    frontChanges++;
                }
            }
        }
        assertTrue(cutTurns >= 10, "the chat outgrew the window early: " + cutTurns);
        assertTrue(frontChanges * 2 <= cutTurns, frontChanges + " front changes over " + cutTurns + " turns");
        JsonNode last = requests.get(25).get("messages");
        assertTrue(last.get(1).get("content").asText().startsWith(RequestComposer.LEFT_OUT_NOTE), last.get(1).toString());
        assertTrue(last.get(last.size() - 2).get("content").asText().contains("find_functions"), "the turn's call");
        assertTrue(last.get(last.size() - 1).get("content").asText().contains("```function_output"), "its output");
        assertTrue(chat.messages().size() > last.size(), "the chat file keeps everything; only the request leaves out");
    }

    @Test
    void theServersCountsCorrectTheEstimate() throws Exception {
        // A tokenizer that makes twice as many tokens of the same text as the first estimate expects.
        double dense = TokenEstimator.CHARS_PER_TOKEN / 2;
        engine.settingsStore().update(s -> s.withNumCtx(16_384));
        int budget = 16_384 - Math.min(engine.settings().maxTokens(), 16_384 / 4);
        for (int turn = 1; turn <= 14; turn++) {
            ollama.enqueue(CountingReplies.reply(longText("Answer " + turn, 150), dense));
            engine.turnLoop().run(chat, longText("Question " + turn, 60), List.of(), new TurnListener() { },
                    new Cancellation());
        }
        List<JsonNode> requests = ollama.chatRequests();
        for (int i = 1; i < requests.size(); i++) {
            assertTrue(CountingReplies.tokens(requests.get(i), dense) <= budget, "request " + (i + 1) + " takes "
                    + CountingReplies.tokens(requests.get(i), dense) + " of the server's tokens, more than " + budget);
        }
        JsonNode last = requests.get(requests.size() - 1).get("messages");
        assertTrue(last.get(1).get("content").asText().startsWith(RequestComposer.LEFT_OUT_NOTE),
                "the chat outgrew the window by the server's count");
        double uncorrected = TokenEstimator.raw(last.toString());
        assertTrue(uncorrected < budget * 0.75, "by the first estimate alone the request would have room for more: "
                + uncorrected);
    }

    @Test
    void aMessageThatCannotFitIsRefusedWithASentenceAndKept() throws Exception {
        engine.settingsStore().update(s -> s.withNumCtx(WINDOW));
        String huge = longText("A pasted log", 1_500);
        UserFacingException refused = assertThrows(UserFacingException.class, () ->
                engine.turnLoop().run(chat, huge, List.of(), new TurnListener() { }, new Cancellation()));
        assertTrue(refused.getMessage().contains("context window of " + WINDOW + " tokens"), refused.getMessage());
        assertTrue(refused.getMessage().contains("raise the context size in Settings"), refused.getMessage());
        assertTrue(refused.getMessage().contains("shorten the message, or start a new chat"), refused.getMessage());
        assertTrue(ollama.chatRequests().isEmpty(), "nothing is sent that the server would cut");
        assertEquals(huge, chat.messages().get(chat.messages().size() - 1).content(), "the message is kept");
    }

    @Test
    void inASmallWindowTheLeastRelevantSpecsGiveWayFirst() throws Exception {
        GeneratedLibrary.approve(engine.library(), 3);
        int window = 3300; // room beside the instructions (about 1,800 tokens) for one or two of the three specs
        engine.settingsStore().update(s -> s.withNumCtx(window));
        int budget = window - Math.min(engine.settings().maxTokens(), window / 4);
        List<ContextReport> reports = new ArrayList<>();
        ollama.enqueue(CountingReplies.reply("Noted.", 4.0));
        engine.turnLoop().run(chat, "I spent 300 rupees on a cab ride home today.", List.of(), new TurnListener() {
            @Override
            public void requestComposed(ContextReport report) {
                reports.add(report);
            }
        }, new Cancellation());

        JsonNode request = ollama.chatRequests().get(0);
        String system = request.get("messages").get(0).get("content").asText();
        assertTrue(CountingReplies.tokens(request, 4.0) <= budget);
        assertTrue(reports.get(0).offered().size() < 3, "not all three fit beside the instructions: " + reports);
        assertTrue(reports.get(0).offered().size() > 0, "some do: " + reports);
        assertEquals(reports.get(0).offered().contains("record_expense"), system.contains(GeneratedLibrary.RECORD_EXPENSE_DESCRIPTION));
        assertTrue(system.contains(GeneratedLibrary.RECORD_EXPENSE_DESCRIPTION), "the spec the message is about stays: " + reports);
    }

    @Test
    void theDefaultWindowIsTheModelsOwnLengthCappedAndTheSettingWins() throws Exception {
        ollama.setModels(new io.toolsmith.testing.FakeModels.Model("long:8b", "qwen3", List.of("completion"), 131_072, 1L),
                new io.toolsmith.testing.FakeModels.Model("short:1b", "llama", List.of("completion"), 6000, 1L));
        for (String model : List.of("long:8b", "short:1b", "long:8b")) {
            ollama.enqueue(CountingReplies.reply("Fine.", 4.0));
            Conversation c = Conversation.create(model);
            engine.turnLoop().run(c, "Hello", List.of(), new TurnListener() { }, new Cancellation());
            engine.settingsStore().update(s -> s.withNumCtx(model.equals("short:1b") ? 5000 : null));
        }
        List<JsonNode> requests = ollama.chatRequests();
        assertEquals(ContextWindow.AUTOMATIC_CAP, requests.get(0).path("options").path("num_ctx").asInt());
        assertEquals(6000, requests.get(1).path("options").path("num_ctx").asInt());
        assertEquals(5000, requests.get(2).path("options").path("num_ctx").asInt());
    }

    @Test
    void aTurnsRequestsAndTheNextTurnStartWithTheSameBytes() throws Exception {
        GeneratedLibrary.approve(engine.library(), 3);
        engine.settingsStore().update(s -> s.withNumCtx(2 * WINDOW)); // room for every spec: the front then depends on nothing but the library
        ollama.enqueue(CountingReplies.reply("```function_call\n{\"id\": 1, \"function\": \"find_functions\", "
                + "\"parameters\": {\"query\": \"expense\"}}\n```", 4.0));
        ollama.enqueue(CountingReplies.reply("Found it.", 4.0));
        ollama.enqueue(CountingReplies.reply("Sure.", 4.0));
        engine.turnLoop().run(chat, "Which functions record money?", List.of(), new TurnListener() { }, new Cancellation());
        engine.turnLoop().run(chat, "Thanks, and now?", List.of(), new TurnListener() { }, new Cancellation());

        List<JsonNode> requests = ollama.chatRequests();
        assertEquals(3, requests.size());
        assertTrue(requests.get(0).get("messages").get(0).get("content").asText().contains(GeneratedLibrary.RECORD_EXPENSE_DESCRIPTION),
                "the specs are part of the front that stays the same");
        for (int i = 1; i < requests.size(); i++) {
            JsonNode earlier = requests.get(i - 1).get("messages");
            JsonNode later = requests.get(i).get("messages");
            for (int m = 0; m < earlier.size(); m++) {
                assertEquals(earlier.get(m).toString(), later.get(m).toString(), "request " + (i + 1) + ", message " + m);
            }
        }
    }

    private static List<String> userTexts(JsonNode messages) {
        List<String> texts = new ArrayList<>();
        for (int i = 1; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String content = m.get("content").asText();
            if (m.get("role").asText().equals("user") && !content.startsWith("```function_output")) {
                texts.add(content.startsWith(RequestComposer.LEFT_OUT_NOTE)
                        ? content.substring(RequestComposer.LEFT_OUT_NOTE.length() + 2) : content);
            }
        }
        return texts;
    }

    /** {@code words} words of plain text starting with {@code topic}. */
    static String longText(String topic, int words) {
        StringBuilder text = new StringBuilder(topic).append(':');
        String[] filler = {"the", "beds", "need", "water", "early", "in", "the", "morning", "and", "some", "shade"};
        for (int i = 0; i < words; i++) {
            text.append(' ').append(filler[i % filler.length]);
        }
        return text.append('.').toString();
    }
}
