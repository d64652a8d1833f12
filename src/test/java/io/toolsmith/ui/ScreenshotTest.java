package io.toolsmith.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.toolsmith.ui.chat.CallStatus;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.chat.MessageRole;
import io.toolsmith.ui.chat.TurnEvent;
import io.toolsmith.ui.chat.TurnOutcome;
import io.toolsmith.ui.common.PngWriter;
import io.toolsmith.ui.fakes.FakeServices;
import io.toolsmith.ui.theme.AppTheme;
import io.toolsmith.ui.window.StoredMessage;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Saves PNGs of the main window (chat with a finished call card, Functions tab, Data tab) to the
 * folder in {@code toolsmith.screenshots} (default target/screenshots), and checks that each is a
 * PNG JavaFX can read back at the window's size. Refresh docs/screenshots with
 * {@code ./mvnw test -Dtest=ScreenshotTest -Dtoolsmith.screenshots=docs/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
    private final FakeServices fakes = new FakeServices();
    private AppContext context;
    private Scene scene;

    @Start
    void start(Stage stage) {
        fakes.conversations.add("Trip costs", List.of(
                new StoredMessage(MessageRole.USER, "What did the train cost?", List.of()),
                new StoredMessage(MessageRole.ASSISTANT, MainWindowTest.MARKDOWN, List.of())));
        context = new AppContext(fakes.services(), AppTheme.LIGHT);
        scene = context.show(stage, 1280, 800);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(() -> context.close());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void savesChatFunctionsAndDataScreenshots(FxRobot robot) throws Exception {
        Path folder = Path.of(System.getProperty("toolsmith.screenshots", "target/screenshots"));
        waitUntil(() -> context.window().chatView().chat() != null
                && context.window().chatView().chat().messages().size() == 2);
        fakes.chat.reply = "I'll record it.\n\n```thinking\nThe user spent 300 on travel.\n```\n\n"
                + "```function_call\n{\"id\": \"call_1\", \"name\": \"record_expense\", \"arguments\": "
                + "{\"category\": \"Travel\", \"amount\": 300.0, \"note\": \"train to Lyon\"}}\n```\n";
        fakes.chat.holdOpen = true;
        robot.interact(() -> {
            context.window().chatView().chat().draftProperty().set("I spent 300 on a train to Lyon");
            context.window().chatView().chat().send();
        });
        waitUntil(() -> !robot.lookup("#call-card").queryAll().isEmpty()
                && context.window().chatView().chat().messages().get(3).text().endsWith("```\n"));
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("category", "Travel");
        arguments.put("amount", 300.0);
        arguments.put("note", "train to Lyon");
        fakes.chat.emit(new TurnEvent.CallUpdate("call_1", "record_expense", arguments, CallStatus.DONE,
                "{\"count\": 1}", null));
        fakes.chat.emit(new TurnEvent.Finished(TurnOutcome.COMPLETED, null, 38.2));
        waitUntil(() -> context.window().chatView().chat().state() == ChatState.IDLE);
        Path chat = save(folder.resolve("chat-with-call-card.png"));

        TabPane side = context.window().sidePanel();
        robot.interact(() -> {
            side.getSelectionModel().select(0);
            // give the review panel the room: collapse the conversation list
            ((javafx.scene.control.SplitPane) side.getParent().getParent()).setDividerPositions(0.15, 0.42);
        });
        waitUntil(() -> robot.lookup("#approve-button").query().isVisible());
        Path functions = save(folder.resolve("functions-tab.png"));

        robot.interact(() -> {
            side.getSelectionModel().select(1);
            ((javafx.scene.control.SplitPane) side.getParent().getParent()).setDividerPositions(0.18, 0.5);
        });
        waitUntil(() -> robot.lookup("#data-table").tryQuery().isPresent());
        Path data = save(folder.resolve("data-tab.png"));

        for (Path png : List.of(chat, functions, data)) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
            try (FileInputStream in = new FileInputStream(png.toFile())) {
                Image read = new Image(in);
                assertFalse(read.isError(), png + " could not be read back");
                assertEquals(1280, read.getWidth());
                assertEquals(800, read.getHeight());
            }
        }
    }

    private Path save(Path target) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            PngWriter.write(scene.snapshot(null), target);
            return null;
        }).get(20, TimeUnit.SECONDS);
        return target;
    }

    private static void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
            WaitForAsyncUtils.waitForFxEvents();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 10 s", e);
        }
    }
}
