package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.Review;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.window.ConnectionState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.NodeQueryUtils;

/**
 * Sample code in an explanation stays out of the library until the user clicks "Add to library"; Reject on the
 * function that still needs a spec shows at once; Delete takes it out and the notice's Undo brings it back; a
 * spec without code shows as "needs code" and cannot be approved. Real engine, only the model scripted.
 */
@ExtendWith(WindowTestExtension.class)
class FunctionLibraryWindowTest {
    @TempDir
    Path home;
    private FakeOllama ollama;
    private RealApp app;

    @Start
    void start(Stage shared) {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion", "tools", "thinking"));
        app = new RealApp(home, ollama.url()).show();
    }

    @AfterEach
    void close() {
        app.close();
        ollama.close();
    }

    @Test
    void addToLibraryThenRejectDeleteAndUndoInThePanel(FxRobot robot) throws Exception {
        waitUntil(() -> app.chat() != null && app.context.models().stateProperty().get() == ConnectionState.CONNECTED);
        ollama.enqueueReply(resource("replies/explanation-with-sample-code.md"));
        typeAndPressEnter(robot, "How do decorators work in Python? Please explain with an example.");
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 2);
        assertTrue(app.engine.library().list().isEmpty(), "sample code is not taken into the library by itself");

        waitUntil(() -> visible(robot, "#add-to-library").isPresent());
        robot.clickOn(visible(robot, "#add-to-library").orElseThrow());
        waitUntil(() -> entry("timed").isPresent() && entry("slow_sum").isPresent());
        assertEquals(FunctionStatus.NEEDS_SPEC, entry("timed").orElseThrow().entry().status());
        Label snackbarText = robot.lookup("#snackbar").lookup((Node n) -> n instanceof Label).queryAs(Label.class);
        waitUntil(() -> robot.lookup("#snackbar").query().isVisible() && snackbarText.getText().startsWith("Added timed"));

        click(robot, "#functions-tab");
        robot.interact(() -> app.context.functions().selectedProperty().set(entry("timed").orElseThrow()));
        waitUntil(() -> robot.lookup("#reject-button").query().isVisible());
        assertFalse(robot.lookup("#approve-button").query().isVisible(), "nothing to approve without a spec");
        click(robot, "#reject-button");
        waitUntil(() -> entry("timed").map(f -> f.entry().status() == FunctionStatus.REJECTED).orElse(false));
        waitUntil(() -> badgeShows(robot, "rejected"));
        waitUntil(() -> robot.lookup("#revoke-button").query().isVisible());
        assertFalse(robot.lookup("#approve-button").query().isVisible(), "a rejected function without a spec has "
                + "nothing to approve");

        click(robot, "#delete-function-button");
        waitUntil(() -> entry("timed").isEmpty());
        assertTrue(entry("slow_sum").isPresent(), "the other function of the module stays");
        assertTrue(app.engine.library().find("timed").isEmpty());
        waitUntil(() -> robot.lookup("#snackbar").query().isVisible() && snackbarText.getText().startsWith("Deleted timed"));

        click(robot, "#snackbar-action");
        waitUntil(() -> entry("timed").map(f -> f.entry().status() == FunctionStatus.REJECTED).orElse(false));
        assertEquals(FunctionStatus.REJECTED,
                app.engine.library().find("timed").orElseThrow().status(), "undo brings it back as it was, rejected");
    }

    @Test
    void aSpecWithoutCodeShowsAsNeedsCodeAndCanOnlyBeRejectedOrDeleted(FxRobot robot) throws Exception {
        waitUntil(() -> app.chat() != null && app.context.models().stateProperty().get() == ConnectionState.CONNECTED);
        ollama.enqueueReply("```function_spec\n{\"name\": \"summarize\", \"description\": \"Summarizes a text.\","
                + " \"parameters\": {\"type\": \"object\", \"properties\": {\"text\": {\"type\": \"string\"}},"
                + " \"required\": [\"text\"]}, \"responses\": [{\"type\": \"string\"}]}\n```\n");
        typeAndPressEnter(robot, "Write the function_spec for summarize.");
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 2);

        click(robot, "#functions-tab");
        waitUntil(() -> entry("summarize").map(f -> f.entry().status() == FunctionStatus.NEEDS_CODE).orElse(false));
        robot.interact(() -> app.context.functions().selectedProperty().set(entry("summarize").orElseThrow()));
        waitUntil(() -> badgeShows(robot, "needs code"));
        waitUntil(() -> robot.lookup("#reject-button").query().isVisible());
        assertFalse(robot.lookup("#approve-button").query().isVisible());
        assertTrue(robot.lookup("#delete-function-button").query().isVisible());
        assertEquals(0, app.context.functions().awaitingReviewCount().get(), "a spec alone waits for the model, not the user");
    }

    private static Optional<Node> visible(FxRobot robot, String query) {
        return robot.lookup(query).match(NodeQueryUtils.isVisible()).tryQuery();
    }

    private static boolean badgeShows(FxRobot robot, String label) {
        return robot.lookup("#function-list").lookup("#function-status-badge").queryAll().stream()
                .anyMatch(n -> n instanceof Label l && l.getText().equals(label) && l.isVisible());
    }

    private Optional<Review> entry(String name) {
        return app.context.functions().functions().stream().filter(f -> f.entry().name().equals(name)).findFirst();
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = FunctionLibraryWindowTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
