package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.tutorialReply;
import static io.toolsmith.ui.RealApp.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.Review;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.chat.CallStatus;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.common.PngWriter;
import io.toolsmith.ui.data.DataContent;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.theme.AppTheme;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
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
 * Saves PNGs of the main window over the real engine, with a scripted Ollama stand-in playing the model through
 * the expense-tracker tutorial: the empty chat of a first start and a function waiting for review, then at 1024×700 and 1440×900, light and dark,
 * the chat with the finished call card, a reply with a wide table and code, the Functions tab and the Data tab
 * with its snapshots. Saved to the folder in {@code toolsmith.screenshots} (default target/screenshots) as
 * {@code WIDTHxHEIGHT-THEME-STATE.png}; each is checked to be a PNG JavaFX reads back at the window's size.
 * Refresh docs/screenshots with {@code ./mvnw test -Dtest=ScreenshotTest -Dtoolsmith.screenshots=target/screenshots}
 * and copy the 1024×700 light ones there.
 */
@ExtendWith(WindowTestExtension.class)
class ScreenshotTest {
    static final String TABLE_AND_CODE = """
            Here is every expense so far, and the code that sums them per category:

            | date | category | amount | currency | paid with | shop | note | receipt |
            |---|---|---:|---|---|---|---|---|
            | 2025-07-07 | Travel | 300.0 | INR | cash | City Cabs | ride back home | no |
            | 2025-07-08 | Groceries | 1250.5 | INR | card | Fresh Mart | weekly shopping | yes |

            ```python
            def totals(expenses):
                result = {}
                for e in expenses:
                    result[e["category"]] = result.get(e["category"], 0) + e["amount"]
                return result
            ```
            """;
    private static final double[][] SIZES = {{1024, 700}, {1440, 900}};
    @TempDir
    Path home;
    private FakeOllama ollama;
    private RealApp app;
    private Stage stage;
    /** The scene drawn: the window's own, or the one off the screen for the larger size. */
    private Scene shown;
    private final List<Path> saved = new ArrayList<>();

    /** A stage of its own, so the sizes set here do not stay with the stage TestFX shares between tests. */
    @Start
    void start(Stage shared) {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("gemma3:12b", "gemma3", "completion", "vision"));
        app = new RealApp(home, ollama.url()).show();
        stage = app.stage;
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(stage::close);
        app.close();
        ollama.close();
    }

    @Test
    void savesTheMainStatesAtTwoSizesInBothThemes(FxRobot robot) throws Exception {
        Path folder = Path.of(System.getProperty("toolsmith.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        waitUntil(() -> app.chat() != null);
        resize(robot, SIZES[0]);
        waitUntil(() -> app.scene.lookup("#empty-chat-guide") != null && app.scene.lookup("#empty-chat-guide").isVisible());
        save(folder.resolve("1024x700-light-first-start.png"));

        ollama.enqueueReply(tutorialReply("01-expense-tracker-code.md"));
        send(robot, RealApp.ASK_FOR_TRACKER);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 2);
        ollama.enqueueReply(tutorialReply("02-expense-tracker-specs.md"));
        send(robot, RealApp.ASK_FOR_SPECS);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 4);
        waitUntil(() -> app.context.functions().functions().stream()
                .filter(f -> f.entry().status() == FunctionStatus.PENDING).count() == 2);
        Review pending = app.context.functions().functions().stream()
                .filter(f -> f.entry().name().equals("record_expense")).findFirst().orElseThrow();
        robot.interact(() -> {
            app.context.window().sidePanel().getSelectionModel().select(0);
            app.context.window().revealSidePanel(); // at 1024 px it steps aside until asked for: over the chat
            app.context.functions().selectedProperty().set(pending);
        });
        waitUntil(() -> app.scene.lookup("#approve-button") != null && app.scene.lookup("#approve-button").isVisible());
        save(folder.resolve("1024x700-light-functions-tab.png"));
        for (Review f : List.copyOf(app.context.functions().functions())) {
            robot.interact(() -> app.context.functions().selectedProperty().set(f));
            waitUntil(() -> app.scene.lookup("#approve-button") != null && app.scene.lookup("#approve-button").isVisible());
            robot.interact(() -> ((javafx.scene.control.Button) app.scene.lookup("#approve-button")).fire());
            waitUntil(() -> app.context.functions().functions().stream()
                    .anyMatch(g -> g.entry().name().equals(f.entry().name()) && g.entry().status() == FunctionStatus.APPROVED));
        }
        ollama.enqueueReply(tutorialReply("03-record-expense-call.md"));
        ollama.enqueueReply(tutorialReply("04-final-answer.md"));
        send(robot, RealApp.LOG_EXPENSE);
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 8);
        waitUntil(() -> app.chat().call("1").statusProperty().get() == CallStatus.DONE);
        ollama.enqueueReply(TABLE_AND_CODE);
        send(robot, "Show my expenses as a table, with the code that sums them.");
        waitUntil(30, () -> app.chat().state() == ChatState.IDLE && app.chat().messages().size() == 10);
        Review record = app.context.functions().functions().stream()
                .filter(f -> f.entry().name().equals("record_expense")).findFirst().orElseThrow();

        // Settings, Model tab: every label whole, and the model in use shown as the default model
        robot.interact(() -> ((javafx.scene.control.Button) app.scene.lookup("#settings-button")).fire());
        waitUntil(() -> robot.lookup("#setting-defaultModel").tryQuery().isPresent());
        javafx.scene.control.TextField model = robot.lookup("#setting-defaultModel").queryAs(javafx.scene.control.TextField.class);
        assertEquals("gemma3:12b", model.getText());
        robot.interact(() -> ((TabPane) model.getScene().getRoot().lookup(".tab-pane")).getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        Path settings = folder.resolve("settings-model-tab.png");
        WaitForAsyncUtils.asyncFx(() -> {
            PngWriter.write(model.getScene().snapshot(null), settings);
            return null;
        }).get(20, TimeUnit.SECONDS);
        robot.interact(() -> ((javafx.stage.Stage) model.getScene().getWindow()).close());

        TabPane side = app.context.window().sidePanel();
        for (double[] size : SIZES) {
            for (AppTheme theme : AppTheme.values()) {
                String prefix = (int) size[0] + "x" + (int) size[1] + "-" + theme.name().toLowerCase() + "-";
                resize(robot, size);
                boolean narrow = size[0] < 1100;
                robot.interact(() -> {
                    app.context.themes().setTheme(theme);
                    app.context.window().closeSidePanelOverlay(); // the chat as a narrow window shows it
                    side.getSelectionModel().select(0);
                    app.context.functions().selectedProperty().set(record);
                    // Find brings the message that led to the call, and the call card under it, into view
                    app.context.window().chatView().showFind(true);
                    ((javafx.scene.control.TextField) shown.getRoot().lookup("#find-field")).setText("rupees on a cab");
                });
                waitUntil(() -> narrow || shown.getRoot().lookup("#function-code") != null);
                save(folder.resolve(prefix + "chat-with-call-card.png"));
                robot.interact(() -> {
                    app.context.window().chatView().showFind(false);
                    app.context.window().chatView().list()
                            .scrollTo(app.context.window().chatView().list().getItems().size() - 1);
                });
                save(folder.resolve(prefix + "reply-with-table-and-code.png"));
                robot.interact(() -> {
                    side.getSelectionModel().select(1);
                    app.context.window().revealSidePanel();
                });
                waitUntil(() -> app.context.data().contentProperty().get() instanceof DataContent.Table
                        && shown.getRoot().lookup("#data-table") != null
                        && !app.context.data().snapshots().isEmpty());
                save(folder.resolve(prefix + "data-tab.png"));
                robot.interact(() -> {
                    side.getSelectionModel().select(2);
                    shown.getRoot().applyCss(); // the tab's panel, made now, gets its table with its skin
                    ((javafx.scene.control.TableView<?>) shown.getRoot().lookup("#activity-table"))
                            .getSelectionModel().select(0);
                });
                save(folder.resolve(prefix + "activity-tab.png"));
            }
        }

        for (Path png : saved) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
            try (FileInputStream in = new FileInputStream(png.toFile())) {
                Image read = new Image(in);
                assertFalse(read.isError(), png + " could not be read back");
                String name = png.getFileName().toString();
                assertEquals(name.startsWith("1024x700") ? 1024 : 1440, read.getWidth(), name);
                assertEquals(name.startsWith("1024x700") ? 700 : 900, read.getHeight(), name);
            }
        }
    }

    /** Sends a message as the composer does (the window here has a stage of its own, which keys may not reach). */
    private void send(FxRobot robot, String text) {
        robot.interact(() -> {
            app.chat().draftProperty().set(text);
            app.chat().send();
        });
    }

    /**
     * Sizes the window: in its stage while it fits the 1280×800 headless screen; larger, it is moved to a scene of
     * its own off the screen, drawn by its snapshot (the screen's painter cannot draw past its edge).
     */
    private void resize(FxRobot robot, double[] size) {
        if (size[0] <= 1280 && size[1] <= 800) {
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            waitUntil(() -> app.scene.getWidth() == size[0] && app.scene.getHeight() == size[1]);
            shown = app.scene;
            return;
        }
        robot.interact(() -> {
            if (shown == app.scene) {
                stage.setScene(null);
                app.scene.setRoot(new javafx.scene.Group());
                shown = new Scene(app.context.window(), size[0], size[1]);
                app.context.themes().install(shown);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void save(Path target) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            // laid out twice first, as a pulse would (cells made by the first pass are laid out by the second); a
            // snapshot draws what is then laid out
            for (int pass = 0; pass < 2; pass++) {
                shown.getRoot().applyCss();
                shown.getRoot().layout();
            }
            PngWriter.write(shown.snapshot(null), target);
            return null;
        }).get(20, TimeUnit.SECONDS);
        saved.add(target);
    }
}
