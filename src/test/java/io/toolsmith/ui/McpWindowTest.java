package io.toolsmith.ui;

import static io.toolsmith.ui.RealApp.waitUntil;
import static io.toolsmith.ui.testing.Input.click;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.mcp.McpHome;
import io.toolsmith.mcp.McpInspector;
import io.toolsmith.settings.Home;
import io.toolsmith.testing.FakeModels;
import io.toolsmith.testing.FakeOllama;
import io.toolsmith.ui.engine.WindowMcpCalls;
import io.toolsmith.ui.testing.Input;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The window open on a home, and a separate {@code toolsmith mcp} process whose calls go through the home's socket to
 * the window: they run there, show in its Activity tab, and a function set to ask is confirmed in its dialog.
 *
 * <p>The tests share the home, the window and one {@code toolsmith mcp} process: each looks only for the activity
 * of its own call (its function and client), so none depends on what another did before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpWindowTest {
    @TempDir
    static Path root;
    private final FxRobot robot = new FxRobot();
    private FakeOllama ollama;
    private RealApp app;
    private WindowMcpCalls calls;
    private McpSyncClient client;

    @BeforeAll
    void start() throws Exception {
        McpHome.prepare(root);
        ollama = FakeOllama.start();
        // a model installed, so the first start asks nothing: its setup dialog would keep clicks from the window
        ollama.setModels(FakeModels.Model.of("qwen3:8b", "qwen3", "completion", "tools"));
        app = RealApp.openShared(root, ollama.url());
        calls = WindowMcpCalls.start(app.engine).orElseThrow();
        client = McpHome.client(new Home(root), tools -> { });
    }

    @AfterEach
    void releaseInput() {
        Input.releaseHeld(robot);
    }

    @AfterAll
    void close() {
        if (client != null) {
            client.closeGracefully();
        }
        if (calls != null) {
            calls.close();
        }
        app.close();
        ollama.close();
    }

    @SuppressWarnings("unchecked")
    private void waitForActivity(String function, String source) {
        click(robot, "#activity-tab");
        // the tab's panel is made when the tab is first shown, and its table by the next frame's styling
        waitUntil(() -> robot.lookup("#activity-table").tryQuery().isPresent());
        TableView<ActivityEntry> table = robot.lookup("#activity-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().stream()
                .anyMatch(e -> e.function().equals(function) && source.equals(e.source())));
    }

    private static String text(McpSchema.CallToolResult result) {
        return result.content().stream().map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining("\n"));
    }

    @Test
    void aCallFromAnMcpClientRunsInTheWindowAndShowsInItsActivity() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("add_item", Map.of("name", "pen")));
        assertFalse(Boolean.TRUE.equals(result.isError()), text(result));
        waitForActivity("add_item", "MCP: toolsmith-test");
    }

    @Test
    void aFunctionSetToAskIsConfirmedInTheWindow() throws Exception {
        CompletableFuture<McpSchema.CallToolResult> answer = CompletableFuture.supplyAsync(() -> client.callTool(
                new McpSchema.CallToolRequest("fetch_page", Map.of("url", "http://127.0.0.1:9/"))));
        waitUntil(120, () -> robot.lookup("#mcp-confirmation").tryQuery().isPresent());
        click(robot, "Don't run");
        McpSchema.CallToolResult result = answer.get(120, TimeUnit.SECONDS);
        assertTrue(result.isError());
        assertTrue(text(result).startsWith("CallRefusedError: The user refused to run fetch_page"), text(result));
    }

    @Test
    void aCallFromTheMcpInspectorShowsInTheWindowsActivity() throws Exception {
        McpInspector inspector = McpInspector.installedOrSkip();
        McpInspector.Result result = inspector.call(new Home(root), "--method", "tools/call", "--tool-name", "add_item",
                "--tool-arg", "name=cup");
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("\"isError\": false"), result.output());
        waitForActivity("add_item", "MCP: inspector-cli");
    }
}
