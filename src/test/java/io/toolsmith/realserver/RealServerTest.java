package io.toolsmith.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.agent.TurnListener;
import io.toolsmith.agent.TurnResult;
import io.toolsmith.app.Engine;
import io.toolsmith.cli.ToolsmithCommand;
import io.toolsmith.conversation.CallRecord;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.Message;
import io.toolsmith.llm.ChatMessage;
import io.toolsmith.llm.ChatOptions;
import io.toolsmith.llm.ChatReply;
import io.toolsmith.llm.ChatRequest;
import io.toolsmith.llm.LlmException;
import io.toolsmith.llm.ModelInfo;
import io.toolsmith.llm.OpenAiCompatibleClient;
import io.toolsmith.llm.StreamListener;
import io.toolsmith.llm.ToolSpec;
import io.toolsmith.protocol.ParsedReply;
import io.toolsmith.protocol.ReplyParser;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.testing.RealServer;
import io.toolsmith.testing.TestPython;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Toolsmith against a real llama.cpp llama-server (random weights, Qwen 2.5's shape and chat template): what a
 * scripted stand-in cannot show about connections, streaming, Stop, length endings, context errors, the model list
 * and tool templates. Only with {@code ./mvnw verify -Preal-server}; see README, "Tests against a real server".
 * The model writes random text, so the tests check what the server and the app do, never what the model says;
 * a grammar makes it write a real record_expense call where the loop needs one.
 */
@Tag("real-server")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RealServerTest {
    /** Short instructions keep each prompt small: the random model reads about 35 tokens a second on two busy cores. */
    private static final String SHORT_PROMPT = "Call functions with function_call blocks.";
    private static RealServer server;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start("-n", "1024");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aForcedCallRunsThroughTheWholeLoopAndItsOutputReachesTheServer() throws Exception {
        try (RealServer forced = RealServer.start("-n", "200", "--grammar-file",
                RealServer.kitFile("grammars/record_expense.gbnf").toString())) {
            Settings settings = settings(forced.url());
            settings = settings.withStepLimit(2);
            try (Engine engine = engine(settings)) {
                addTheExpenseTracker(engine);
                engine.library().approve("record_expense", false);
                Conversation chat = Conversation.create(RealServer.MODEL);

                TurnResult result = engine.turnLoop().run(chat, "I spent 12 rupees on food today.", List.of(),
                        new TurnListener() { }, new Cancellation());

                // Every reply is a call (the grammar), so the step limit ends the turn after two rounds; the second
                // request carried the first call's output on a new connection after the server closed the first.
                assertTrue(result.stoppedAtStepLimit(), result.warnings().toString());
                assertEquals(2, result.calls().size());
                for (CallRecord call : result.calls()) {
                    assertEquals(CallRecord.CallStatus.OK, call.status(), call.errorMessage());
                }
                JsonNode stored = Json.MAPPER.readTree(python("import pickle,json,sys; print(json.dumps(pickle.load("
                        + "open(sys.argv[1],'rb'))))", home.resolve("data/expenses.pkl")));
                assertEquals(2, stored.size());
                for (int i = 0; i < 2; i++) {
                    assertEquals(result.calls().get(i).arguments().get("amount").asInt(), stored.get(i).get("amount").asInt());
                    assertEquals("2025-07-07", stored.get(i).get("date").asText());
                }
                assertEquals(2, chat.messages().stream().filter(m -> m.kind() == Message.Kind.FUNCTION_OUTPUTS).count());
            }
        }
    }

    @Test
    void aReplyStreamsAndStopEndsItWithTheTextKept() throws Exception {
        OpenAiCompatibleClient client = new OpenAiCompatibleClient(server.url(), null);
        Cancellation cancel = new Cancellation();
        List<String> pieces = new ArrayList<>();
        ChatReply stopped = client.chat(new ChatRequest(RealServer.MODEL, List.of(ChatMessage.user("Tell a long story.")),
                new ChatOptions(null, null, null, 1L, null, 1000), List.of()), delta -> {
                    pieces.add(delta);
                    if (pieces.size() == 5) {
                        cancel.cancel();
                    }
                }, cancel);

        assertTrue(stopped.cancelled());
        assertFalse(stopped.complete());
        assertTrue(pieces.size() >= 5 && pieces.size() < 100, "streamed piece by piece, then stopped: " + pieces.size());
        assertEquals(String.join("", pieces), stopped.content());
        // The server noticed the closed connection and freed its only slot: the next reply is served in full.
        ChatReply next = client.chat(new ChatRequest(RealServer.MODEL, List.of(ChatMessage.user("Hi")),
                new ChatOptions(null, null, null, 1L, null, 4), List.of()), StreamListener.IGNORE, new Cancellation());
        assertTrue(next.complete());
    }

    @Test
    void aReplyEndedForLengthIsMarkedCutOffOnTheCommandLine() throws Exception {
        Settings settings = settings(server.url());
        settings = settings.withMaxTokens(16);
        new SettingsStore(new Home(home).settingsFile()).save(settings);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("--home", home.toString(), "chat", "--model", RealServer.MODEL, "--json", "Hello");

        assertEquals(0, exit, err.toString());
        JsonNode turn = Json.MAPPER.readTree(out.toString());
        assertTrue(turn.get("cutOff").asBoolean(), out.toString());
        assertTrue(turn.get("warnings").toString().contains("cut off at the length limit (16 tokens)"), out.toString());
    }

    @Test
    void aPromptOverTheContextSizeIsASentence() {
        String tooLong = "hello world ".repeat(3000); // about 6,000 tokens against the server's 4,096
        LlmException e = assertThrows(LlmException.class, () -> new OpenAiCompatibleClient(server.url(), null).chat(
                new ChatRequest(RealServer.MODEL, List.of(ChatMessage.user(tooLong))), StreamListener.IGNORE,
                new Cancellation()));
        assertEquals(LlmException.Kind.CONTEXT_FULL, e.kind());
        assertTrue(e.getMessage().contains("context window") && e.getMessage().contains("4096"), e.getMessage());
    }

    @Test
    void theModelListNamesTheModelAndAnUnknownNameIsRefusedBeforeAnythingIsSaved() throws Exception {
        OpenAiCompatibleClient client = new OpenAiCompatibleClient(server.url(), null);
        assertEquals(List.of(RealServer.MODEL), client.listModels().stream().map(ModelInfo::name).toList());
        assertEquals(4096, client.showModel(RealServer.MODEL).contextLength(), "the context the server runs with");

        try (Engine engine = engine(settings(server.url()))) {
            Conversation chat = Conversation.create("gpt-4o");
            LlmException e = assertThrows(LlmException.class, () -> engine.turnLoop().run(chat, "Hi", List.of(),
                    new TurnListener() { }, new Cancellation()));
            assertEquals(LlmException.Kind.MODEL_NOT_FOUND, e.kind());
            assertTrue(e.getMessage().contains(RealServer.MODEL), e.getMessage());
            assertTrue(chat.messages().isEmpty(), "nothing was stored for a model the server does not have");
        }
    }

    @Test
    void nativeToolDefinitionsAreAcceptedByTheServersTemplate() throws Exception {
        JsonNode parameters = Json.MAPPER.readTree("{\"type\": \"object\", \"properties\": {\"category\": {\"type\": "
                + "\"string\"}, \"amount\": {\"type\": \"number\"}}, \"required\": [\"category\", \"amount\"]}");
        ChatReply reply = new OpenAiCompatibleClient(server.url(), null).chat(new ChatRequest(RealServer.MODEL,
                List.of(ChatMessage.user("Log 12 for food.")), new ChatOptions(null, null, null, 1L, null, 8),
                List.of(new ToolSpec("record_expense", "Records an expense.", parameters))),
                StreamListener.IGNORE, new Cancellation());
        assertTrue(reply.complete(), "the server took the tools and answered");
    }

    private Settings settings(String url) {
        Settings settings = Settings.defaults().withBackend(io.toolsmith.settings.Backend.OPENAI).withOpenaiBaseUrl(url)
                .withFunctionCallingPrompt(SHORT_PROMPT).withFunctionWritingPrompt(SHORT_PROMPT)
                .withInstructionMode(io.toolsmith.settings.InstructionMode.SYSTEM).withSeed(1L);
        return settings;
    }

    private Engine engine(Settings settings) throws Exception {
        new SettingsStore(new Home(home).settingsFile()).save(settings);
        return Engine.open(new Home(home), null);
    }

    private static void addTheExpenseTracker(Engine engine) throws Exception {
        ReplyParser parser = new ReplyParser();
        for (String file : List.of("01-expense-tracker-code.md", "02-expense-tracker-specs.md")) {
            ParsedReply parsed = parser.parse(resource(file));
            for (String code : parsed.pythonBlocks()) {
                engine.library().addCode(code);
            }
            for (var spec : parsed.specs()) {
                engine.library().addSpec(spec.spec());
            }
        }
    }

    private static String resource(String name) throws Exception {
        try (var in = RealServerTest.class.getResourceAsStream("/tutorial/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String python(String code, Path argument) throws Exception {
        Process process = new ProcessBuilder(TestPython.executable(), "-S", "-c", code, argument.toString()).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), text);
        return text;
    }
}
