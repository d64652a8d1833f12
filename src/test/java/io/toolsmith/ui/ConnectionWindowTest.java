package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.fakes.ManualProbeClock;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.window.ConnectionState;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The window over the real engine against a scripted Ollama stand-in that fails, dies and comes back: Retry, the
 * connection state and its probe (on a clock the test turns), and a reply broken off by the connection. What a chat
 * sends besides its messages is in {@link ChatRequestWindowTest}.
 */
@ExtendWith(WindowTestExtension.class)
class ConnectionWindowTest {
    @TempDir
    Path home;
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
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().canRetryProperty().get(),
                () -> "state " + app.chat().state() + ", messages " + roles() + ", requests "
                        + ollama.chatRequests().size() + ", input \"" + app.chat().draftProperty().get() + "\"");
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
}
