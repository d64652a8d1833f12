package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.tutorialReply;
import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The call card over the real engine (library, approvals, bubblewrap sandbox, pickle files), with only the model
 * scripted: what a waiting card shows and offers for a function never approved, for one approved and set to ask,
 * and for one that does not exist; that Review opens the function in the Functions tab; that Approve and run is
 * neither the default nor accented nor taken by Enter; that Run once approves nothing and Deny tells the model the
 * user refused.
 */
@ExtendWith(ApplicationExtension.class)
class CallCardWindowTest {
    @TempDir
    Path home;
    private FakeOllama ollama;
    private RealApp app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion", "tools", "thinking"));
        app = new RealApp(home, ollama.url()).show();
        this.stage = app.stage;
    }

    @AfterEach
    void close() {
        // TestFX shares the stage between tests: later ones find it at the size they expect
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        WaitForAsyncUtils.waitForFxEvents();
        app.close();
        ollama.close();
    }

    @Test
    void reviewOpensTheFunctionAndApproveAndRunIsNeitherDefaultNorTakenByEnter(FxRobot robot) throws Exception {
        writeTheTracker(robot);
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

        robot.clickOn(visibleButton(robot, "#call-review"));
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

        waitUntil(() -> !approve.isDisabled());
        assertTrue(robot.lookup("#call-approve-hint").match(NodeQueryUtils.isVisible()).tryQuery().isEmpty(),
                "the hint goes once Approve and run is offered");
        robot.interact(approve::requestFocus);
        waitUntil(approve::isFocused);
        robot.type(KeyCode.ENTER);
        assertEquals(CallStatus.WAITING_FOR_APPROVAL, app.chat().call("1").statusProperty().get(),
                "Enter answers nothing");
        assertEquals(FunctionStatus.PENDING, app.engine.library().find("record_expense").orElseThrow().status(),
                "Enter approved nothing");

        robot.clickOn(visibleButton(robot, "#call-deny"));
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
    void theCodeOnTheCardIsTheFunctionsOwnAndRunOnceApprovesNothing(FxRobot robot) throws Exception {
        writeTheTracker(robot);
        askToLogTheExpense(robot, "Logged it.");

        TitledPane code = robot.lookup("#call-code").match(NodeQueryUtils.isVisible()).queryAs(TitledPane.class);
        assertFalse(code.isExpanded(), "the code is one click away, folded");
        assertTrue(code.getText().startsWith("Code of this function (lines "), code.getText());
        robot.clickOn(code.lookup(".title"));
        waitUntil(() -> robot.lookup("#call-function-code").tryQuery().isPresent());
        String shown = robot.lookup("#call-function-code").queryAs(CodeBlockView.class).code();
        assertTrue(shown.startsWith("def record_expense("), shown);
        assertFalse(shown.contains("def list_expenses"), "only the called function's code");
        waitUntil(() -> !visibleButton(robot, "#call-approve-run").isDisabled());

        robot.clickOn(visibleButton(robot, "#call-run-once"));
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE);
        assertEquals(CallStatus.DONE, app.chat().call("1").statusProperty().get());
        assertTrue(Files.exists(home.resolve("data/expenses.pkl")), "the call ran in the sandbox");
        assertEquals(FunctionStatus.PENDING, app.engine.library().find("record_expense").orElseThrow().status(),
                "Run once leaves the function unapproved");
        assertTrue(app.engine.library().approvedModules().isEmpty(), "and nothing else approved");
    }

    @Test
    void approveAndRunAfterReadingTheCodeApprovesTheFunctionAndRunsTheCall(FxRobot robot) throws Exception {
        writeTheTracker(robot);
        askToLogTheExpense(robot, "Logged it.");
        TitledPane code = robot.lookup("#call-code").match(NodeQueryUtils.isVisible()).queryAs(TitledPane.class);
        robot.clickOn(code.lookup(".title"));
        Button approve = visibleButton(robot, "#call-approve-run");
        waitUntil(() -> !approve.isDisabled());
        robot.clickOn(approve);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE);
        assertEquals(CallStatus.DONE, app.chat().call("1").statusProperty().get());
        assertEquals(FunctionStatus.APPROVED, app.engine.library().find("record_expense").orElseThrow().status());
        assertEquals(FunctionStatus.PENDING, app.engine.library().find("list_expenses").orElseThrow().status(),
                "only the called function is approved");
    }

    @Test
    void anApprovedFunctionSetToAskIsConfirmedWithRunAndDontRun(FxRobot robot) throws Exception {
        writeTheTracker(robot);
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
        robot.clickOn(visibleButton(robot, "#call-run-once"));
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE);
        assertEquals(CallStatus.DONE, app.chat().call("1").statusProperty().get());
        assertEquals(CallPolicy.ASK, app.engine.library().find("record_expense").orElseThrow().policy(),
                "it still asks next time");
    }

    @Test
    void aCallOfAnUnknownFunctionHasItsOwnStatusAndError(FxRobot robot) throws Exception {
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

    /** The side panel as the window opens it, at 1024×700: every cell of the parameter grid shows its whole text. */
    private void noParameterCellIsCutAt1024x700(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        waitUntil(() -> app.scene.getWidth() == 1024);
        GridPane grid = robot.lookup("#parameter-table").queryAs(GridPane.class);
        assertTrue(grid.getChildren().size() > 4, "a header and the spec's parameters");
        for (Node cell : grid.getChildren()) {
            Label label = (Label) cell;
            Text shown = (Text) label.lookup(".text");
            assertEquals(label.getText(), shown.getText(), "'" + label.getText() + "' is shown whole, not elided");
            assertTrue(label.getHeight() + 0.5 >= label.prefHeight(label.getWidth()), label.getText() + " has its height");
            if (label.getText().length() > 12) {
                assertEquals(label.getText(), label.getTooltip().getText(), "long text has a tooltip");
            }
        }
    }

    private void writeTheTracker(FxRobot robot) throws Exception {
        waitUntil(() -> app.chat() != null && app.context.models().stateProperty().get() == ConnectionState.CONNECTED);
        ollama.enqueueReply(tutorialReply("01-expense-tracker-code.md"));
        typeAndPressEnter(robot, RealApp.ASK_FOR_TRACKER);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 2);
        ollama.enqueueReply(tutorialReply("02-expense-tracker-specs.md"));
        typeAndPressEnter(robot, RealApp.ASK_FOR_SPECS);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 4);
    }

    /** The model calls record_expense; the card waits for the user and is brought into sight. */
    private void askToLogTheExpense(FxRobot robot, String finalAnswer) throws Exception {
        ollama.enqueueReply(tutorialReply("03-record-expense-call.md"));
        ollama.enqueueReply(finalAnswer);
        typeAndPressEnter(robot, RealApp.LOG_EXPENSE);
        waitUntil(() -> app.chat().call("1").statusProperty().get() == CallStatus.WAITING_FOR_APPROVAL);
        waitUntil(() -> robot.lookup("#call-decision").tryQuery().map(Node::isVisible).orElse(false));
        robot.interact(() -> app.context.window().chatView().list().scrollTo(app.chat().messages().size() - 1));
        waitUntil(() -> robot.lookup("#call-deny").match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
    }

    private String lastMessageSent() {
        JsonNode last = ollama.chatRequests().get(ollama.chatRequests().size() - 1).get("messages");
        return last.get(last.size() - 1).get("content").asText();
    }

    private static Button visibleButton(FxRobot robot, String id) {
        return robot.lookup(id).match(NodeQueryUtils.isVisible()).queryButton();
    }

    private static Label visibleLabel(FxRobot robot, String id) {
        return robot.lookup(id).match(NodeQueryUtils.isVisible()).queryAs(Label.class);
    }
}
