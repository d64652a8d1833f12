package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.tutorialReply;
import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.functions.CallPermit;
import io.toolsmith.functions.CallPolicy;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.Review;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.common.PngWriter;
import io.toolsmith.ui.functions.PolicyChoice;
import io.toolsmith.ui.functions.StatusFilter;
import io.toolsmith.ui.testing.WindowTestExtension;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Functions tab over the real engine: the model rewrites an approved function, the version list shows the
 * diff, Roll back (confirmed) makes the approved version current so it runs again; the policy switch, search and
 * the status filter act on the library. Saves a 1024×700 screenshot of the tab. Only the model is scripted.
 */
@ExtendWith(WindowTestExtension.class)
class FunctionVersionsWindowTest {
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
    void rollbackRoundTripPolicySearchAndFilter(FxRobot robot) throws Exception {
        app.waitUntilConnected();
        ollama.enqueueReply(tutorialReply("01-expense-tracker-code.md"));
        typeAndPressEnter(robot, RealApp.ASK_FOR_TRACKER);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 2);
        ollama.enqueueReply(tutorialReply("02-expense-tracker-specs.md"));
        typeAndPressEnter(robot, RealApp.ASK_FOR_SPECS);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 4);

        var library = app.engine.library();
        library.approve("record_expense", false);
        String approvedCode = library.currentCode("record_expense").orElseThrow();
        // The model's rewrite: new code, so record_expense is changed and does not run until approved again.
        library.addCode(approvedCode + "\n\ndef _rounded(amount):\n    return round(amount, 2)\n");
        assertEquals(FunctionStatus.CHANGED, library.find("record_expense").orElseThrow().status());

        robot.interact(() -> {
            app.stage.setWidth(1024);
            app.stage.setHeight(700);
        });
        // Narrow: the side panel steps aside, and is shown over the chat when asked for.
        waitUntil(() -> app.context.window().narrowProperty().get());
        robot.interact(() -> app.context.window().revealSidePanel());
        click(robot, "#functions-tab");
        // The library was changed behind the window's back (as by the command line): read it again.
        robot.interact(() -> app.context.functions().reload());
        waitUntil(() -> entry("record_expense").map(f -> f.entry().status() == FunctionStatus.CHANGED).orElse(false));
        robot.interact(() -> app.context.functions().selectedProperty().set(entry("record_expense").orElseThrow()));
        ListView<?> versions = robot.lookup("#version-list").queryAs(ListView.class);
        waitUntil(() -> versions.getItems().size() == 2 && robot.lookup("#version-diff").query().isVisible());
        assertTrue(robot.lookup("#function-enforcement").queryAs(Label.class).getText()
                .startsWith("Once approved, runs with"), "the approval says what will be enforced");
        save(Path.of("target/screenshots/functions-versions-1024x700.png"));
        javafx.scene.layout.GridPane parameters = robot.lookup("#parameter-table")
                .queryAs(javafx.scene.layout.GridPane.class);
        assertTrue(parameters.getChildren().size() > 4, "a header and the spec's parameters");
        for (Node cell : parameters.getChildren()) {
            Label label = (Label) cell;
            assertTrue(label.getHeight() + 0.5 >= label.prefHeight(label.getWidth()),
                    "'" + label.getText() + "' has the height its wrapped text needs, so nothing is cut off");
        }
        boolean examples = entry("record_expense").orElseThrow().spec().path("examples").size() > 0;
        assertEquals(!examples, robot.lookup("#try-examples-button").query().isDisabled(),
                "Try with examples is disabled exactly when the spec has no examples");

        javafx.scene.control.ScrollPane scroll = robot.lookup("#function-detail-scroll")
                .queryAs(javafx.scene.control.ScrollPane.class);
        robot.interact(() -> scroll.setVvalue(1.0)); // the versions are at the end of the detail
        save(Path.of("target/screenshots/functions-versions-end-1024x700.png"));
        click(robot, "#rollback-button");
        waitUntil(() -> robot.lookup("#confirm-rollback-button").query().isVisible());
        assertEquals(FunctionStatus.CHANGED, library.find("record_expense").orElseThrow().status(),
                "nothing happens before the confirmation");
        // the detail scrolls under a list that keeps room for four functions: bring the confirmation into view
        Node confirm = robot.lookup("#confirm-rollback-button").query();
        robot.interact(() -> {
            double y = scroll.getContent().sceneToLocal(confirm.localToScene(0, 0)).getY();
            double room = scroll.getContent().getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(room <= 0 ? 0 : Math.min(1, y / room));
        });
        click(robot, "#confirm-rollback-button");
        waitUntil(() -> entry("record_expense").map(f -> f.entry().status() == FunctionStatus.APPROVED).orElse(false));
        assertEquals(approvedCode, library.currentCode("record_expense").orElseThrow());
        assertEquals(CallPermit.Kind.RUN, library.permit("record_expense").kind(), "the approved code runs again");
        Label notice = robot.lookup("#function-notice").queryAs(Label.class);
        waitUntil(() -> notice.getText() != null && notice.getText().startsWith("Rolled back record_expense to version 1"));
        waitUntil(() -> versions.getItems().size() == 3);

        robot.interact(() -> scroll.setVvalue(0));
        waitUntil(() -> robot.lookup("#policy-choice").query().isVisible());
        @SuppressWarnings("unchecked")
        ChoiceBox<PolicyChoice> policy = robot.lookup("#policy-choice").queryAs(ChoiceBox.class);
        assertEquals(PolicyChoice.DEFAULT, policy.getValue());
        robot.interact(() -> policy.setValue(PolicyChoice.ASK));
        waitUntil(() -> library.find("record_expense").orElseThrow().policy() == CallPolicy.ASK);
        assertEquals(CallPermit.Kind.ASK, library.permit("record_expense").kind());

        ListView<?> list = robot.lookup("#function-list").queryAs(ListView.class);
        robot.clickOn("#function-search").write("list_exp");
        waitUntil(() -> list.getItems().size() == 1);
        robot.interact(() -> app.context.functions().searchProperty().set(""));
        robot.interact(() -> app.context.functions().statusFilterProperty().set(StatusFilter.AWAITING_REVIEW));
        waitUntil(() -> list.getItems().size() == 1 && entryShown(list, "list_expenses"));
        assertFalse(entryShown(list, "record_expense"), "the approved function is filtered out");
    }

    private static boolean entryShown(ListView<?> list, String name) {
        return list.getItems().stream().anyMatch(r -> ((Review) r).entry().name().equals(name));
    }

    private Optional<Review> entry(String name) {
        return app.context.functions().functions().stream().filter(f -> f.entry().name().equals(name)).findFirst();
    }

    private void save(Path target) throws Exception {
        Files.createDirectories(target.getParent());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            PngWriter.write(app.scene.snapshot(null), target);
            return null;
        }).get(20, TimeUnit.SECONDS);
        try (FileInputStream in = new FileInputStream(target.toFile())) {
            Image read = new Image(in);
            assertEquals(1024, read.getWidth());
            assertEquals(700, read.getHeight());
        }
    }
}
