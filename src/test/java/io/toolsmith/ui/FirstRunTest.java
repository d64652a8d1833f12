package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.ui.window.ConnectionState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * First run against the real engine: Ollama not running yet (the banner says how to install and start it,
 * Retry finds it once it is up), then no model installed (the download dialog pulls one with progress).
 */
@ExtendWith(WindowTestExtension.class)
class FirstRunTest {
    @TempDir
    Path home;
    private int port;
    private FakeOllama ollama;
    private RealApp app;

    @Start
    void start(Stage shared) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free again once closed: nothing listens there yet
        }
        app = new RealApp(home, "http://127.0.0.1:" + port).show();
    }

    @AfterEach
    void close() {
        app.close();
        if (ollama != null) {
            ollama.close();
        }
    }

    @Test
    void unreachableBannerSaysHowToStartOllamaAndRetryConnects(FxRobot robot) {
        waitUntil(() -> app.context.models().stateProperty().get() == ConnectionState.UNREACHABLE);
        assertTrue(robot.lookup("#banner").query().isVisible());
        String sentence = robot.lookup("#banner-text").queryAs(Label.class).getText();
        assertTrue(sentence.contains("127.0.0.1:" + port), sentence);
        assertTrue(sentence.contains("ollama serve"), sentence);
        assertTrue(sentence.contains("https://ollama.com/install.sh"), "Linux install hint: " + sentence);

        ollama = FakeOllama.startOn(port);
        ollama.setModels(FakeModels.Model.of("gemma3:12b", "gemma3", "completion", "vision"));
        click(robot, "#banner-retry");
        waitUntil(() -> app.context.models().stateProperty().get() == ConnectionState.CONNECTED);
        assertTrue(!robot.lookup("#banner").query().isVisible());
        assertEquals("gemma3:12b", app.context.models().selectedProperty().get().name());
    }

    @Test
    void anotherServerAddressInSettingsConnectsWithoutARestart(FxRobot robot) {
        waitUntil(() -> app.context.models().stateProperty().get() == ConnectionState.UNREACHABLE);
        ollama = FakeOllama.start();
        ollama.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion", "tools", "thinking"));
        click(robot, "#settings-button");
        waitUntil(() -> robot.lookup("#setting-host").tryQuery().isPresent());
        javafx.scene.control.TextField host = robot.lookup("#setting-host").queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> host.setText(ollama.url()));
        robot.clickOn(robot.lookup(".button").match(n -> n instanceof javafx.scene.control.Button b
                && b.getText().equals("OK")).queryButton());
        waitUntil(() -> app.context.models().stateProperty().get() == ConnectionState.CONNECTED);
        assertEquals("qwen3:8b", app.context.models().selectedProperty().get().name());
        assertEquals(ollama.url(), app.engine.backend().endpoint());
    }

    @Test
    void withoutModelsTheDownloadDialogPullsOneWithProgress(FxRobot robot) {
        waitUntil(() -> app.context.models().stateProperty().get() == ConnectionState.UNREACHABLE);
        ollama = FakeOllama.startOn(port);
        ollama.setModels();
        click(robot, "#banner-retry");
        waitUntil(() -> app.context.models().stateProperty().get() == ConnectionState.NO_MODELS);
        waitUntil(() -> robot.lookup("#suggested-models").tryQuery().isPresent());
        assertTrue(robot.lookup("#banner-download").query().isVisible());

        // A first download that the user stops half way (it holds there until stopped, so the progress is seen).
        ollama.enqueueStalledPull(3_300_000_000L);
        click(robot, "gemma3:4b  ·  3.3 GB");
        click(robot, "#setup-download");
        waitUntil(() -> robot.lookup("#setup-progress-text").queryAs(Label.class).getText().contains(" of 3.3 GB"));
        click(robot, "#setup-cancel");
        waitUntil(() -> robot.lookup("#setup-sentence").queryAs(Label.class).getText().contains("continues"));

        // Again: this time it completes, and the model appears in the picker.
        ollama.enqueuePull(Duration.ofMillis(20), 3_300_000_000L, 1_000_000L);
        ollama.setModels(FakeModels.Model.of("gemma3:4b", "gemma3", "completion", "vision"));
        click(robot, "#setup-download");
        waitUntil(() -> robot.lookup("#setup-sentence").queryAs(Label.class).getText().startsWith("gemma3:4b is ready"));
        assertEquals(1.0, robot.lookup("#setup-progress").queryAs(ProgressBar.class).getProgress());
        assertEquals(2, ollama.pullRequests().size());
        assertEquals("gemma3:4b", ollama.pullRequests().get(1).get("model").asText(ollama.pullRequests().get(1).path("name").asText()));
        waitUntil(() -> app.context.models().stateProperty().get() == ConnectionState.CONNECTED);
        assertEquals("gemma3:4b", app.context.models().selectedProperty().get().name());
    }

    @Test
    void aFailedDownloadIsASentence(FxRobot robot) {
        ollama = FakeOllama.startOn(port);
        ollama.setModels();
        click(robot, "#banner-retry");
        waitUntil(() -> robot.lookup("#suggested-models").tryQuery().isPresent());
        ollama.enqueuePullError("pull model manifest: file does not exist");
        robot.interact(() -> robot.lookup("#setup-model-name").queryAs(javafx.scene.control.TextField.class)
                .setText("no-such-model:1b"));
        click(robot, "#setup-download");
        waitUntil(() -> !robot.lookup("#setup-sentence").queryAs(Label.class).getText().isBlank());
        String sentence = robot.lookup("#setup-sentence").queryAs(Label.class).getText();
        assertTrue(sentence.contains("no-such-model:1b") || sentence.contains("does not exist"), sentence);
        assertTrue(!sentence.contains("Exception"), sentence);
    }
}
