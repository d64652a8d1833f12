package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.tutorialReply;
import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.Review;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.CallStatus;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.code.CodeBlockView;
import io.toolsmith.ui.data.DataContent;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.window.ConnectionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
 * The window over the real engine (parser, library, approvals, bubblewrap sandbox, pickle files, snapshots),
 * with a scripted Ollama stand-in playing the model: the dynamic-function-generation tutorial, clicked through.
 * Each test has a home and window of its own, since each starts from an empty library; what needs no function is in
 * {@link ChatWindowTest}, which shares one window.
 */
@ExtendWith(WindowTestExtension.class)
class RealWindowTest {
    @TempDir
    Path home;
    private FakeOllama ollama;
    private RealApp app;

    @Start
    void start(Stage shared) {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("gemma3:12b", "gemma3", "completion", "vision"),
                FakeModels.Model.of("qwen3:8b", "qwen3", "completion", "tools", "thinking"));
        app = new RealApp(home, ollama.url()).show();
    }

    @AfterEach
    void close() {
        app.close();
        ollama.close();
    }

    @Test
    void theTutorialEndToEnd(FxRobot robot) throws Exception {
        writeTheTracker(robot);

        click(robot, "#functions-tab");
        waitUntil(() -> app.context.functions().functions().stream()
                .filter(f -> f.entry().status() == FunctionStatus.PENDING).count() == 2);
        Label badge = robot.lookup("#functions-pending-badge").queryAs(Label.class);
        waitUntil(() -> "2".equals(badge.getText()) && badge.isVisible());
        for (String name : new String[] {"record_expense", "list_expenses"}) {
            Review entry = app.context.functions().functions().stream()
                    .filter(f -> f.entry().name().equals(name)).findFirst().orElseThrow();
            robot.interact(() -> app.context.functions().selectedProperty().set(entry));
            waitUntil(() -> robot.lookup("#approve-button").query().isVisible());
            assertTrue(robot.lookup("#function-code").queryAs(CodeBlockView.class).code().contains("def " + name));
            java.util.Set<String> shown = robot.lookup("#parameter-table").queryAs(javafx.scene.layout.GridPane.class)
                    .getChildren().stream().filter(n -> n instanceof Label).map(n -> ((Label) n).getText())
                    .collect(java.util.stream.Collectors.toSet());
            entry.spec().path("parameters").path("properties").fieldNames().forEachRemaining(parameter ->
                    assertTrue(shown.contains(parameter), "the spec's parameter " + parameter + " is listed for " + name));
            click(robot, "#approve-button");
            waitUntil(() -> app.context.functions().functions().stream()
                    .anyMatch(f -> f.entry().name().equals(name) && f.entry().status() == FunctionStatus.APPROVED));
        }
        assertEquals(0, app.context.functions().awaitingReviewCount().get());
        waitUntil(() -> !badge.isVisible());

        ollama.enqueueReply(tutorialReply("03-record-expense-call.md"));
        ollama.enqueueReply(tutorialReply("04-final-answer.md"));
        typeAndPressEnter(robot, RealApp.LOG_EXPENSE);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 8);
        assertEquals(CallStatus.DONE, app.chat().call("1").statusProperty().get());
        assertEquals("true", app.chat().call("1").resultProperty().get());
        assertEquals(MessageRole.FUNCTION_RESULTS, app.chat().messages().get(6).role());
        assertTrue(app.last().text().contains("Travel"), app.last().text());
        assertTrue(Files.exists(home.resolve("data/expenses.pkl")));

        click(robot, "#data-tab");
        // read once, on the FX thread, where it was found: a reload of the folder shows "Reading…" for a moment
        AtomicReference<DataContent.Table> shown = new AtomicReference<>();
        waitUntil(() -> app.context.data().contentProperty().get() instanceof DataContent.Table found
                && shown.compareAndSet(null, found));
        DataContent.Table table = shown.get();
        assertEquals(1, table.rows().size());
        assertTrue(table.rows().get(0).contains("Travel"), table.rows().toString());
        assertTrue(table.rows().get(0).contains("300.0"), table.rows().toString());
        waitUntil(() -> robot.lookup("#data-table").tryQuery().isPresent());

        waitUntil(() -> app.context.data().snapshots().stream().anyMatch(s -> "record_expense".equals(s.function())));
        Button undo = robot.lookup("#snapshot-list").lookup((Node n) -> n instanceof Button b
                && b.getText().equals("Undo")).queryButton();
        click(robot, undo);
        waitUntil(() -> app.context.data().files().isEmpty());
        assertFalse(Files.exists(home.resolve("data/expenses.pkl")), "undo removes the file the call created");
        assertEquals("Restored the data to how it was before calling record_expense.",
                app.context.data().noticeProperty().get());
        waitUntil(() -> app.context.data().calls().stream().anyMatch(e -> ActivityEntry.UNDO.equals(e.outcome())
                && "record_expense".equals(e.function())));
    }

    @Test
    void aPendingFunctionsCallAsksInlineAndDenyTellsTheModel(FxRobot robot) throws Exception {
        writeTheTracker(robot);
        ollama.enqueueReply(tutorialReply("03-record-expense-call.md"));
        ollama.enqueueReply("I could not log it: you declined to run record_expense.");
        typeAndPressEnter(robot, RealApp.LOG_EXPENSE);

        waitUntil(() -> app.chat().call("1").statusProperty().get() == CallStatus.WAITING_FOR_APPROVAL);
        // The approval prompt grows the last message below the fold: bring its card into view.
        waitUntil(() -> robot.lookup("#call-decision").tryQuery().map(Node::isVisible).orElse(false));
        robot.interact(() -> app.context.window().chatView().list().scrollTo(app.chat().messages().size() - 1));
        waitUntil(() -> robot.lookup("#call-deny").match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
        assertTrue(robot.lookup(".call-signature").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("record_expense(category=\"Travel\"")));
        assertEquals(3, ollama.chatRequests().size(), "the model waits for the user's answer");
        robot.clickOn(robot.lookup("#call-deny").match(NodeQueryUtils.isVisible()).queryButton());

        waitUntil(() -> app.chat().state() == ChatState.IDLE);
        assertEquals(CallStatus.REFUSED, app.chat().call("1").statusProperty().get());
        assertEquals("refused", robot.lookup("#call-status").queryAs(Label.class).getText());
        assertFalse(Files.exists(home.resolve("data/expenses.pkl")), "a denied call does not run");
        JsonNode last = ollama.chatRequests().get(ollama.chatRequests().size() - 1).get("messages");
        String sent = last.get(last.size() - 1).get("content").asText();
        assertTrue(sent.contains("```function_output") && sent.contains("\"error\"") && sent.contains("record_expense"),
                sent);

        // The Activity tab lists the refused call too, with its arguments and the reason
        click(robot, "#activity-tab");
        waitUntil(() -> app.context.data().calls().stream().anyMatch(e -> ActivityEntry.DENIED.equals(e.outcome())));
        @SuppressWarnings("unchecked")
        TableView<ActivityEntry> activity = robot.lookup("#activity-table").queryAs(TableView.class);
        robot.interact(() -> activity.getSelectionModel().select(0));
        assertEquals("record_expense · denied", robot.lookup("#activity-heading").queryAs(Label.class).getText());
        String details = robot.lookup("#activity-details").queryAs(TextArea.class).getText();
        assertTrue(details.contains("\"category\" : \"Travel\"") && details.contains("Why:"), details);
        assertFalse(robot.lookup("#activity-snapshot-link").query().isVisible(), "a call that did not run has no snapshot");
    }

    @Test
    void askForSpecSendsTheRequestIntoTheShownChat(FxRobot robot) throws Exception {
        ollama.enqueueReply(tutorialReply("01-expense-tracker-code.md"));
        waitUntil(() -> app.chat() != null);
        typeAndPressEnter(robot, RealApp.ASK_FOR_TRACKER);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 2);
        click(robot, "#functions-tab");
        waitUntil(() -> app.context.functions().functions().stream().anyMatch(f -> f.entry().name().equals("record_expense")
                && f.entry().status() == FunctionStatus.NEEDS_SPEC));
        Review entry = app.context.functions().functions().stream()
                .filter(f -> f.entry().name().equals("record_expense")).findFirst().orElseThrow();
        robot.interact(() -> app.context.functions().selectedProperty().set(entry));
        ollama.enqueueReply(tutorialReply("02-expense-tracker-specs.md"));
        waitUntil(() -> robot.lookup("#ask-spec-button").query().isVisible());
        click(robot, "#ask-spec-button");

        waitUntil(30, () -> app.chat().messages().size() == 4 && app.chat().state() == ChatState.IDLE);
        assertEquals("Write the function_spec for record_expense.", app.chat().messages().get(2).text());
        waitUntil(() -> app.context.functions().functions().stream().anyMatch(f -> f.entry().name().equals("record_expense")
                && f.entry().status() == FunctionStatus.PENDING));
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
}
