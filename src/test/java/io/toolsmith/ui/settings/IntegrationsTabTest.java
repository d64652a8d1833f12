package io.toolsmith.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.ui.testing.WindowTestExtension;
import io.toolsmith.util.Json;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** Settings → Integrations: each host's Copy button puts a configuration that starts {@code toolsmith mcp} on the clipboard. */
@ExtendWith(WindowTestExtension.class)
class IntegrationsTabTest {
    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new javafx.scene.control.ScrollPane(IntegrationsTab.content()), 640, 480));
        stage.show();
    }

    @Test
    void eachCopyButtonCopiesAConfigurationThatStartsToolsmithMcp(FxRobot robot) throws Exception {
        for (IntegrationsTab.Host host : IntegrationsTab.HOSTS) {
            robot.interact(() -> Clipboard.getSystemClipboard().clear());
            Button copy = robot.lookup("#mcp-copy-" + host.id()).queryAs(Button.class);
            robot.interact(copy::fire);
            AtomicReference<String> copied = new AtomicReference<>();
            robot.interact(() -> copied.set(Clipboard.getSystemClipboard().getString()));
            JsonNode server = Json.MAPPER.readTree(copied.get()).path("mcpServers").path("toolsmith");
            assertEquals("toolsmith", server.path("command").asText(), host.name());
            assertEquals("[\"mcp\"]", server.path("args").toString(), host.name());
            assertEquals("Copied", copy.getText());
        }
    }
}
