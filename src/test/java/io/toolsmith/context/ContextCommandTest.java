package io.toolsmith.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.agent.TurnListener;
import io.toolsmith.app.Engine;
import io.toolsmith.cli.ToolsmithCommand;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.util.Cancellation;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toolsmith context} shows what the next request carries, as the turn that sends it composes it. */
class ContextCommandTest {
    private static final int WINDOW = 4096;
    @TempDir
    Path home;
    @TempDir
    Path chats;

    @Test
    void theBreakdownIsTheOneTheNextRequestCarries() throws Exception {
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion"));
            Path file = chats.resolve("garden.json");
            GeneratedLibrary.copyApproved(300, new Home(home).functions());
            try (Engine engine = Engine.open(new Home(home), ollama.url())) {
                engine.settingsStore().update(s -> s.withNumCtx(WINDOW));
                Conversation chat = Conversation.create("qwen3:8b");
                for (int i = 0; i < 6; i++) {
                    ollama.enqueueReply("Answer " + i + ": " + "water the beds early in the morning. ".repeat(30));
                    engine.turnLoop().run(chat, "Question " + i + ": " + "how much shade do the beds need? ".repeat(20),
                            List.of(), new TurnListener() { }, new Cancellation());
                }
                // The last message fails to send, so the chat ends with it, as it will be sent again.
                ollama.enqueueError(500, "model crashed");
                assertThrows(UserFacingException.class, () -> engine.turnLoop().run(chat,
                        "I spent 300 rupees on a cab ride home today.", List.of(), new TurnListener() { },
                        new Cancellation()));
                ConversationStore.saveTo(file, chat);
            }
            int requestsBefore = ollama.chatRequests().size();

            String[] json = run(ollama, "context", "--conversation", file.toString(), "--json");
            assertEquals("0", json[0], json[2]);
            JsonNode shown = Json.MAPPER.readTree(json[1]);
            assertEquals(requestsBefore, ollama.chatRequests().size(), "nothing is sent to the model");
            assertEquals(WINDOW, shown.get("window").asInt());
            assertEquals(300, shown.get("functionsApproved").asInt());
            int offered = shown.get("functionsOffered").asInt();
            assertTrue(offered > 0 && offered < 300, shown.toString());
            assertEquals(300 - offered, shown.get("functionsHeldBack").asInt());
            assertTrue(shown.get("messagesLeftOut").asInt() > 0, "a long chat in a small window: " + shown);
            assertEquals(13, shown.get("messagesKept").asInt() + shown.get("messagesLeftOut").asInt());
            assertEquals(WINDOW, shown.get("used").asInt() + shown.get("replyReserve").asInt() + shown.get("free").asInt());

            List<ContextReport> sent = new ArrayList<>();
            try (Engine engine = Engine.open(new Home(home), ollama.url())) {
                ollama.enqueueReply("Noted.");
                engine.turnLoop().resume(ConversationStore.load(file), new TurnListener() {
                    @Override
                    public void requestComposed(ContextReport report) {
                        sent.add(report);
                    }
                }, new Cancellation());
            }
            ContextReport request = sent.get(0);
            assertEquals(request.instructions(), shown.get("instructions").asInt());
            assertEquals(request.specs(), shown.get("specs").asInt());
            assertEquals(request.history(), shown.get("history").asInt());
            assertEquals(request.leftOut(), shown.get("messagesLeftOut").asInt());
            assertEquals(request.replyReserve(), shown.get("replyReserve").asInt());
            assertEquals(request.offered(), Json.MAPPER.convertValue(shown.get("offered"), List.class));
            assertTrue(request.offered().contains("record_expense"), "the message is about it: " + request.offered());

            String[] table = run(ollama, "context", "--conversation", file.toString());
            assertEquals("0", table[0], table[2]);
            assertTrue(table[1].contains("of the 4,096 tokens of its context window"), table[1]);
            assertTrue(table[1].contains(offered + " of 300 offered, " + (300 - offered) + " held back"), table[1]);
            assertTrue(table[1].matches("(?s).*chat +[0-9,]+ +[0-9]+ messages? kept, [0-9]+ earlier left out.*"), table[1]);
        }
    }

    @Test
    void aNewChatCarriesTheInstructionsAndNothingElse() throws Exception {
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.setModels(new FakeModels.Model("qwen3:8b", "qwen3", List.of("completion"), 40_960, 1L));
            String[] table = run(ollama, "context");
            assertEquals("0", table[0], table[2]);
            assertTrue(table[1].startsWith("The next request to qwen3:8b would take about"), table[1]);
            assertTrue(table[1].contains("of the 8,192 tokens"), "the model's own length, capped: " + table[1]);
            assertTrue(table[1].contains("no functions are approved"), table[1]);
            assertTrue(table[1].matches("(?s).*chat +[0-9]+ +0 messages kept\n.*"), table[1]);
            JsonNode shown = Json.MAPPER.readTree(run(ollama, "context", "--json")[1]);
            assertTrue(shown.get("instructions").asInt() > 1000, shown.toString());
            assertEquals(0, shown.get("specs").asInt());
            assertEquals(0, shown.get("messagesKept").asInt());
            assertTrue(shown.get("history").asInt() < 20, "only the message frame of the instructions: " + shown);
            assertTrue(ollama.chatRequests().isEmpty(), "nothing is sent to the model");
        }
    }

    @Test
    void aMissingChatFileIsNamed() {
        try (FakeOllama ollama = FakeOllama.start()) {
            ollama.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion"));
            String[] result = run(ollama, "context", "--conversation", chats.resolve("none.json").toString());
            assertTrue(!"0".equals(result[0]), "the command fails: " + result[2]);
            assertTrue(result[2].contains("There is no chat file at"), result[2]);
            assertTrue(!result[2].contains("Exception"), result[2]);
        }
    }

    private String[] run(FakeOllama ollama, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--home";
        all[1] = home.toString();
        all[2] = "--host";
        all[3] = ollama.url();
        System.arraycopy(args, 0, all, 4, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new String[] {String.valueOf(cli.execute(all)), out.toString(), err.toString()};
    }
}
