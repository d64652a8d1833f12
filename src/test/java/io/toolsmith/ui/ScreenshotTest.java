package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.tutorialReply;
import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.CallStatus;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.common.PngWriter;
import io.toolsmith.ui.data.DataContent;
import io.toolsmith.functions.Review;
import io.toolsmith.functions.FunctionStatus;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Saves PNGs of the main window over the real engine, with a scripted Ollama stand-in playing the model through
 * the expense-tracker tutorial: the Functions tab with a pending function's code and spec, the chat with the
 * finished call card, and the Data tab with the expense table. Saved to the folder in {@code toolsmith.screenshots}
 * (default target/screenshots); each is checked to be a PNG JavaFX reads back at the window's size. Refresh
 * docs/screenshots with {@code ./mvnw test -Dtest=ScreenshotTest -Dtoolsmith.screenshots=docs/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
    @TempDir
    Path home;
    private FakeOllama ollama;
    private RealApp app;

    @Start
    void start(Stage shared) {
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
    void savesChatFunctionsAndDataScreenshots(FxRobot robot) throws Exception {
        Path folder = Path.of(System.getProperty("toolsmith.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        waitUntil(() -> app.chat() != null);
        ollama.enqueueReply(tutorialReply("01-expense-tracker-code.md"));
        typeAndPressEnter(robot, RealApp.ASK_FOR_TRACKER);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 2);
        ollama.enqueueReply(tutorialReply("02-expense-tracker-specs.md"));
        typeAndPressEnter(robot, RealApp.ASK_FOR_SPECS);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 4);

        TabPane side = app.context.window().sidePanel();
        SplitPane split = (SplitPane) side.getParent().getParent();
        robot.interact(() -> {
            side.getSelectionModel().select(0);
            split.setDividerPositions(0.15, 0.42); // give the review panel the room
        });
        waitUntil(() -> app.context.functions().functions().stream()
                .filter(f -> f.entry().status() == FunctionStatus.PENDING).count() == 2);
        Review record = app.context.functions().functions().stream()
                .filter(f -> f.entry().name().equals("record_expense")).findFirst().orElseThrow();
        robot.interact(() -> app.context.functions().selectedProperty().set(record));
        waitUntil(() -> robot.lookup("#approve-button").query().isVisible());
        Path functions = save(folder.resolve("functions-tab.png"));
        for (Review f : List.copyOf(app.context.functions().functions())) {
            robot.interact(() -> app.context.functions().selectedProperty().set(f));
            waitUntil(() -> robot.lookup("#approve-button").query().isVisible());
            robot.clickOn("#approve-button");
            waitUntil(() -> app.context.functions().functions().stream()
                    .anyMatch(g -> g.entry().name().equals(f.entry().name()) && g.entry().status() == FunctionStatus.APPROVED));
        }

        ollama.enqueueReply(tutorialReply("03-record-expense-call.md"));
        ollama.enqueueReply(tutorialReply("04-final-answer.md"));
        typeAndPressEnter(robot, RealApp.LOG_EXPENSE);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 8);
        waitUntil(() -> app.chat().call("1").statusProperty().get() == CallStatus.DONE);
        robot.interact(() -> {
            split.setDividerPositions(0.18, 0.62);
            app.context.window().chatView().list().scrollTo(4);
        });
        Path chat = save(folder.resolve("chat-with-call-card.png"));

        robot.interact(() -> {
            side.getSelectionModel().select(1);
            split.setDividerPositions(0.18, 0.5);
        });
        waitUntil(() -> app.context.data().contentProperty().get() instanceof DataContent.Table
                && robot.lookup("#data-table").tryQuery().isPresent());
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
            PngWriter.write(app.scene.snapshot(null), target);
            return null;
        }).get(20, TimeUnit.SECONDS);
        return target;
    }
}
