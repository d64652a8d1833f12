package io.toolsmith.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.agent.TurnListener;
import io.toolsmith.agent.TurnResult;
import io.toolsmith.app.Engine;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With 300 approved functions, a request offers the ones that matter, and find_functions reaches the others. */
class FunctionsThatMatterTest {
    private static final int WINDOW = 8192;
    @TempDir
    static Path home;
    private static FakeOllama ollama;
    private static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        ollama = FakeOllama.start();
        GeneratedLibrary.copyApproved(300, new Home(home).functions());
        engine = Engine.open(new Home(home), ollama.url());
        engine.settingsStore().update(s -> s.withNumCtx(WINDOW));
    }

    @AfterAll
    static void stop() {
        engine.close();
        ollama.close();
    }

    @Test
    void aRequestAboutOneFunctionCarriesItsSpecAndStaysWithinTheBudget() throws Exception {
        assertEquals(300, engine.library().approvedSpecs().size());
        ollama.enqueue(CountingReplies.reply("Noted.", 4.0));
        List<ContextReport> reports = new ArrayList<>();
        engine.turnLoop().run(Conversation.create("qwen3:8b"), "I spent 300 rupees on a cab ride home today. Log "
                + "it as travel.", List.of(), listener(reports), new Cancellation());

        JsonNode request = ollama.chatRequests().get(ollama.chatRequests().size() - 1);
        String system = request.get("messages").get(0).get("content").asText();
        assertTrue(system.contains(GeneratedLibrary.RECORD_EXPENSE_DESCRIPTION), "the function the message is about is offered");
        int window = request.path("options").path("num_ctx").asInt();
        assertEquals(WINDOW, window);
        int budget = window - Math.min(engine.settings().maxTokens(), window / 4);
        long sent = CountingReplies.tokens(request, 4.0);
        assertTrue(sent <= budget, sent + " tokens sent, budget " + budget);
        long everything = sent + engine.library().approvedSpecs().stream()
                .mapToLong(spec -> (long) Math.ceil(io.toolsmith.protocol.Prompts.specsBlock(List.of(spec)).length()
                        / 4.0)).sum();
        assertTrue(everything > window, "all 300 specs would not have fitted: " + everything);
        ContextReport report = reports.get(0);
        assertEquals(300, report.approved());
        assertTrue(report.offered().contains("record_expense"));
        assertTrue(report.offered().size() < 300);
        assertTrue(system.contains("Only " + report.offered().size() + " of the 300 approved functions"), system);
    }

    @Test
    void findFunctionsAnswersWithMatchingSpecsWithoutTheSandbox() throws Exception {
        ollama.enqueue(CountingReplies.reply("```function_call\n{\"id\": \"f1\", \"function\": \"find_functions\", "
                + "\"parameters\": {\"query\": \"convert money between currencies\"}}\n```", 4.0));
        ollama.enqueue(CountingReplies.reply("```function_call\n{\"id\": \"f2\", \"function\": \"find_functions\", "
                + "\"parameters\": {}}\n```", 4.0));
        ollama.enqueue(CountingReplies.reply("Done.", 4.0));
        TurnResult result = engine.turnLoop().run(Conversation.create("qwen3:8b"), "Log my plant watering.",
                List.of(), new TurnListener() { }, new Cancellation());

        CallRecord found = result.calls().get(0);
        assertEquals(CallRecord.CallStatus.OK, found.status());
        assertEquals("convert_currency", found.result().get(0).get("name").asText(), found.result().toString());
        assertTrue(found.result().size() <= FindFunctions.LIMIT);
        assertEquals("MissingQueryError", result.calls().get(1).errorName());

        List<JsonNode> requests = ollama.chatRequests();
        JsonNode second = requests.get(requests.size() - 2).get("messages");
        String outputs = second.get(second.size() - 1).get("content").asText();
        assertTrue(outputs.startsWith("```function_output"), outputs);
        JsonNode output = Json.MAPPER.readTree(outputs.substring(outputs.indexOf('\n') + 1, outputs.lastIndexOf("```")));
        assertEquals("f1", output.get("id").asText());
        assertEquals("convert_currency", output.get("result").get(0).get("name").asText());
        assertEquals(requests.get(requests.size() - 3).get("messages").get(0),
                requests.get(requests.size() - 1).get("messages").get(0), "the turn's requests start the same");
        assertTrue(!Files.exists(home.resolve("activity.jsonl"))
                || Files.readString(home.resolve("activity.jsonl")).isBlank(), "nothing ran in the sandbox");
    }

    private static TurnListener listener(List<ContextReport> reports) {
        return new TurnListener() {
            @Override
            public void requestComposed(ContextReport report) {
                reports.add(report);
            }
        };
    }
}
