package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.tutorialReply;
import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.functions.CallPolicy;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.CallStatus;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.code.CodeBlockView;
import io.toolsmith.ui.functions.FunctionDetailView;
import io.toolsmith.ui.testing.Input;
import io.toolsmith.ui.window.ConnectionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.NodeQueryUtils;

/**
 * The call card over the real engine (library, approvals, bubblewrap sandbox, pickle files), with only the model
 * scripted: what a waiting card shows and offers for a function never approved, for one approved and set to ask,
 * and for one that does not exist; that Review opens the function in the Functions tab; that Approve and run is
 * neither the default nor accented nor taken by Enter; that Run once approves nothing and Deny tells the model the
 * user refused.
 *
 * <p>The tests share one window and engine, with the tutorial's tracker written once through the window: each test
 * starts in a new chat, with both functions pending again, no call policy, no data file and the window at its size.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallCardWindowTest {
    private static final List<String> TRACKER = List.of("record_expense", "list_expenses");
    @TempDir
    static Path home;
    private final FxRobot robot = new FxRobot();
    private FakeOllama ollama;
    private RealApp app;
    private Stage stage;

    @BeforeAll
    void start() throws Exception {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion", "tools", "thinking"));
        app = RealApp.openShared(home, ollama.url());
        this.stage = app.stage;
        writeTheTracker(robot);
    }

    @BeforeEach
    void freshChatAndPendingFunctions() throws Exception {
        for (String name : TRACKER) {
            app.engine.library().setPolicy(name, null);
            if (app.engine.library().find(name).orElseThrow().status() != FunctionStatus.PENDING) {
                app.engine.library().revoke(name);
            }
        }
        Files.deleteIfExists(home.resolve("data/expenses.pkl"));
        var before = app.chat();
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            app.context.window().sidePanel().getSelectionModel().select(0);
            app.context.functions().selectedProperty().set(null);
            app.context.functions().reload();
            app.context.conversations().newChat();
        });
        waitUntil(() -> app.scene.getWidth() == 1280 && app.chat() != before && app.chat().messages().isEmpty()
                && app.context.functions().functions().stream()
                        .filter(f -> TRACKER.contains(f.entry().name()) && f.entry().status() == FunctionStatus.PENDING)
                        .count() == 2);
    }

    /**
     * A test that failed half way must not leave its turn running into the next one, nor the model's answers it did
     * not get to: Stop denies a waiting call, and the next test scripts its own replies from the first.
     */
    @AfterEach
    void stopAndReleaseInput() {
        Input.releaseHeld(robot);
        var chat = app.chat();
        if (chat != null && chat.state() != ChatState.IDLE) {
            robot.interact(chat::stop);
            waitUntil(() -> chat.state() == ChatState.IDLE);
        }
        ollama.dropPendingReplies();
    }

    @AfterAll
    void close() {
        app.close();
        ollama.close();
    }

    @Test
    void reviewOpensTheFunctionAndApproveAndRunIsNeitherDefaultNorTakenByEnter() throws Exception {
        askToLogTheExpense(robot, "I did not log it: you declined.");

        Button approve = visibleButton(robot, "#call-approve-run");
        assertFalse(approve.isDefaultButton(), "Approve and run is never the default button");
        assertFalse(approve.getStyleClass().contains("accent"), "nor accented");
        assertTrue(approve.isDisabled(), "not offered before the code was looked at");
        assertEquals("record_expense is not approved yet: read its code and checks below before it runs.",
                visibleLabel(robot, "#call-question").getText());
        assertTrue(robot.lookup("#call-verdict").lookup((Node n) -> n instanceof Label l
                && l.getText().equals("✓ defines record_expense")).tryQuery().isPresent(), "the checks' verdict shows");
        assertTrue(robot.lookup("#call-verdict").lookup((Node n) -> n instanceof Label l
                && l.getText().startsWith("Once approved, runs with the data folder writable")).tryQuery().isPresent());

        click(robot, visibleButton(robot, "#call-review"));
        waitUntil(() -> app.context.window().sidePanel().getSelectionModel().getSelectedItem().getId().equals("functions-tab"));
        waitUntil(() -> app.context.functions().selectedProperty().get() != null
                && app.context.functions().selectedProperty().get().entry().name().equals("record_expense"));
        FunctionDetailView detail = robot.lookup("#function-detail").queryAs(FunctionDetailView.class);
        waitUntil(() -> !detail.ownLines().isEmpty());
        String code = app.context.functions().selectedProperty().get().code();
        List<String> lines = List.of(code.split("\n", -1));
        assertTrue(lines.get(detail.ownLines().get(0)).startsWith("def record_expense("), "the own lines start at its def");
        assertTrue(detail.ownLines().stream().noneMatch(i -> lines.get(i).startsWith("def list_expenses(")),
                "the module's other function is not marked");

        noParameterCellIsCutAt1024x700(robot);

        // Looked up again: the card's row may have been laid out anew since (its code opened, the panel changed).
        Button offered = enabledButton(robot, "#call-approve-run");
        assertTrue(robot.lookup("#call-approve-hint").match(NodeQueryUtils.isVisible()).tryQuery().isEmpty(),
                "the hint goes once Approve and run is offered");
        robot.interact(offered::requestFocus);
        waitUntil(offered::isFocused);
        robot.type(KeyCode.ENTER);
        assertEquals(CallStatus.WAITING_FOR_APPROVAL, app.chat().call("1").statusProperty().get(),
                "Enter answers nothing");
        assertEquals(FunctionStatus.PENDING, app.engine.library().find("record_expense").orElseThrow().status(),
                "Enter approved nothing");

        click(robot, visibleButton(robot, "#call-deny"));
        waitUntil(() -> app.chat().state() == ChatState.IDLE);
        assertEquals(CallStatus.REFUSED, app.chat().call("1").statusProperty().get());
        assertEquals("Not run: you refused this call, and the model was told so.",
                visibleLabel(robot, "#call-outcome").getText());
        assertTrue(visibleLabel(robot, "#call-error").getText().startsWith("CallRefusedError: The user refused to run "
                + "record_expense"), visibleLabel(robot, "#call-error").getText());
        String sent = lastMessageSent();
        assertTrue(sent.contains("CallRefusedError") && sent.contains("The user refused to run record_expense"), sent);
        assertFalse(Files.exists(home.resolve("data/expenses.pkl")), "a denied call does not run");
        assertEquals(FunctionStatus.PENDING, app.engine.library().find("record_expense").orElseThrow().status());
    }

    @Test
    void theCodeOnTheCardIsTheFunctionsOwnAndRunOnceApprovesNothing() throws Exception {
        askToLogTheExpense(robot, "Logged it.");

        TitledPane code = robot.lookup("#call-code").match(NodeQueryUtils.isVisible()).queryAs(TitledPane.class);
        assertFalse(code.isExpanded(), "the code is one click away, folded");
        assertTrue(code.getText().startsWith("Code of this function (lines "), code.getText());
        openTheCode(code);
        waitUntil(() -> robot.lookup("#call-function-code").tryQuery().isPresent());
        String shown = robot.lookup("#call-function-code").queryAs(CodeBlockView.class).code();
        assertTrue(shown.startsWith("def record_expense("), shown);
        assertFalse(shown.contains("def list_expenses"), "only the called function's code");
        enabledButton(robot, "#call-approve-run");

        click(robot, visibleButton(robot, "#call-run-once"));
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE);
        assertEquals(CallStatus.DONE, app.chat().call("1").statusProperty().get());
        assertTrue(Files.exists(home.resolve("data/expenses.pkl")), "the call ran in the sandbox");
        assertEquals(FunctionStatus.PENDING, app.engine.library().find("record_expense").orElseThrow().status(),
                "Run once leaves the function unapproved");
        assertTrue(app.engine.library().approvedModules().isEmpty(), "and nothing else approved");
    }

    @Test
    void approveAndRunAfterReadingTheCodeApprovesTheFunctionAndRunsTheCall() throws Exception {
        askToLogTheExpense(robot, "Logged it.");
        TitledPane code = robot.lookup("#call-code").match(NodeQueryUtils.isVisible()).queryAs(TitledPane.class);
        openTheCode(code);
        click(robot, enabledButton(robot, "#call-approve-run"));
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE);
        assertEquals(CallStatus.DONE, app.chat().call("1").statusProperty().get());
        assertEquals(FunctionStatus.APPROVED, app.engine.library().find("record_expense").orElseThrow().status());
        assertEquals(FunctionStatus.PENDING, app.engine.library().find("list_expenses").orElseThrow().status(),
                "only the called function is approved");
    }

    @Test
    void anApprovedFunctionSetToAskIsConfirmedWithRunAndDontRun() throws Exception {
        app.engine.library().approve("record_expense", false);
        app.engine.library().setPolicy("record_expense", CallPolicy.ASK);
        askToLogTheExpense(robot, "Logged it.");

        assertEquals("Run the approved function record_expense with these arguments?",
                visibleLabel(robot, "#call-question").getText());
        long argumentsShown = robot.lookup(".call-signature").queryAllAs(Label.class).stream()
                .filter(l -> l.isVisible() && l.getParent().isVisible() && l.getText().contains("cab ride home")).count();
        assertEquals(1, argumentsShown, "the card says the arguments once");
        assertEquals("Run", visibleButton(robot, "#call-run-once").getText());
        assertEquals("Don't run", visibleButton(robot, "#call-deny").getText());
        assertTrue(robot.lookup("#call-approve-run").match(NodeQueryUtils.isVisible()).tryQuery().isEmpty(),
                "an approved function is not offered for approval");
        click(robot, visibleButton(robot, "#call-run-once"));
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE);
        assertEquals(CallStatus.DONE, app.chat().call("1").statusProperty().get());
        assertEquals(CallPolicy.ASK, app.engine.library().find("record_expense").orElseThrow().policy(),
                "it still asks next time");
    }

    @Test
    void aCallOfAnUnknownFunctionHasItsOwnStatusAndError() throws Exception {
        waitUntil(() -> app.chat() != null && app.context.models().stateProperty().get() == ConnectionState.CONNECTED);
        ollama.enqueueReply("```function_call\n{\"id\": \"7\", \"function\": \"record_expens\", \"parameters\":"
                + " {\"amount\": 3}}\n```\n");
        ollama.enqueueReply("There is no such function.");
        typeAndPressEnter(robot, "Log 3 rupees.");
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE);

        assertEquals(CallStatus.UNKNOWN_FUNCTION, app.chat().call("7").statusProperty().get());
        robot.interact(() -> app.context.window().chatView().list().scrollTo(1));
        waitUntil(() -> robot.lookup("#call-status").match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
        assertEquals("unknown function", visibleLabel(robot, "#call-status").getText());
        assertTrue(visibleLabel(robot, "#call-error").getText().startsWith("UnknownFunctionError: No function named "
                + "record_expens exists"), visibleLabel(robot, "#call-error").getText());
        assertEquals("There is no function named record_expens; the model was told which functions exist.",
                visibleLabel(robot, "#call-outcome").getText());
        String sent = lastMessageSent();
        assertTrue(sent.contains("UnknownFunctionError") && !sent.contains("NotApprovedError"), sent);
    }

    /** The side panel shown over the chat at 1024×700: every cell of the parameter grid shows its whole text. */
    private void noParameterCellIsCutAt1024x700(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        waitUntil(() -> app.scene.getWidth() == 1024 && app.context.window().narrowProperty().get());
        robot.interact(() -> app.context.window().revealSidePanel()); // narrow: it steps aside until asked for
        waitUntil(() -> app.context.window().sidePanelVisibleProperty().get());
        GridPane grid = robot.lookup("#parameter-table").queryAs(GridPane.class);
        assertTrue(grid.getChildren().size() > 4, "a header and the spec's parameters");
        for (Node cell : grid.getChildren()) {
            Label label = (Label) cell;
            Text shown = (Text) label.lookup(".text");
            assertEquals(label.getText(), shown.getText(), "'" + label.getText() + "' is shown whole, not elided");
            assertTrue(label.getHeight() + 0.5 >= label.prefHeight(label.getWidth()), label.getText() + " has its height");
            if (label.getText().length() > 12) {
                // its tooltip is made when the pointer first comes over it (TooltipsTest); its text is the help now
                assertEquals(label.getText(), label.getAccessibleHelp(), "long text has a tooltip");
            }
        }
        robot.interact(() -> app.context.window().closeSidePanelOverlay()); // the chat's card in sight again
        waitUntil(() -> !app.context.window().sidePanelVisibleProperty().get());
    }

    /** The class's first turns, often the first of the JVM too: the bounds leave room for a cold start. */
    private void writeTheTracker(FxRobot robot) throws Exception {
        waitUntil(120, () -> app.chat() != null
                && app.context.models().stateProperty().get() == ConnectionState.CONNECTED);
        ollama.enqueueReply(tutorialReply("01-expense-tracker-code.md"));
        typeAndPressEnter(robot, RealApp.ASK_FOR_TRACKER);
        waitUntil(120, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 2);
        ollama.enqueueReply(tutorialReply("02-expense-tracker-specs.md"));
        typeAndPressEnter(robot, RealApp.ASK_FOR_SPECS);
        waitUntil(120, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 4);
    }

    /** The model calls record_expense; the card waits for the user and is brought into sight. */
    private void askToLogTheExpense(FxRobot robot, String finalAnswer) throws Exception {
        ollama.enqueueReply(tutorialReply("03-record-expense-call.md"));
        ollama.enqueueReply(finalAnswer);
        typeAndPressEnter(robot, RealApp.LOG_EXPENSE);
        waitUntil(30, () -> app.chat().call("1").statusProperty().get() == CallStatus.WAITING_FOR_APPROVAL,
                () -> whatTheCardShows("#call-decision"));
        waitUntil(30, () -> robot.lookup("#call-decision").tryQuery().map(Node::isVisible).orElse(false),
                () -> whatTheCardShows("#call-decision"));
        robot.interact(() -> app.context.window().chatView().list().scrollTo(app.chat().messages().size() - 1));
        waitUntil(30, () -> robot.lookup("#call-deny").match(NodeQueryUtils.isVisible()).tryQuery().isPresent(),
                () -> whatTheCardShows("#call-deny"));
    }

    /**
     * Clicks the card's code title. The pointer goes there first: passing over the rows shows their actions, which
     * can move the card, so the click is aimed where the title is once the pointer rests.
     */
    private void openTheCode(TitledPane code) {
        robot.moveTo(code.lookup(".title"));
        click(robot, code.lookup(".title"));
    }

    private String lastMessageSent() {
        JsonNode last = ollama.chatRequests().get(ollama.chatRequests().size() - 1).get("messages");
        return last.get(last.size() - 1).get("content").asText();
    }

    /** The visible button {@code id} once it is enabled, looked up after the wait, not before it. */
    private Button enabledButton(FxRobot robot, String id) {
        waitUntil(30, () -> !visibleButton(robot, id).isDisabled(), () -> whatTheCardShows(id));
        return visibleButton(robot, id);
    }

    /**
     * What the window showed of the card and {@code id} when a wait on it failed: the call's state, each node of that
     * id (a list recycles rows, so there can be several), where it is against the window, and whether the chat list
     * follows its end.
     */
    private String whatTheCardShows(String id) {
        var chat = app.chat();
        var call = chat == null ? null : chat.call("1");
        StringBuilder shown = new StringBuilder();
        shown.append("chat ").append(chat == null ? "none" : chat.state() + " with " + chat.messages().size()
                + " messages").append(", scripted replies left ").append(ollama.pendingReplies());
        if (call != null) {
            shown.append(", call 1 ").append(call.statusProperty().get()).append(", code seen ")
                    .append(call.codeSeenProperty().get()).append(", choices ").append(call.choicesProperty().get());
        }
        var view = app.context.window().chatView();
        shown.append(", list following ").append(view.isFollowing()).append(", at end ").append(view.isAtEnd())
                .append(", scene ").append(app.scene.getWidth()).append("×").append(app.scene.getHeight())
                .append(", window showing ").append(stage.isShowing());
        for (Node node : robot.lookup(id).queryAll()) {
            shown.append("; ").append(id).append(node instanceof Button b && b.isDisabled() ? " disabled" : "")
                    .append(" visible ").append(node.isVisible()).append(", hidden by ").append(hiddenBy(node))
                    .append(", in scene at ").append(node.getScene() == null ? "none"
                            : node.localToScene(node.getBoundsInLocal()));
        }
        return shown.toString();
    }

    /** The first ancestor (or the node) that is not visible, or "nothing". */
    private static String hiddenBy(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId());
            }
        }
        return "nothing";
    }

    private static Button visibleButton(FxRobot robot, String id) {
        return robot.lookup(id).match(NodeQueryUtils.isVisible()).queryButton();
    }

    private static Label visibleLabel(FxRobot robot, String id) {
        return robot.lookup(id).match(NodeQueryUtils.isVisible()).queryAs(Label.class);
    }
}
