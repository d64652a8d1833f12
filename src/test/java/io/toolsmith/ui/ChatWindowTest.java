package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerDark;
import io.toolsmith.llm.ModelInfo;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.testing.Input;
import io.toolsmith.ui.theme.ThemeManager;
import io.toolsmith.ui.window.ConnectionState;
import java.nio.file.Path;
import java.time.Duration;
import javafx.application.Application;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The window over the real engine, with a scripted Ollama stand-in playing the model, for what needs no function:
 * the model picker's badges, the theme toggle, Stop during a reply, and a reply that keeps streaming into its own
 * chat while another is opened. The tests share one window; each starts in an empty chat of its own, and none
 * changes the library or the data folder. The flows that do are in {@link RealWindowTest}, each on a home of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatWindowTest {
    @TempDir
    static Path home;
    private final FxRobot robot = new FxRobot();
    private FakeOllama ollama;
    private RealApp app;

    @BeforeAll
    void start() throws Exception {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("gemma3:12b", "gemma3", "completion", "vision"),
                FakeModels.Model.of("qwen3:8b", "qwen3", "completion", "tools", "thinking"));
        app = RealApp.openShared(home, ollama.url());
    }

    @BeforeEach
    void emptyChat() {
        app.openEmptyChat(robot);
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
    void stopDuringStreamingKeepsThePartialReply() {
        int sentBefore = ollama.chatRequests().size();
        ollama.enqueueReply("word ".repeat(400), 3, Duration.ofMillis(15));
        waitUntil(() -> app.chat() != null);
        typeAndPressEnter(robot, "Tell me a long story");
        waitUntil(() -> app.chat().state() == ChatState.STREAMING && app.last().text().length() > 30);
        click(robot, "#stop-button");
        waitUntil(() -> app.chat().state() == ChatState.IDLE);
        assertTrue(robot.lookup("#send-button").query().isVisible());
        String shown = app.last().text();
        assertTrue(shown.length() < "word ".repeat(400).length(), "stopped before the end");
        assertTrue(app.chat().messages().stream().noneMatch(m -> m.role() == MessageRole.ERROR));
        assertEquals(sentBefore + 1, ollama.chatRequests().size());
    }

    @Test
    void aReplyKeepsStreamingIntoItsOwnChatWhenTheUserOpensAnother() {
        String story = "slow ".repeat(150);
        ollama.enqueueReply(story, 3, Duration.ofMillis(10));
        waitUntil(() -> app.chat() != null);
        var first = app.chat();
        typeAndPressEnter(robot, "Tell me a slow story");
        waitUntil(() -> first.state() == ChatState.STREAMING && app.last().text().length() > 10);
        click(robot, "#new-chat");
        waitUntil(() -> app.chat() != first);
        var second = app.chat();
        waitUntil(30, () -> first.state() == ChatState.IDLE);
        assertEquals(story, first.messages().get(1).text());
        assertTrue(second.messages().isEmpty(), "nothing of the first chat's reply lands in the second");
        robot.interact(() -> app.context.conversations().selectedProperty().set(app.context.conversations().shown()
                .stream().filter(c -> c.id().equals(first.conversationId())).findFirst().orElseThrow()));
        waitUntil(() -> app.chat() == first);
    }

    @Test
    void modelPickerListsTheServersModelsWithBadges() {
        @SuppressWarnings("unchecked")
        ComboBox<ModelInfo> picker = robot.lookup("#model-picker").queryAs(ComboBox.class);
        waitUntil(() -> picker.getItems().size() == 2);
        assertEquals(ConnectionState.CONNECTED, app.context.models().stateProperty().get());
        assertTrue(picker.getItems().get(0).has("vision"));
        click(robot, picker);
        waitUntil(() -> !robot.lookup(".capability-thinking").queryAll().isEmpty());
        assertFalse(robot.lookup(".capability-vision").queryAll().isEmpty());
        assertFalse(robot.lookup(".capability-tools").queryAll().isEmpty());
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
    }

    @Test
    void themeToggleSwitchesToDark() {
        click(robot, "#theme-toggle");
        waitUntil(() -> new PrimerDark().getUserAgentStylesheet().equals(Application.getUserAgentStylesheet()));
        assertTrue(robot.lookup("#main-window").query().getStyleClass().contains(ThemeManager.DARK_CLASS));
        click(robot, "#theme-toggle");
        waitUntil(() -> !robot.lookup("#main-window").query().getStyleClass().contains(ThemeManager.DARK_CLASS));
    }
}
