package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.window.MainWindow;
import io.toolsmith.ui.window.WindowLayout;
import io.toolsmith.ui.window.WindowLayoutStore;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The window at 1024×700, 1280×800 and 1440×900: the side panel steps aside by itself when the window is narrow,
 * Ctrl+B shows it over the chat then, and a wider window puts it back as the user left it, which window.json keeps.
 * The headless screen is 1280×800, so the window is shown at 1440×900 in a scene of its own off the screen, as the
 * screenshots are (the screen's painter cannot draw past its edge).
 */
@ExtendWith(WindowTestExtension.class)
class NarrowWindowTest {
    @TempDir
    Path home;
    private FakeOllama ollama;
    private RealApp app;
    private Stage stage;

    @Start
    void start(Stage ignored) {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("gemma3:12b", "gemma3", "completion"));
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
        ollama.close();
    }

    private MainWindow open(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            stage = new Stage(StageStyle.UNDECORATED);
            app = new RealApp(home, ollama.url()).show(stage);
            stage.setWidth(width);
            stage.setHeight(height);
        });
        waitUntil(() -> app.chat() != null && app.context.window().getWidth() == width);
        return app.context.window();
    }

    private void resize(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        waitUntil(() -> app.context.window().getWidth() == width);
    }

    /** Moves the window out of its stage into a scene of {@code width}×{@code height} and lays it out there. */
    private void showOffScreen(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            stage.setScene(null);
            app.scene.setRoot(new javafx.scene.Group());
            javafx.scene.Scene wide = new javafx.scene.Scene(app.context.window(), width, height);
            app.context.themes().install(wide);
            wide.snapshot(null); // lays the scene out
        });
        waitUntil(() -> app.context.window().getWidth() == width);
        robot.interact(() -> app.context.window().getScene().snapshot(null));
    }

    private void pressCtrlB(FxRobot robot) {
        robot.interact(() -> app.scene.getRoot().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
    }

    @Test
    void atTheWidthOfASmallScreenTheSidePanelStepsAsideAndCtrlBShowsItOverTheChat(FxRobot robot) {
        MainWindow window = open(robot, 1024, 700);
        SplitPane split = robot.lookup("#main-split").queryAs(SplitPane.class);
        waitUntil(() -> split.getItems().size() == 2);
        assertTrue(window.narrowProperty().get());
        assertFalse(window.sidePanelVisibleProperty().get());
        assertFalse(window.sidePanel().isVisible() && window.sidePanel().getScene() != null
                && window.sidePanel().getParent() != null && window.sidePanel().getParent().isVisible(),
                "the side panel is nowhere to be seen");
        assertTrue(window.sidePanelShownProperty().get(), "the user's choice is not changed by the width");
        double chatWidth = window.chatView().getWidth();
        assertTrue(chatWidth >= 700, "the chat has the room: " + chatWidth);

        pressCtrlB(robot);
        Node overlay = robot.lookup("#side-panel-overlay").query();
        waitUntil(() -> overlay.isVisible() && window.sidePanel().getParent() == overlay);
        assertTrue(window.sidePanelVisibleProperty().get());
        assertEquals(2, split.getItems().size(), "shown over the chat, not beside it");
        assertEquals(chatWidth, window.chatView().getWidth(), 0.5, "the chat keeps its width");
        assertTrue(window.sidePanel().getWidth() >= 260, "panel width " + window.sidePanel().getWidth());
        assertTrue(window.sidePanelShownProperty().get());

        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !overlay.isVisible());
        assertFalse(window.sidePanelVisibleProperty().get(), "Esc closes it");

        pressCtrlB(robot);
        waitUntil(overlay::isVisible);
        resize(robot, 1280, 800); // wider: beside the chat again, as the user left it
        waitUntil(() -> split.getItems().size() == 3);
        assertFalse(overlay.isVisible());
        assertSame(split, window.sidePanel().getParent().getParent(), "in the split again");
        assertTrue(window.sidePanelVisibleProperty().get());
        assertTrue(window.chatView().getWidth() >= 420 - 0.5, "chat width " + window.chatView().getWidth());

        resize(robot, 1024, 700);
        waitUntil(() -> split.getItems().size() == 2 && !window.sidePanelVisibleProperty().get());
        showOffScreen(robot, 1440, 900);
        waitUntil(() -> split.getItems().size() == 3);
        assertFalse(window.narrowProperty().get());
        assertTrue(window.chatView().getWidth() >= 420 - 0.5, "chat width " + window.chatView().getWidth());
        assertTrue(window.sidePanel().getWidth() >= 260, "panel width " + window.sidePanel().getWidth());
    }

    @Test
    void aPanelClosedAtAWideSizeStaysClosedThroughANarrowWindowAndARestart(FxRobot robot) {
        MainWindow window = open(robot, 1280, 800);
        SplitPane split = robot.lookup("#main-split").queryAs(SplitPane.class);
        waitUntil(() -> split.getItems().size() == 3);
        assertFalse(window.narrowProperty().get());
        pressCtrlB(robot);
        waitUntil(() -> split.getItems().size() == 2 && !window.sidePanelShownProperty().get());

        resize(robot, 1024, 700);
        assertEquals(2, split.getItems().size());
        pressCtrlB(robot); // a look over the chat does not change the choice
        waitUntil(() -> window.sidePanelVisibleProperty().get());
        assertFalse(window.sidePanelShownProperty().get());
        resize(robot, 1280, 800);
        waitUntil(() -> !window.sidePanelVisibleProperty().get());
        assertEquals(2, split.getItems().size(), "closed, as the user left it at this size");

        robot.interact(() -> stage.close()); // closing keeps the layout
        WindowLayout kept = new WindowLayoutStore(home.resolve("window.json")).load();
        assertFalse(kept.sidePanelOpen());
        app.close();
        app = null;

        MainWindow again = open(robot, 1280, 800);
        SplitPane split2 = robot.lookup("#main-split").queryAs(SplitPane.class);
        showOffScreen(robot, 1440, 900);
        assertFalse(again.sidePanelShownProperty().get());
        assertEquals(2, split2.getItems().size());
    }

    @Test
    void anOpenPanelKeptWhileNarrowComesBackBesideTheChatNearItsKeptDivider(FxRobot robot) {
        MainWindow window = open(robot, 1280, 800);
        SplitPane split = robot.lookup("#main-split").queryAs(SplitPane.class);
        waitUntil(() -> split.getItems().size() == 3);
        robot.interact(() -> split.setDividerPositions(0.2, 0.7));
        resize(robot, 1024, 700);
        waitUntil(() -> split.getItems().size() == 2);
        robot.interact(() -> stage.close());
        WindowLayout kept = new WindowLayoutStore(home.resolve("window.json")).load();
        assertTrue(kept.sidePanelOpen(), "the choice, not what the narrow window showed");
        assertEquals(2, kept.dividers().size());
        assertEquals(0.7, kept.dividers().get(1), 0.02);
        app.close();
        app = null;

        MainWindow again = open(robot, 1024, 700);
        SplitPane narrowSplit = robot.lookup("#main-split").queryAs(SplitPane.class);
        waitUntil(() -> narrowSplit.getItems().size() == 2 && again.narrowProperty().get());
        showOffScreen(robot, 1440, 900);
        waitUntil(() -> narrowSplit.getItems().size() == 3);
        assertTrue(again.sidePanelVisibleProperty().get(), "the panel the user left open is beside the chat again");
        // The split spreads the new width over the chat and the panel, so the divider is near where it was kept.
        assertEquals(0.7, narrowSplit.getDividerPositions()[1], 0.1);
        assertTrue(again.sidePanel().getWidth() >= 260, "panel width " + again.sidePanel().getWidth());
    }
}
