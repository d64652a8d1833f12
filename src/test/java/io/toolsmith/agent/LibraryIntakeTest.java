package io.toolsmith.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.functions.FunctionEntry;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.LibraryIntake;
import io.toolsmith.protocol.ReplyParser;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which code of a reply enters the library, with real model replies (the tutorial and the benchmark fixtures)
 * through the real parser, library and analyzer: sample code in an explanation stays text; code with its spec,
 * or written because the user asked for a function, enters.
 */
class LibraryIntakeTest {
    private static final String ASK_FOR_TRACKER = "I want to be able to track my expenses. Could you write a simple expense"
            + " tracker that lets me (1) record any expense I make, and (2) query all the expenses I've made so far?";

    @TempDir
    Path home;

    @Test
    void sampleCodeInAnExplanationStaysOutOfTheLibrary() throws Exception {
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            Conversation chat = Conversation.create("qwen3:8b");
            ollama.enqueueReply(resource("replies/explanation-with-sample-code.md"));
            TurnResult explained = turn(engine, chat, "How do decorators work in Python? Please explain with an example.");
            assertEquals(List.of(), explained.discovered());

            ollama.enqueueReply(resource("tutorial/01-expense-tracker-code.md"));
            TurnResult sketched = turn(engine, chat, "How would you structure an expense tracker in Python?");
            assertEquals(List.of(), sketched.discovered());
            assertEquals(List.of(), engine.library().list());
            assertFalse(Files.exists(home.resolve("functions/record_expense")), "no module folder was written");
        }
    }

    @Test
    void codeWithItsSpecInTheSameReplyEntersWhateverTheUserSaid() throws Exception {
        String reply = fixtureReply("gemma3-27b", "dynamic-function-generation", 16);
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            ollama.enqueueReply(reply);
            TurnResult result = turn(engine, Conversation.create("gemma3:27b"),
                    "Score this lead: a Software Engineer from Canada at a company of 1500 people.");
            assertEquals(List.of("calculate_lead_score"), result.discovered());
            assertEquals(FunctionStatus.PENDING, engine.library().find("calculate_lead_score").orElseThrow().status());
        }
    }

    @Test
    void codeWrittenBecauseTheUserAskedForItEntersAndItsSpecLaterCompletesIt() throws Exception {
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            Conversation chat = Conversation.create("gemma3:12b");
            ollama.enqueueReply(resource("tutorial/01-expense-tracker-code.md"));
            turn(engine, chat, ASK_FOR_TRACKER);
            assertEquals(Map.of("record_expense", FunctionStatus.NEEDS_SPEC, "list_expenses", FunctionStatus.NEEDS_SPEC),
                    statuses(engine));

            ollama.enqueueReply(resource("tutorial/02-expense-tracker-specs.md"));
            turn(engine, chat, "Generate a function specification for the code you just wrote.");
            assertEquals(Map.of("record_expense", FunctionStatus.PENDING, "list_expenses", FunctionStatus.PENDING),
                    statuses(engine));
        }
    }

    @Test
    void writeAFunctionThatBringsInCodeWithoutASpec() throws Exception {
        String reply = "Here you go:\n\n```python\ndef celsius_to_fahrenheit(celsius):\n    return celsius * 9 / 5 + 32\n```\n";
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            ollama.enqueueReply(reply);
            TurnResult result = turn(engine, Conversation.create("qwen3:8b"),
                    "Write a function that converts Celsius to Fahrenheit.");
            assertEquals(List.of("celsius_to_fahrenheit"), result.discovered());
            assertEquals(FunctionStatus.NEEDS_SPEC, engine.library().find("celsius_to_fahrenheit").orElseThrow().status());
        }
    }

    @Test
    void addFromChatTakesInSampleCodeTheUserPicks() throws Exception {
        String tracker = new ReplyParser().parse(resource("tutorial/01-expense-tracker-code.md")).pythonBlocks().get(0);
        try (FakeOllama ollama = FakeOllama.start(); Engine engine = Engine.open(new Home(home), ollama.url())) {
            var added = engine.library().addFromChat(tracker);
            assertEquals(List.of("record_expense", "list_expenses"), added.functions());
            assertFalse(added.alreadyStored());
            assertEquals(FunctionStatus.NEEDS_SPEC, engine.library().find("record_expense").orElseThrow().status());
            assertTrue(engine.library().addFromChat(tracker).alreadyStored(), "the same code twice is one entry");
            assertEquals(2, engine.library().list().size());
        }
    }

    @Test
    void theUsersWordsAreReadConservatively() {
        for (String asks : List.of("Write a function that converts Celsius to Fahrenheit.",
                "Could you write a simple expense tracker?", "I need a tool to rename my photos by date",
                "Please create a helper that sums my invoices", "Turn that into a function I can call.",
                "Generate a function specification for the code you just wrote.", "Build me a habit tracker")) {
            assertTrue(LibraryIntake.asksForFunction(asks), asks);
        }
        for (String teaching : List.of("How do decorators work in Python? Please explain with an example.",
                "How do I write a function in Python?", "What is a generator?", "Show me some sample code for a loop",
                "How would you structure an expense tracker in Python?", "Log 300 rupees for a cab ride as Travel.",
                "What does the sorted function do?", "What does the code in this function do?", "", "thanks!")) {
            assertFalse(LibraryIntake.asksForFunction(teaching), teaching);
        }
    }

    private static Map<String, FunctionStatus> statuses(Engine engine) {
        return engine.library().list().stream().collect(Collectors.toMap(FunctionEntry::name, FunctionEntry::status));
    }

    private static TurnResult turn(Engine engine, Conversation chat, String text) throws Exception {
        return engine.turnLoop().run(chat, text, List.of(), new TurnListener() { }, new Cancellation());
    }

    private static String fixtureReply(String model, String scenario, int turn) throws IOException {
        for (String line : resource("fixtures/benchmark-replies-sample.jsonl").split("\n")) {
            JsonNode row = Json.MAPPER.readTree(line);
            if (row.path("model").asText().equals(model) && row.path("scenario").asText().equals(scenario)
                    && row.path("turn").asInt() == turn) {
                return row.path("content").asText();
            }
        }
        throw new IllegalStateException("no fixture reply for " + model + " " + scenario + " " + turn);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LibraryIntakeTest.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
