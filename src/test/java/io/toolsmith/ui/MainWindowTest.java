package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.conversation.Message;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.chat.ChatViewModel;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.code.CodeBlockView;
import io.toolsmith.ui.fakes.FakeServices;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.theme.AppTheme;
import io.toolsmith.ui.window.Snackbar;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the real main window with fake services, for what needs hand-made content (a long history, a
 * prepared Markdown reply, a settings form). The flows over the real engine are in {@link RealWindowTest}.
 */
@ExtendWith(WindowTestExtension.class)
class MainWindowTest {
    static final String MARKDOWN = """
            # Trip summary

            | category | amount |
            |---|---:|
            | Travel | 300.0 |

            ```python
            print('hi')
            ```
            """;

    private final FakeServices fakes = new FakeServices();
    private AppContext context;
    private Stage stage;

    @Start
    void start(Stage shared) {
        // a window of its own: TestFX's shared stage keeps whatever size an earlier test gave it
        stage = new Stage(StageStyle.UNDECORATED);
        fakes.conversations.add("Trip costs", List.of(
                Message.user("Summarise my trip", List.of()), Message.assistant(MARKDOWN, false, 0)));
        context = new AppContext(fakes.services(), AppTheme.LIGHT);
        context.show(stage, 1280, 800);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(() -> {
            context.close();
            stage.close();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void opensWithChatListAndLoadedConversation(FxRobot robot) {
        waitUntil(() -> chat() != null && chat().messages().size() == 2);
        assertTrue(robot.lookup("#chat-list").tryQuery().isPresent());
        assertTrue(robot.lookup("#conversation-list").tryQuery().isPresent());
        assertEquals("sandbox: local python · isolation: none",
                robot.lookup("#sandbox-status").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#sandbox-status").query().getStyleClass().contains("isolation-none"));
    }

    @Test
    void theUndoNoticeLeavesSendAndAttachFreeAndStaysWhileThePointerIsOnIt(FxRobot robot) {
        waitUntil(() -> chat() != null && chat().messages().size() == 2);
        Snackbar notice = context.window().snackbar();
        robot.interact(() -> notice.show("Deleted record_expense of expenses.py.", "Undo", () -> { }));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#send-button", "#attach-button")) {
            Node control = robot.lookup(id).query();
            assertFalse(notice.localToScene(notice.getBoundsInLocal())
                    .intersects(control.localToScene(control.getBoundsInLocal())), id + " is covered by the notice");
        }
        assertTrue(notice.hiding(), "the notice goes by itself");
        robot.moveTo(notice);
        waitUntil(() -> !notice.hiding());
        assertTrue(notice.isVisible(), "the notice stays while the pointer is on it");
        robot.moveTo("#send-button");
        waitUntil(notice::hiding);
    }

    @Test
    void ctrlQClosesTheWindow(FxRobot robot) {
        waitUntil(() -> chat() != null && chat().messages().size() == 2);
        click(robot, "#chat-input");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Q)
                .release(javafx.scene.input.KeyCode.Q, javafx.scene.input.KeyCode.CONTROL);
        waitUntil(() -> !stage.isShowing());
    }

    @Test
    void tryWithExamplesShowsTheResultsAndWhatTheCopyOfTheDataLeftOut(FxRobot robot) {
        fakes.functions.skipped = List.of("link.pkl is a link to /etc/passwd; the copy the examples ran on leaves it out.");
        click(robot, "#functions-tab");
        waitUntil(() -> context.functions().selectedProperty().get() != null
                && robot.lookup("#try-examples-button").query().isVisible());
        click(robot, "#try-examples-button");
        waitUntil(() -> robot.lookup("#example-results").lookup(".example-skipped").tryQuery().isPresent());
        List<String> lines = robot.lookup("#example-results").lookup((javafx.scene.Node n) -> n instanceof Label)
                .queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertEquals(List.of("• ran (no expected result)", "“I spent 300 on a train”", "arguments: {\"amount\":300}",
                "got: {\"count\":1}", "data: no changes",
                "link.pkl is a link to /etc/passwd; the copy the examples ran on leaves it out.",
                "1 example run, each on a fresh copy of the data folder: 0 passed, 0 failed, 1 without an expected "
                        + "result. Not tested: no example states an expected result."), lines);
    }

    @Test
    void markdownRendersHeadingTableAndCodeWithCopy(FxRobot robot) throws Exception {
        waitUntil(() -> !robot.lookup(".md-heading-1").queryAll().isEmpty());
        TextFlow heading = robot.lookup(".md-heading-1").queryAs(TextFlow.class);
        assertEquals("Trip summary", ((javafx.scene.text.Text) heading.getChildren().get(0)).getText());
        GridPane table = robot.lookup(".md-table").queryAs(GridPane.class);
        assertEquals(4, table.getChildren().size());
        CodeBlockView code = robot.lookup(".code-block").queryAs(CodeBlockView.class);
        assertEquals("print('hi')", code.code());
        assertTrue(robot.from(code).lookup(".code-preview").tryQuery().isPresent(), "light preview first");
        robot.moveTo(code);
        waitUntil(() -> robot.from(code).lookup(".code-area").tryQuery().isPresent());
        assertTrue(WaitForAsyncUtils.asyncFx(() -> code.codeArea().getStyleOfChar(0)).get().contains("text"));
        robot.clickOn(robot.from(code).lookup("#copy-code").queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        String copied = WaitForAsyncUtils.asyncFx(
                () -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get();
        assertEquals("print('hi')", copied);
    }

    @Test
    void streamingGrowsTheLastMessageAndTheListStaysVirtualized(FxRobot robot) throws Exception {
        waitUntil(() -> chat() != null && chat().messages().size() == 2);
        WaitForAsyncUtils.asyncFx(() -> {
            List<io.toolsmith.ui.chat.MessageViewModel> many = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                many.add(new io.toolsmith.ui.chat.MessageViewModel(chat().conversationId(),
                        i % 2 == 0 ? MessageRole.USER : MessageRole.ASSISTANT, "Message **" + i + "**\n\n"
                        + (i % 10 == 1 ? "```json\n{\"n\": " + i + "}\n```" : "plain text"), List.of()));
            }
            chat().setHistory(many);
        }).get();
        fakes.chat.reply = "word ".repeat(300);
        fakes.chat.chunkDelayMillis = 1;
        AtomicInteger textUpdates = new AtomicInteger();
        WaitForAsyncUtils.asyncFx(() -> chat().messages().addListener(
                (javafx.collections.ListChangeListener<io.toolsmith.ui.chat.MessageViewModel>) c -> {
                    var last = chat().messages().get(chat().messages().size() - 1);
                    if (last.role() == MessageRole.ASSISTANT) {
                        last.textProperty().addListener(o -> textUpdates.incrementAndGet());
                    }
                })).get();
        typeAndPressEnter(robot, "Tell me more");
        waitUntil(() -> chat().state() == ChatState.IDLE && last().text().equals(fakes.chat.reply));
        assertEquals(1002, chat().messages().size());
        waitUntil(() -> context.window().chatView().isAtEnd());
        assertTrue(context.window().chatView().isFollowing());
        assertTrue(textUpdates.get() >= 1 && textUpdates.get() <= 500, "updates: " + textUpdates.get());
        assertEquals("Tell me more", fakes.chat.requests.get(0).text());
        assertEquals("gemma3:12b", fakes.chat.requests.get(0).model());
        Parent list = robot.lookup("#chat-list").queryAs(ListView.class);
        int cells = robot.from(list).lookup(".message-cell").queryAll().size();
        int nodes = count(list);
        assertTrue(cells < 60, "cells: " + cells);
        assertTrue(nodes < 6000, "nodes: " + nodes);
    }

    @Test
    void settingsShowASentenceForABadFieldAndSaveWhenFixed(FxRobot robot) {
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.COMMA)
                .release(javafx.scene.input.KeyCode.COMMA, javafx.scene.input.KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#setting-host").tryQuery().isPresent());
        javafx.scene.control.TextField host = robot.lookup("#setting-host").queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> host.setText("localhost:11434"));
        robot.clickOn(robot.lookup(".button").match(n -> n instanceof javafx.scene.control.Button b
                && b.getText().equals("OK")).queryButton());
        waitUntil(() -> robot.lookup("#error-host").queryAs(Label.class).isVisible());
        assertTrue(robot.lookup("#error-host").queryAs(Label.class).getText().startsWith("Enter the Ollama address"));
        robot.interact(() -> host.setText("http://192.168.1.20:11434"));
        robot.clickOn(robot.lookup(".button").match(n -> n instanceof javafx.scene.control.Button b
                && b.getText().equals("OK")).queryButton());
        waitUntil(() -> robot.lookup("#setting-host").tryQuery().isEmpty());
        assertEquals("http://192.168.1.20:11434", fakes.settings.current.host());
    }

    @Test
    void theOpenAiServerFieldsShowOnlyWhenThatServerIsChosen(FxRobot robot) {
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.COMMA)
                .release(javafx.scene.input.KeyCode.COMMA, javafx.scene.input.KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#setting-backend").tryQuery().isPresent());
        assertTrue(shown(robot.lookup("#setting-host").query()));
        assertTrue(!shown(robot.lookup("#setting-openaiBaseUrl").query()));
        assertTrue(!shown(robot.lookup("#setting-apiKey").query()));

        click(robot, "#setting-backend");
        click(robot, "OpenAI-compatible (llama.cpp, LM Studio, vLLM)");
        waitUntil(() -> shown(robot.lookup("#setting-openaiBaseUrl").query()));
        assertTrue(!shown(robot.lookup("#setting-host").query()), "the Ollama address is hidden");
        assertTrue(shown(robot.lookup("#setting-apiKey").query()));
        assertTrue(robot.lookup("#api-key-status").queryAs(Label.class).getText()
                .contains(fakes.settings.current.apiKey().location()), "the dialog says where the key is kept");
        assertTrue(robot.lookup("#forget-api-key").queryButton().isDisabled(), "no key is stored to forget");

        javafx.scene.control.PasswordField key = robot.lookup("#setting-apiKey")
                .queryAs(javafx.scene.control.PasswordField.class);
        robot.interact(() -> key.setText("sk-1"));
        robot.clickOn(robot.lookup(".button").match(n -> n instanceof javafx.scene.control.Button b
                && b.getText().equals("OK")).queryButton());
        waitUntil(() -> robot.lookup("#setting-backend").tryQuery().isEmpty());
        assertEquals(io.toolsmith.settings.Backend.OPENAI, fakes.settings.current.settings().backend());
        assertEquals("http://127.0.0.1:8080", fakes.settings.current.settings().openaiBaseUrl());
        assertEquals("sk-1", fakes.settings.current.apiKey().replacement());
    }

    /** Whether the node and every parent are visible, as a field in a hidden row is not. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Puts the text in the input (robot typing is slow under Monocle) and presses Enter for real. */
    private void typeAndPressEnter(FxRobot robot, String text) {
        click(robot, "#chat-input");
        robot.interact(() -> robot.lookup("#chat-input").queryAs(javafx.scene.control.TextArea.class).setText(text));
        robot.type(javafx.scene.input.KeyCode.ENTER);
    }

    private ChatViewModel chat() {
        return context.window().chatView().chat();
    }

    private io.toolsmith.ui.chat.MessageViewModel last() {
        var messages = chat().messages();
        return messages.get(messages.size() - 1);
    }

    private static int count(Node node) {
        int n = 1;
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                n += count(child);
            }
        }
        return n;
    }
}
