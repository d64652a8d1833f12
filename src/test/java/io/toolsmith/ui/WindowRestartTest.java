package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.settings.SettingsStore;
import io.toolsmith.settings.Theme;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.theme.AppTheme;
import io.toolsmith.ui.theme.ThemeManager;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Two starts of the window on one home: the look chosen with Light/Dark, the window's size and place and the
 * closed side panel come back. Each start has a stage of its own, as a real start has.
 */
@ExtendWith(WindowTestExtension.class)
class WindowRestartTest {
    @TempDir
    Path home;
    private FakeOllama ollama;
    private RealApp first;
    private RealApp second;

    @Start
    void start(Stage ignored) {
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("gemma3:12b", "gemma3", "completion"));
    }

    @AfterEach
    void close(FxRobot robot) {
        for (RealApp app : new RealApp[] {first, second}) {
            if (app != null) {
                app.close();
            }
        }
        ollama.close();
    }

    @Test
    void themeSizePlaceAndSidePanelAreKeptAcrossARestart(FxRobot robot) {
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> {
            stage.set(new Stage());
            first = new RealApp(home, ollama.url()).show(stage.get());
        });
        waitUntil(() -> first.chat() != null);
        assertEquals(AppTheme.LIGHT, first.context.themes().theme());
        assertTrue(first.context.window().sidePanelShownProperty().get());

        click(robot, "#theme-toggle");
        waitUntil(() -> SettingsStore.read(home.resolve("settings.json")).theme() == Theme.DARK);
        click(robot, "#side-panel-toggle");
        SplitPane split = robot.lookup("#main-split").queryAs(SplitPane.class);
        waitUntil(() -> split.getItems().size() == 2 && !first.context.window().sidePanelShownProperty().get());
        robot.interact(() -> {
            stage.get().setX(40);
            stage.get().setY(30);
            stage.get().setWidth(1100);
            stage.get().setHeight(720);
            split.setDividerPositions(0.25);
        });
        robot.interact(() -> stage.get().close()); // closing the window keeps its layout
        first.close();
        first = null;

        robot.interact(() -> {
            stage.set(new Stage());
            second = new RealApp(home, ollama.url()).show(stage.get());
        });
        waitUntil(() -> second.chat() != null);
        assertEquals(AppTheme.DARK, second.context.themes().theme());
        assertTrue(second.scene.getRoot().getStyleClass().contains(ThemeManager.DARK_CLASS));
        assertEquals(1100, stage.get().getWidth(), 0.5);
        assertEquals(720, stage.get().getHeight(), 0.5);
        assertEquals(40, stage.get().getX(), 0.5);
        assertEquals(30, stage.get().getY(), 0.5);
        assertFalse(second.context.window().sidePanelShownProperty().get());
        SplitPane again = (SplitPane) second.scene.lookup("#main-split");
        assertEquals(2, again.getItems().size());
        assertEquals(0.25, again.getDividerPositions()[0], 0.02);

        // Ctrl+B opens it again, beside a chat that keeps its room
        robot.interact(() -> second.scene.getRoot().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        waitUntil(() -> again.getItems().size() == 3 && second.context.window().sidePanelShownProperty().get());
        assertTrue(second.context.window().chatView().getWidth() >= 420 - 0.5,
                "chat width " + second.context.window().chatView().getWidth());
    }
}
