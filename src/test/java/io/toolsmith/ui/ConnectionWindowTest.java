package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.conversation.Instructions;
import io.toolsmith.protocol.Prompts;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.fakes.ManualProbeClock;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.window.ConnectionState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The window over the real engine against a scripted Ollama stand-in that fails, dies and comes back: Retry, the
 * connection state and its probe (on a clock the test turns), a chat's own system prompt and options, and files put
 * in the data folder.
 */
@ExtendWith(WindowTestExtension.class)
class ConnectionWindowTest {
    @TempDir
    Path home;
    @TempDir
    Path outside;
    private FakeOllama ollama;
    private RealApp app;
    private final ManualProbeClock clock = new ManualProbeClock();

    @Start
    void start(Stage stage) {
        ollama = started(FakeOllama.start());
        app = new RealApp(home, ollama.url(), clock).show();
    }

    private static FakeOllama started(FakeOllama server) {
        server.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion", "tools", "vision"));
        return server;
    }

    @AfterEach
    void close() {
        app.close();
        ollama.close();
    }

    private Label connection(FxRobot robot) {
        return robot.lookup("#connection-state").queryAs(Label.class);
    }

    private void waitUntilConnected() {
        waitUntil(() -> app.chat() != null && app.context.models().stateProperty().get() == ConnectionState.CONNECTED);
    }

    @Test
    void retrySendsTheSameRequestAgainAfterAFailureAndNoEmptyReplyIsLeft(FxRobot robot) {
        waitUntilConnected();
        ollama.enqueueError(500, "llama runner process has terminated");
        typeAndPressEnter(robot, "What is 6 times 7?");
        waitUntil(() -> app.chat().state() == ChatState.IDLE && app.chat().canRetryProperty().get());
        assertEquals(List.of(MessageRole.USER, MessageRole.ERROR), roles(), "the failure instead of an empty reply");
        assertTrue(robot.lookup("#retry-button").query().isVisible());
        assertFalse(robot.lookup("#continue-button").query().isVisible(), "nothing of a reply to continue from");

        ollama.enqueueReply("42");
        click(robot, "#retry-button");
        waitUntil(() -> app.chat().state() == ChatState.IDLE && app.last().role() == MessageRole.ASSISTANT);
        assertEquals("42", app.last().text());
        assertFalse(robot.lookup("#retry-button").query().isVisible());
        List<JsonNode> sent = ollama.chatRequests();
        assertEquals(2, sent.size());
        assertEquals(sent.get(0).get("messages"), sent.get(1).get("messages"), "the same request again");
        assertEquals(1, count(sent.get(1).get("messages"), "What is 6 times 7?"), "the message is not stored twice");
    }

    @Test
    void theStateFollowsTheServerDownAndBackByItself(FxRobot robot) {
        waitUntilConnected();
        waitUntil(() -> "Connected".equals(connection(robot).getText()));
        int port = URI.create(ollama.url()).getPort();
        ollama.close(); // the server dies

        typeAndPressEnter(robot, "Are you there?");
        waitUntil(() -> app.chat().state() == ChatState.IDLE && "Not connected".equals(connection(robot).getText()));
        assertEquals(ConnectionState.UNREACHABLE, app.context.models().stateProperty().get());
        assertEquals(List.of(MessageRole.USER, MessageRole.ERROR), roles(), "no empty reply bubble");
        assertTrue(robot.lookup("#retry-button").query().isVisible());
        assertTrue(robot.lookup("#banner").query().isVisible(), "the banner says why");
        assertEquals(List.of(Duration.ofSeconds(1)), clock.delays(), "the first probe comes after a second");

        clock.runScheduled(); // still down
        waitUntil(() -> clock.pending() == 1);
        clock.runScheduled();
        waitUntil(() -> clock.pending() == 1);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)), clock.delays(),
                "it backs off while the server stays away");
        assertEquals("Not connected", connection(robot).getText());

        ollama = started(FakeOllama.startOn(port)); // back on the same port
        clock.runScheduled();
        waitUntil(() -> "Connected".equals(connection(robot).getText()));
        assertEquals(0, clock.pending(), "no probe while connected");
        assertFalse(robot.lookup("#banner").query().isVisible());
        assertEquals("qwen3:8b", app.context.models().selectedProperty().get().name(), "the model list is fresh");

        ollama.enqueueReply("Yes.");
        click(robot, "#retry-button");
        waitUntil(() -> app.chat().state() == ChatState.IDLE && app.last().role() == MessageRole.ASSISTANT);
        assertEquals("Yes.", app.last().text());
        assertEquals("Connected", connection(robot).getText());
    }

    @Test
    void aServerThatListsModelsButFailsEveryChatRequestSaysSoAndDoesNotFlip(FxRobot robot) {
        waitUntilConnected();
        waitUntil(() -> "Connected".equals(connection(robot).getText()));
        String failure = "model requires more system memory (7.6 GiB) than is available (3.2 GiB)";
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> app.context.models().stateProperty().addListener((obs, old, now) -> seen.add(now.name())));

        for (int i = 0; i < 2; i++) {
            ollama.enqueueError(500, failure);
            typeAndPressEnter(robot, "Hello " + i);
            waitUntil(() -> app.chat().state() == ChatState.IDLE && app.chat().canRetryProperty().get());
            waitUntil(() -> "Connected, chat failing".equals(connection(robot).getText()));
            assertEquals(ConnectionState.CHAT_FAILING, app.context.models().stateProperty().get());
            assertTrue(app.context.models().sentenceProperty().get().contains("but chat requests fail: Ollama failed: "
                    + failure), app.context.models().sentenceProperty().get());
            assertTrue(connection(robot).getStyleClass().contains("chat-failing"));
            assertFalse(robot.lookup("#banner").query().isVisible(), "a warning, not a lost connection");
            assertEquals(0, clock.pending(), "no probe: the server answers");

            robot.interact(() -> app.context.models().refresh()); // the model list still answers
            waitUntil(() -> app.context.models().stateProperty().get() != ConnectionState.CHECKING);
            assertEquals("Connected, chat failing", connection(robot).getText(), "the listing does not reset it");
        }
        assertFalse(seen.contains(ConnectionState.UNREACHABLE.name()), "never shown as not connected: " + seen);
        assertEquals(List.of("CHAT_FAILING", "CHECKING", "CHAT_FAILING", "CHECKING", "CHAT_FAILING"), seen,
                "never plainly connected while chat requests fail");

        ollama.enqueueReply("Hello.");
        click(robot, "#retry-button");
        waitUntil(() -> app.chat().state() == ChatState.IDLE && app.last().role() == MessageRole.ASSISTANT);
        waitUntil(() -> "Connected".equals(connection(robot).getText()));
        assertFalse(connection(robot).getStyleClass().contains("chat-failing"));
    }

    @Test
    void aReplyBrokenOffByTheConnectionOffersContinueAndTheStateSaysNotConnected(FxRobot robot) {
        waitUntilConnected();
        ollama.enqueueTruncated("The answer is", FakeOllama.Ending.RESET);
        typeAndPressEnter(robot, "What is the answer?");
        waitUntil(() -> app.chat().state() == ChatState.IDLE && app.chat().canContinueProperty().get());
        assertEquals("Not connected", connection(robot).getText(), "the connection broke in the middle of the reply");
        assertTrue(robot.lookup("#continue-button").query().isVisible());
        assertFalse(robot.lookup("#retry-button").query().isVisible(), "part of the reply arrived: Continue, not Retry");

        clock.runScheduled(); // the server itself is still there, but the reply broke off: not plainly connected
        waitUntil(() -> "Connected, chat failing".equals(connection(robot).getText()));
        ollama.enqueueReply("The answer is 42.");
        click(robot, "#continue-button");
        waitUntil(() -> app.chat().state() == ChatState.IDLE && app.last().role() == MessageRole.ASSISTANT);
        assertEquals("The answer is 42.", app.last().text());
        assertEquals("Connected", connection(robot).getText(), "a whole reply came");
        assertEquals(List.of(MessageRole.USER, MessageRole.ASSISTANT), roles(),
                "the broken-off reply is replaced, not kept, and its problem goes once the whole reply came");
    }

    @Test
    void aChatsOwnSystemPromptAndPresetReachTheRequestAfterToolsmithsInstructions(FxRobot robot) throws Exception {
        waitUntilConnected();
        click(robot, "#chat-options-button");
        waitUntil(() -> robot.lookup("#system-prompt").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#preset-choice").queryAs(ComboBox.class).setValue("Custom");
            robot.lookup("#preset-temperature").queryAs(TextField.class).setText("0.35");
            robot.lookup("#preset-context").queryAs(TextField.class).setText("6144");
            robot.lookup("#system-prompt").queryAs(TextArea.class).setText("Answer like a pirate.");
        });
        click(robot, "#preset-save");
        waitUntil(() -> robot.lookup("#chat-header-prompt").queryAs(Label.class).isVisible());
        assertEquals("Custom · temperature 0.35 · 6,144 tokens",
                robot.lookup("#chat-header-preset").queryAs(Label.class).getText());

        ollama.enqueueReply("Arr.");
        typeAndPressEnter(robot, "Hello");
        waitUntil(() -> app.chat().state() == ChatState.IDLE && app.last().role() == MessageRole.ASSISTANT);
        JsonNode request = ollama.chatRequests().get(0);
        JsonNode system = request.get("messages").get(0);
        assertEquals("system", system.get("role").asText());
        String text = system.get("content").asText();
        assertTrue(text.startsWith(Prompts.functionCalling().strip()), "Toolsmith's instructions stay first");
        assertTrue(text.strip().endsWith(Instructions.CHAT_PROMPT_HEADING + "\n\nAnswer like a pirate."),
                "the chat's prompt comes after them");
        assertEquals(0.35, request.get("options").get("temperature").asDouble());
        assertEquals(6144, request.get("options").get("num_ctx").asInt());

        String saved = Files.readString(chatFile(app.chat().conversationId()), StandardCharsets.UTF_8);
        assertTrue(saved.contains("Answer like a pirate."), "kept in the chat file");
    }

    @Test
    void aFilePutInTheDataFolderArrivesThereAndTheRequestNamesIt(FxRobot robot) throws Exception {
        waitUntilConnected();
        Path csv = outside.resolve("my expenses.csv");
        Files.writeString(csv, "date,amount\n2025-07-07,300\n");
        Path data = app.engine.dataFolder();
        Files.createDirectories(data);
        // a link a function could have left under the same name must not be written through
        Path target = outside.resolve("victim.txt");
        Files.writeString(target, "untouched");
        Files.createSymbolicLink(data.resolve("my_expenses.csv"), target);

        robot.interact(() -> app.chat().attachToDataFolder(List.of(csv)));
        waitUntil(() -> app.chat().files().size() == 1);
        String name = app.chat().files().get(0).name();
        assertEquals("my_expenses-2.csv", name, "the name is sanitised and nothing is overwritten");
        assertTrue(robot.lookup("#attach-problem").queryAs(Label.class).getText().contains("nothing was overwritten"));
        assertEquals("date,amount\n2025-07-07,300\n", Files.readString(data.resolve(name)));
        assertEquals("untouched", Files.readString(target));
        assertTrue(Files.isSymbolicLink(data.resolve("my_expenses.csv")));

        ollama.enqueueReply("I see the file.");
        typeAndPressEnter(robot, "Sum the amounts in the file I gave you");
        waitUntil(() -> app.chat().state() == ChatState.IDLE && app.last().role() == MessageRole.ASSISTANT);
        JsonNode messages = ollama.chatRequests().get(0).get("messages");
        String user = messages.get(messages.size() - 1).get("content").asText();
        assertTrue(user.startsWith("Sum the amounts in the file I gave you"));
        assertTrue(user.contains("`~/data/my_expenses-2.csv`"), user);
        assertTrue(app.chat().files().isEmpty(), "sent with the message");
    }

    @Test
    void aFileOfTheSameNameIsReplacedOnlyAfterAskingAndTheReplaceCanBeUndone(FxRobot robot) throws Exception {
        waitUntilConnected();
        Path data = app.engine.dataFolder();
        Files.createDirectories(data);
        Files.writeString(data.resolve("notes.csv"), "old");
        Path csv = Files.writeString(outside.resolve("notes.csv"), "new");

        robot.interact(() -> app.chat().attachToDataFolder(List.of(csv)));
        waitUntil(() -> robot.lookup("#name-in-use-cancel").tryQuery().isPresent());
        assertTrue(robot.lookup("#name-in-use-text").queryAs(Label.class).getText()
                .startsWith("A file named notes.csv is already in the data folder."));
        click(robot, "#name-in-use-cancel");
        waitUntil(() -> robot.lookup("#name-in-use-dialog").tryQuery().isEmpty());
        assertTrue(app.chat().files().isEmpty(), "cancelled: nothing attached");
        assertEquals("old", Files.readString(data.resolve("notes.csv")));

        robot.interact(() -> app.chat().attachToDataFolder(List.of(csv)));
        waitUntil(() -> robot.lookup("#name-in-use-keep-both").tryQuery().isPresent());
        click(robot, "#name-in-use-keep-both");
        waitUntil(() -> app.chat().files().size() == 1);
        assertEquals("notes-2.csv", app.chat().files().get(0).name());
        assertEquals("old", Files.readString(data.resolve("notes.csv")));
        assertEquals("new", Files.readString(data.resolve("notes-2.csv")));

        Files.writeString(csv, "newer");
        robot.interact(() -> app.chat().attachToDataFolder(List.of(csv)));
        waitUntil(() -> robot.lookup("#name-in-use-replace").tryQuery().isPresent());
        click(robot, "#name-in-use-replace");
        waitUntil(() -> app.chat().files().size() == 2);
        assertEquals("notes.csv", app.chat().files().get(1).name());
        assertEquals("newer", Files.readString(data.resolve("notes.csv")));
        assertTrue(robot.lookup("#attach-problem").queryAs(Label.class).getText().startsWith(
                "notes.csv in the data folder was replaced"));

        io.toolsmith.data.Snapshot before = app.engine.snapshots().latest().orElseThrow();
        assertEquals("replacing notes.csv", before.label());
        app.engine.snapshots().restore(before.id());
        assertEquals("old", Files.readString(data.resolve("notes.csv")), "the undo brings the old file back");
    }

    @Test
    void ctrlVAttachesAPictureFromTheClipboardAndItIsSentWithTheMessage(FxRobot robot) {
        waitUntilConnected();
        waitUntil(() -> app.chat().visionAvailableProperty().get());
        robot.interact(() -> {
            javafx.scene.image.WritableImage picture = new javafx.scene.image.WritableImage(4, 3);
            for (int x = 0; x < 4; x++) {
                for (int y = 0; y < 3; y++) {
                    picture.getPixelWriter().setArgb(x, y, 0xff2080c0);
                }
            }
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putImage(picture);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        click(robot, "#chat-input");
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.V);
        waitUntil(() -> app.chat().attachments().size() == 1);
        Path pasted = app.chat().attachments().get(0);
        assertTrue(pasted.getFileName().toString().endsWith(".png"));

        ollama.enqueueReply("A blue square.");
        typeAndPressEnter(robot, "What is this?");
        waitUntil(() -> app.chat().state() == ChatState.IDLE && app.last().role() == MessageRole.ASSISTANT);
        JsonNode messages = ollama.chatRequests().get(0).get("messages");
        JsonNode images = messages.get(messages.size() - 1).get("images");
        assertEquals(1, images.size());
        byte[] png = java.util.Base64.getDecoder().decode(images.get(0).asText());
        javafx.scene.image.Image read = new javafx.scene.image.Image(new java.io.ByteArrayInputStream(png));
        assertEquals(4, (int) read.getWidth(), "the pasted picture itself, as a PNG");
        assertEquals(3, (int) read.getHeight());
        assertEquals(0xff2080c0, read.getPixelReader().getArgb(1, 1));
    }

    private List<MessageRole> roles() {
        return app.chat().messages().stream().map(m -> m.role()).toList();
    }

    private static int count(JsonNode messages, String text) {
        int n = 0;
        for (JsonNode m : messages) {
            if (m.get("content").asText().contains(text)) {
                n++;
            }
        }
        return n;
    }

    private Path chatFile(String id) throws Exception {
        try (var files = Files.walk(home)) {
            return files.filter(p -> p.getFileName().toString().equals(id + ".json")).findFirst().orElseThrow();
        }
    }
}
