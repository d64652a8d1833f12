package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.conversation.Message;
import io.toolsmith.ui.fakes.FakeServices;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.theme.AppTheme;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The chat list from the keyboard: F2 and Delete on the focused list, Ctrl+N, and the search. */
@ExtendWith(WindowTestExtension.class)
class ChatListWindowTest {
    private final FakeServices fakes = new FakeServices();
    private AppContext context;

    @Start
    void start(Stage stage) {
        fakes.conversations.add("Trip costs", List.of(
                Message.user("Summarise my trip", List.of()),
                Message.assistant("It cost 300 rupees.", false, 0)));
        fakes.conversations.add("Groceries", List.of(
                Message.user("What did I buy?", List.of())));
        context = new AppContext(fakes.services(), AppTheme.LIGHT);
        context.show(stage, 1280, 800);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(() -> context.close());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void f2RenamesAndDeleteRemovesWithUndoWhenTheListHasFocus(FxRobot robot) throws Exception {
        ListView<ChatSummary> list = list(robot);
        waitUntil(() -> list.getItems().size() == 2 && context.conversations().selectedProperty().get() != null);
        robot.interact(() -> {
            list.getSelectionModel().select(1);
            list.requestFocus();
        });
        assertEquals("Groceries", context.conversations().selectedProperty().get().title());

        robot.type(KeyCode.F2);
        waitUntil(() -> robot.lookup(".dialog-pane .text-field").tryQuery().isPresent());
        TextField title = robot.lookup(".dialog-pane .text-field").queryAs(TextField.class);
        robot.interact(() -> title.setText("Weekly groceries"));
        click(robot, "OK");
        waitUntil(() -> list.getItems().stream().anyMatch(c -> c.title().equals("Weekly groceries")));
        assertEquals("Weekly groceries", fakes.conversations.list().get(1).title());

        robot.interact(list::requestFocus);
        robot.type(KeyCode.DELETE);
        waitUntil(() -> list.getItems().size() == 1 && fakes.conversations.list().size() == 1);
        Label notice = robot.lookup("#snackbar").lookup(".label").queryAs(Label.class);
        assertEquals("Deleted “Weekly groceries”.", notice.getText());
        click(robot, "#snackbar-action");
        waitUntil(() -> list.getItems().size() == 2 && fakes.conversations.list().size() == 2);
        assertEquals("Weekly groceries", context.conversations().selectedProperty().get().title());
    }

    @Test
    void ctrlNOpensOneEmptyChatAndThenReusesIt(FxRobot robot) {
        ListView<ChatSummary> list = list(robot);
        waitUntil(() -> list.getItems().size() == 2);
        robot.interact(list::requestFocus);
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitUntil(() -> list.getItems().size() == 3 && "New chat".equals(context.conversations().selectedProperty().get().title()));
        String created = context.conversations().selectedProperty().get().id();

        robot.interact(() -> list.getSelectionModel().select(2));
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitUntil(() -> created.equals(context.conversations().selectedProperty().get().id()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, list.getItems().size());
        assertEquals(3, fakes.conversations.list().size());
    }

    @Test
    void aSearchWithoutMatchesSaysSoAndEscClearsIt(FxRobot robot) {
        ListView<ChatSummary> list = list(robot);
        waitUntil(() -> list.getItems().size() == 2);
        TextField search = robot.lookup("#conversation-search").queryAs(TextField.class);
        robot.clickOn(search).write("trip");
        waitUntil(() -> list.getItems().size() == 1 && list.getItems().get(0).title().equals("Trip costs"));

        robot.interact(() -> search.setText("bicycle"));
        waitUntil(() -> list.getItems().isEmpty());
        Label empty = robot.lookup("#conversation-list-empty").queryAs(Label.class);
        assertTrue(empty.isVisible());
        assertEquals("No chats match “bicycle”. Press Esc to clear the search.", empty.getText());

        robot.clickOn(search).type(KeyCode.ESCAPE);
        waitUntil(() -> list.getItems().size() == 2);
        assertEquals("", search.getText());
    }

    @SuppressWarnings("unchecked")
    private static ListView<ChatSummary> list(FxRobot robot) {
        return robot.lookup("#conversation-list").queryAs(ListView.class);
    }
}
