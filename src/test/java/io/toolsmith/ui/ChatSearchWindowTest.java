package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.conversation.Conversation;
import io.toolsmith.conversation.ConversationSession;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.Message;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.testing.WindowTestExtension;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The chat list's search in the real window over chats saved on disk: a word of a reply lists its chat with the line
 * that matched, and opening it shows the find bar at that text, marked where it occurs.
 */
@ExtendWith(WindowTestExtension.class)
class ChatSearchWindowTest {
    @TempDir
    Path home;
    private FakeOllama ollama;
    private RealApp app;

    @Start
    void start(Stage ignored) {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("gemma3:12b", "gemma3", "completion"));
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
        ollama.close();
    }

    private void saved(String title, String... texts) throws Exception {
        ConversationStore store = new ConversationStore(home.resolve("conversations"),
                home.resolve("cache").resolve("chat-index.json"));
        ConversationSession session = store.session(Conversation.create("gemma3:12b"));
        for (int i = 0; i < texts.length; i++) {
            session.add(i % 2 == 0 ? Message.user(texts[i], List.of()) : Message.assistant(texts[i], false, 0));
        }
        session.rename(title);
    }

    @Test
    void aWordOfAReplyListsItsChatWithTheLineAndOpensItAtTheMarkedMatch(FxRobot robot) throws Exception {
        saved("Spending", "Log my spending", "Recorded a cab ride to the airport for 23.50 EUR.",
                "And the way back?", "Another cab ride, recorded too.");
        saved("Weather", "Will it rain?", "I cannot look outside.");
        robot.interact(() -> app = new RealApp(home, ollama.url()).show());
        ListView<ChatSummary> list = robot.lookup("#conversation-list").queryAs(ListView.class);
        waitUntil(() -> list.getItems().size() == 2 && app.chat() != null);

        TextField search = robot.lookup("#conversation-search").queryAs(TextField.class);
        click(robot, search);
        robot.interact(() -> search.setText("cab ride")); // robot typing is slow under Monocle
        waitUntil(() -> list.getItems().size() == 1 && list.getItems().get(0).title().equals("Spending")
                && robot.lookup(".found-line").tryQueryAs(Label.class).map(Node::isVisible).orElse(false));
        Label line = robot.lookup(".found-line").queryAs(Label.class);
        assertEquals("Recorded a cab ride to the airport for 23.50 EUR.", line.getText());

        click(robot, line);
        TextField find = robot.lookup("#find-field").queryAs(TextField.class);
        Label status = robot.lookup("#find-status").queryAs(Label.class);
        ListView<?> transcript = robot.lookup("#chat-list").queryAs(ListView.class);
        waitUntil(() -> "Spending".equals(app.context.conversations().selectedProperty().get().title())
                && app.chat().messages().size() == 4 && "1 of 2".equals(status.getText())
                && transcript.getSelectionModel().getSelectedIndex() >= 0);
        assertTrue(robot.lookup("#find-bar").query().isVisible());
        assertEquals("cab ride", find.getText());
        assertTrue(list.isFocused() || search.isFocused(), "the focus stays in the chat list's column");

        // the words themselves are marked in both replies, not the whole message; closing the find takes the marks away
        waitUntil(() -> robot.lookup(".find-mark").queryAll().size() == 2);
        for (Node mark : robot.lookup(".find-mark").queryAll()) {
            double width = mark.getBoundsInLocal().getWidth();
            assertTrue(width > 20 && width < 150, "a mark as wide as “cab ride”: " + width);
        }
        // Enter and Shift+Enter go through the matches, Esc closes the bar and takes the marks away
        robot.clickOn(find).type(KeyCode.ENTER);
        waitUntil(() -> "2 of 2".equals(status.getText()));
        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        waitUntil(() -> "1 of 2".equals(status.getText()));
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup(".find-mark").queryAll().isEmpty() && !robot.lookup("#find-bar").query().isVisible()
                && transcript.getSelectionModel().getSelectedIndex() < 0);
    }
}
