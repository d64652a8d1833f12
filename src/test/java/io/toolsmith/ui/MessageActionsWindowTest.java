package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.tutorialReply;
import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.conversation.ConversationStore;
import io.toolsmith.conversation.Message;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.chat.ChatViewModel;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.chat.MessageViewModel;
import io.toolsmith.ui.data.DataContent;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.window.ConnectionState;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.NodeQueryUtils;

/**
 * The message actions in the window over the real engine (turn loop, library, bubblewrap sandbox, snapshots, pickle
 * files), with a scripted Ollama stand-in as the model: regenerate with and without putting the data back, edit and
 * send again, fork.
 */
@ExtendWith(WindowTestExtension.class)
class MessageActionsWindowTest {
    @TempDir
    Path home;
    private FakeOllama ollama;
    private RealApp app;

    @Start
    void start(Stage stage) {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("gemma3:12b", "gemma3", "completion", "vision"));
        app = new RealApp(home, ollama.url()).show();
    }

    @AfterEach
    void close() {
        app.close();
        ollama.close();
    }

    @Test
    void regenerateAsksAboutTheDataAndPutsItBackOnlyWhenTicked(FxRobot robot) throws Exception {
        logTheCabRide(robot);
        assertEquals(1, recordsReadByTheApp());

        // Ticked: the record the dropped call made is taken back before the call runs again.
        regenerate(robot, true);
        assertEquals(1, recordsReadByTheApp(), "the data was put back, then the call ran once more");
        assertOneCopyOfTheExchange();
        assertTrue(app.chat().messages().stream().anyMatch(m -> m.role() == MessageRole.NOTE
                && m.text().contains("expenses.pkl")), "the chat says what was put back");

        // Unticked: the data stays as the dropped call left it.
        regenerate(robot, false);
        assertEquals(2, recordsReadByTheApp(), "without the box the data is not touched");
        assertOneCopyOfTheExchange();
    }

    @Test
    void editSendsTheNewTextInPlaceOfTheOldAndForkMakesANewChat(FxRobot robot) throws Exception {
        waitUntil(() -> app.chat() != null && app.context.models().stateProperty().get() == ConnectionState.CONNECTED);
        ollama.enqueueReply("Hello! How can I help?");
        typeAndPressEnter(robot, "Hello there");
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 2);
        ChatViewModel chat = app.chat();

        // Edit: the message goes into the composer, Esc cancels, Send replaces it and what followed.
        clickAction(robot, chat.messages().get(0), "#edit-message");
        waitUntil(() -> robot.lookup("#editing-bar").query().isVisible());
        TextArea input = robot.lookup("#chat-input").queryAs(TextArea.class);
        assertEquals("Hello there", input.getText());
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        waitUntil(() -> !robot.lookup("#editing-bar").query().isVisible() && chat.editingProperty().get() == null);
        assertEquals(ChatState.IDLE, chat.state(), "Esc cancelled the edit and stopped nothing");

        clickAction(robot, chat.messages().get(0), "#edit-message");
        waitUntil(() -> robot.lookup("#editing-bar").query().isVisible());
        assertTrue(robot.lookup("#editing-label").queryAs(Label.class).getText().startsWith("Editing — Esc to cancel"));
        ollama.enqueueReply("Hello again!");
        typeAndPressEnter(robot, "Hello once more");
        waitUntil(30, () -> chat.state() == ChatState.IDLE && chat.messages().size() == 2
                && "Hello again!".equals(chat.messages().get(1).text()));
        assertEquals("Hello once more", chat.messages().get(0).text());
        List<Message> saved = ConversationStore.load(app.engine.conversations().fileOf(chat.conversationId()))
                .messages();
        assertEquals(List.of("Hello once more", "Hello again!"), saved.stream().map(Message::content).toList());
        JsonNode sent = ollama.chatRequests().get(ollama.chatRequests().size() - 1).get("messages");
        assertFalse(sent.toString().contains("Hello there"), "the old text is not sent: " + sent);

        // Fork from the first message: a new chat with that message alone, opened.
        clickAction(robot, chat.messages().get(0), "#fork-message");
        waitUntil(() -> app.chat() != chat && app.chat().messages().size() == 1);
        assertEquals("Hello once more", app.chat().messages().get(0).text());
        assertTrue(app.context.conversations().selectedProperty().get().title().endsWith("(fork)"),
                app.context.conversations().selectedProperty().get().title());
        assertEquals(2, chat.messages().size(), "the original chat is unchanged");
    }

    private void logTheCabRide(FxRobot robot) throws Exception {
        waitUntil(() -> app.chat() != null && app.context.models().stateProperty().get() == ConnectionState.CONNECTED);
        ollama.enqueueReply(tutorialReply("01-expense-tracker-code.md"));
        typeAndPressEnter(robot, RealApp.ASK_FOR_TRACKER);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 2);
        ollama.enqueueReply(tutorialReply("02-expense-tracker-specs.md"));
        typeAndPressEnter(robot, RealApp.ASK_FOR_SPECS);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 4);
        app.engine.library().approve("record_expense", false);
        app.engine.library().approve("list_expenses", false);
        ollama.enqueueReply(tutorialReply("03-record-expense-call.md"));
        ollama.enqueueReply(tutorialReply("04-final-answer.md"));
        typeAndPressEnter(robot, RealApp.LOG_EXPENSE);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 8);
    }

    /** Regenerate on the last reply, then the dialog: the box ticked or not, and the action confirmed. */
    private void regenerate(FxRobot robot, boolean putDataBack) throws Exception {
        ollama.enqueueReply(tutorialReply("03-record-expense-call.md"));
        ollama.enqueueReply(tutorialReply("04-final-answer.md"));
        clickAction(robot, app.last(), "#regenerate-message");
        waitUntil(() -> robot.lookup("#restore-data-check").tryQuery().isPresent());
        CheckBox box = robot.lookup("#restore-data-check").queryAs(CheckBox.class);
        assertFalse(box.isSelected(), "putting the data back is off by default");
        String changes = robot.lookup("#rewind-changes").lookup((Node n) -> n instanceof Label).queryAllAs(Label.class)
                .stream().map(Label::getText).toList().toString();
        assertTrue(changes.contains("expenses.pkl +1 record"), changes);
        if (putDataBack) {
            click(robot, box);
            assertTrue(box.isSelected());
        }
        click(robot, "#rewind-go");
        waitUntil(60, () -> app.chat().state() == ChatState.IDLE && "Travel".equals(lastCategoryShown())
                && app.chat().messages().stream().filter(m -> m.role() == MessageRole.FUNCTION_RESULTS).count() == 1);
    }

    /** Moves the pointer over the message's row (its actions show on hover) and clicks the action's button. */
    private void clickAction(FxRobot robot, MessageViewModel message, String button) {
        robot.interact(() -> app.context.window().chatView().list().scrollTo(app.chat().messages().indexOf(message)));
        waitUntil(() -> robot.lookup(".message-cell").match((Node n) -> n.getUserData() == message
                && n.isVisible()).tryQuery().isPresent());
        Node cell = robot.lookup(".message-cell").match((Node n) -> n.getUserData() == message && n.isVisible()).query();
        robot.moveTo(cell);
        Button action = robot.from(cell).lookup(button).match(NodeQueryUtils.isVisible()).queryButton();
        click(robot, action);
    }

    /** "Travel" once the last reply of the model names the logged category. */
    private String lastCategoryShown() {
        var messages = app.chat().messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == MessageRole.ASSISTANT) {
                return messages.get(i).text().contains("Travel") ? "Travel" : null;
            }
        }
        return null;
    }

    private void assertOneCopyOfTheExchange() throws Exception {
        List<Message> saved = ConversationStore.load(app.engine.conversations().fileOf(app.chat().conversationId()))
                .messages();
        assertEquals(8, saved.size(), "two tutorial turns, then the message, the call, its output and the answer");
        assertEquals(1, saved.stream().filter(m -> RealApp.LOG_EXPENSE.equals(m.content())).count());
        assertEquals(1, saved.stream().mapToInt(m -> m.calls().size()).sum(), "the dropped call left the chat");
        assertEquals(8, app.chat().messages().stream().filter(m -> m.role() != MessageRole.NOTE).count(),
                "the window shows the chat as saved");
    }

    /** The pickle's records as the app's Data tab reads them (its pickle reader, through the data service). */
    private int recordsReadByTheApp() throws Exception {
        DataContent content = app.services.services().data().read("expenses.pkl");
        assertTrue(content instanceof DataContent.Table, String.valueOf(content));
        return ((DataContent.Table) content).rows().size();
    }
}
