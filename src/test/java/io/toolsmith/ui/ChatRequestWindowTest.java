package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.conversation.Instructions;
import io.toolsmith.protocol.Prompts;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.testing.Input;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * What a chat sends besides its messages, over the real engine against a scripted Ollama stand-in: its own system
 * prompt and options, files put in the data folder (sanitised names, never written through a link, replaced only
 * after asking, with an undo) and a pasted picture. The tests share one window (built once, as a window and its
 * engine cost more than most tests do with them); each starts in a new chat of its own and puts files of its own
 * names in the data folder. The connection's own states are in {@link ConnectionWindowTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatRequestWindowTest {
    @TempDir
    static Path home;
    private final FxRobot robot = new FxRobot();
    private FakeOllama ollama;
    private RealApp app;
    /** The model server's requests before the test's own. */
    private int sentBefore;

    @BeforeAll
    void start() throws Exception {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion", "tools", "vision"));
        app = RealApp.openShared(home, ollama.url());
        app.waitUntilConnected();
    }

    @BeforeEach
    void newChat() {
        app.openEmptyChat(robot);
        sentBefore = ollama.chatRequests().size();
    }

    @AfterEach
    void releaseInput() {
        Input.releaseHeld(robot);
    }

    @AfterAll
    void close() {
        app.close();
        ollama.close();
    }

    @Test
    void aChatsOwnSystemPromptAndPresetReachTheRequestAfterToolsmithsInstructions() throws Exception {
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
        JsonNode request = ollama.chatRequests().get(sentBefore);
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
    void aFilePutInTheDataFolderArrivesThereAndTheRequestNamesIt(@TempDir Path outside) throws Exception {
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
        JsonNode messages = ollama.chatRequests().get(sentBefore).get("messages");
        String user = messages.get(messages.size() - 1).get("content").asText();
        assertTrue(user.startsWith("Sum the amounts in the file I gave you"));
        assertTrue(user.contains("`~/data/my_expenses-2.csv`"), user);
        assertTrue(app.chat().files().isEmpty(), "sent with the message");
    }

    @Test
    void aFileOfTheSameNameIsReplacedOnlyAfterAskingAndTheReplaceCanBeUndone(@TempDir Path outside) throws Exception {
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
    void ctrlVAttachesAPictureFromTheClipboardAndItIsSentWithTheMessage() {
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
        JsonNode messages = ollama.chatRequests().get(sentBefore).get("messages");
        JsonNode images = messages.get(messages.size() - 1).get("images");
        assertEquals(1, images.size());
        byte[] png = java.util.Base64.getDecoder().decode(images.get(0).asText());
        javafx.scene.image.Image read = new javafx.scene.image.Image(new java.io.ByteArrayInputStream(png));
        assertEquals(4, (int) read.getWidth(), "the pasted picture itself, as a PNG");
        assertEquals(3, (int) read.getHeight());
        assertEquals(0xff2080c0, read.getPixelReader().getArgb(1, 1));
    }

    private Path chatFile(String id) throws Exception {
        try (var files = Files.walk(home)) {
            return files.filter(p -> p.getFileName().toString().equals(id + ".json")).findFirst().orElseThrow();
        }
    }
}
