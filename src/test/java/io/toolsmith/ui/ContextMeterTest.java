package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.typeAndPressEnter;
import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.testing.OllamaLines;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.testing.WindowTestExtension;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The status bar shows how full the shown chat's context window was, by the server's count of the last request. */
@ExtendWith(WindowTestExtension.class)
class ContextMeterTest {
    @TempDir
    Path home;
    private FakeOllama ollama;
    private RealApp app;

    @Start
    void start(Stage shared) {
        ollama = FakeOllama.start();
        // The model's own 40,960 tokens are capped to an automatic window of 8,192.
        ollama.setModels(new FakeModels.Model("qwen3:8b", "qwen3", List.of("completion"), 40_960, 1L));
        app = new RealApp(home, ollama.url()).show();
    }

    @AfterEach
    void close() {
        app.close();
        ollama.close();
    }

    @Test
    void theMeterFollowsTheServersCountForTheChatOnScreen(FxRobot robot) {
        Label meter = robot.lookup("#context-status").queryAs(Label.class);
        app.waitUntilConnected();
        assertEquals("", meter.getText(), "no count before the first reply");

        ollama.enqueue(replyCounting(1_234));
        typeAndPressEnter(robot, "Hello");
        waitUntil(30, () -> meter.getText().equals("context: 1,234 / 8,192 tokens"));
        assertFalse(meter.getStyleClass().contains("context-nearly-full"));

        var first = app.chat();
        ollama.enqueue(replyCounting(7_500));
        typeAndPressEnter(robot, "And again");
        waitUntil(30, () -> meter.getText().equals("context: 7,500 / 8,192 tokens"));
        assertTrue(meter.getStyleClass().contains("context-nearly-full"), "over nine tenths is marked");
        waitUntil(() -> first.state() == ChatState.IDLE);

        click(robot, "#new-chat");
        waitUntil(() -> app.chat() != first);
        waitUntil(() -> meter.getText().isEmpty());
        assertFalse(meter.getStyleClass().contains("context-nearly-full"));

        robot.interact(() -> app.context.conversations().selectedProperty().set(app.context.conversations().shown()
                .stream().filter(c -> c.id().equals(first.conversationId())).findFirst().orElseThrow()));
        waitUntil(() -> app.chat() == first);
        waitUntil(() -> meter.getText().equals("context: 7,500 / 8,192 tokens"));
    }

    @Test
    void aChatOpenedAfterARestartShowsItsLastCountAgain(FxRobot robot) {
        app.waitUntilConnected();
        String chatId = app.chat().conversationId();
        ollama.enqueue(replyCounting(1_234));
        typeAndPressEnter(robot, "Hello");
        Label meter = robot.lookup("#context-status").queryAs(Label.class);
        waitUntil(30, () -> meter.getText().equals("context: 1,234 / 8,192 tokens"));
        waitUntil(() -> app.chat().state() == ChatState.IDLE);

        app.close();
        robot.interact(() -> app = new RealApp(home, ollama.url()).show());
        Label reopened = robot.lookup("#context-status").queryAs(Label.class);
        waitUntil(() -> app.context.conversations().shown().stream().anyMatch(c -> c.id().equals(chatId)));
        robot.interact(() -> app.context.conversations().selectedProperty().set(app.context.conversations().shown()
                .stream().filter(c -> c.id().equals(chatId)).findFirst().orElseThrow()));
        waitUntil(() -> app.chat() != null && app.chat().conversationId().equals(chatId));
        waitUntil(() -> reopened.getText().equals("context: 1,234 / 8,192 tokens"));
    }

    /** A reply whose server reports {@code promptTokens} as its count of the prompt, as Ollama does. */
    private static FakeOllama.Script replyCounting(long promptTokens) {
        return (exchange, request) -> {
            String model = request.path("model").asText();
            exchange.chunk(200, "application/x-ndjson", OllamaLines.line(OllamaLines.chunk(model, "Fine.", null, null, true)));
            ObjectNode done = OllamaLines.done(model, "", "stop", 1);
            done.put("prompt_eval_count", promptTokens);
            exchange.chunk(200, "application/x-ndjson", OllamaLines.line(done));
        };
    }
}
