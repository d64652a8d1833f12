package io.toolsmith.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolsmith.cli.ToolsmithCommand;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.functions.ActivityLog;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.functions.PythonAnalyzer;
import io.toolsmith.settings.Home;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The SDK's own client over stdio against a real {@code toolsmith mcp} process on a real home: real python3,
 * bubblewrap, files and pickles. Nothing is mocked.
 */
class McpServerStdioTest {
    @TempDir
    static Path root;
    static Home home;
    static McpSyncClient client;
    static final CompletableFuture<List<McpSchema.Tool>> shoutListed = new CompletableFuture<>();

    @BeforeAll
    static void start() throws Exception {
        home = McpHome.prepare(root);
        client = McpHome.client(home, tools -> {
            if (tools.stream().anyMatch(t -> t.name().equals("shout"))) {
                shoutListed.complete(tools);
            }
        });
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    private static Map<String, McpSchema.Tool> tools() {
        return client.listTools().tools().stream().collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
    }

    private static String text(McpSchema.CallToolResult result) {
        return result.content().stream().map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining("\n"));
    }

    @Test
    void approvedFunctionsAreListedWithSchemasAndHintsAndPendingOnesAreNot() {
        Map<String, McpSchema.Tool> tools = tools();
        assertEquals(List.of("add_item", "fetch_page", "find_item", "list_items", "mislabelled", "propose_function"),
                tools.keySet().stream().sorted().toList());
        McpSchema.Tool add = tools.get("add_item");
        assertEquals(List.of("name"), add.inputSchema().get("required"));
        assertEquals(Map.of("type", "integer"), ((Map<?, ?>) add.outputSchema().get("properties")).get("result"));
        assertEquals(Boolean.TRUE, add.annotations().destructiveHint());
        assertEquals(Boolean.FALSE, add.annotations().readOnlyHint());
        assertEquals(Boolean.TRUE, tools.get("list_items").annotations().readOnlyHint());
        assertEquals(Boolean.FALSE, tools.get("list_items").annotations().openWorldHint());
        assertEquals(Boolean.TRUE, tools.get("fetch_page").annotations().openWorldHint());
    }

    @Test
    void aCallReturnsTheResultAndLeavesASnapshotAndAnActivityEntryNamingTheClient() throws Exception {
        DataSnapshots snapshots = new DataSnapshots(home.data(), home.snapshots());
        int before = snapshots.list().size();
        McpSchema.CallToolResult added = client.callTool(new McpSchema.CallToolRequest("add_item", Map.of("name", "pen")));
        assertFalse(Boolean.TRUE.equals(added.isError()), text(added));
        int count = ((Number) ((Map<?, ?>) added.structuredContent()).get("result")).intValue();
        assertTrue(count >= 1, text(added));
        assertTrue(text(added).contains("adding pen"), "what the function printed: " + text(added));
        assertEquals(before + 1, snapshots.list().size(), "a snapshot before the call");

        ActivityEntry entry = new ActivityLog(home.activityLog()).recent(1).get(0);
        assertEquals("add_item", entry.function());
        assertEquals("MCP: toolsmith-test", entry.source());
        assertTrue(entry.ok());

        McpSchema.CallToolResult listed = client.callTool(new McpSchema.CallToolRequest("list_items", Map.of()));
        assertTrue(Json.MAPPER.readTree(text(listed)).toString().contains("\"pen\""), text(listed));

        // The pickle the call wrote is a resource, read as inspect --json maps it.
        String uri = DataResources.uri("items.pkl");
        assertTrue(client.listResources().resources().stream().anyMatch(r -> r.uri().equals(uri)));
        McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest(uri));
        String json = ((McpSchema.TextResourceContents) read.contents().get(0)).text();
        assertTrue(Json.MAPPER.readTree(json).isArray() && json.contains("\"pen\""), json);
    }

    @Test
    void badArgumentsAreRefusedWithToolsmithsSentenceAndNothingRuns() throws Exception {
        int before = new DataSnapshots(home.data(), home.snapshots()).list().size();
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("add_item", Map.of("name", 5)));
        assertTrue(result.isError());
        assertTrue(text(result).startsWith("InvalidArgumentsError: The call to add_item was not run because its "
                + "arguments are invalid: name: expected string, got integer"), text(result));
        assertEquals(before, new DataSnapshots(home.data(), home.snapshots()).list().size());
    }

    @Test
    void aResultAgainstItsSpecIsCheckedByToolsmithsValidatorNotTheSdks() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("mislabelled", Map.of()));
        assertTrue(result.isError());
        assertTrue(text(result).contains("output validation failed: Toolsmith's schema check found"), text(result));
    }

    @Test
    void aFunctionsExceptionIsAnErrorResultWithItsNameAndMessage() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("find_item", Map.of("name", "cup")));
        assertTrue(result.isError());
        assertTrue(text(result).startsWith("KeyError: ") && text(result).contains("no item called cup"), text(result));
    }

    @Test
    void aPendingFunctionIsRefusedWithTheReason() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("greet", Map.of("name", "x")));
        assertTrue(result.isError());
        assertTrue(text(result).contains("greet has not been approved by the user, so it was not run"), text(result));
    }

    @Test
    void anAskPolicyFunctionIsRefusedWithoutTheWindowSayingHowToRunIt() {
        McpSchema.CallToolResult result = client.callTool(
                new McpSchema.CallToolRequest("fetch_page", Map.of("url", "http://127.0.0.1:9/")));
        assertTrue(result.isError());
        assertTrue(text(result).contains("Open Toolsmith and call it again")
                && text(result).contains("toolsmith functions policy fetch_page auto"), text(result));
    }

    @Test
    void aProposedFunctionIsPendingInTheLibraryAndListedOnceApproved() throws Exception {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("propose_function", Map.of(
                "code", McpHome.SHOUT,
                "spec", Json.MAPPER.convertValue(McpHome.spec("shout", "{\"text\": {\"type\": \"string\"}}",
                        "[\"text\"]", "{\"type\": \"string\"}"), Map.class))));
        assertFalse(Boolean.TRUE.equals(result.isError()), text(result));
        assertTrue(text(result).contains("waiting for review in Toolsmith"), text(result));

        StringWriter out = new StringWriter();
        CommandLine cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--home", root.toString(), "functions", "list"));
        String line = out.toString().lines().filter(l -> l.contains("shout")).findFirst().orElse("");
        assertTrue(line.toLowerCase().contains("pending"), out.toString());
        assertFalse(tools().containsKey("shout"), "not listed before approval");
        McpSchema.CallToolResult refused = client.callTool(new McpSchema.CallToolRequest("shout", Map.of("text", "a")));
        assertTrue(refused.isError(), text(refused));

        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            new FunctionLibrary(home.functions(), analyzer).approve("shout", false);
        }
        List<McpSchema.Tool> changed = shoutListed.get(60, TimeUnit.SECONDS);
        assertTrue(changed.stream().anyMatch(t -> t.name().equals("shout")));
        McpSchema.CallToolResult shouted = client.callTool(new McpSchema.CallToolRequest("shout", Map.of("text", "hi")));
        assertEquals("\"HI\"", text(shouted));
    }
}
