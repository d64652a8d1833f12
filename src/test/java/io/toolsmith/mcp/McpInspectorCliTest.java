package io.toolsmith.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolsmith.cli.ToolsmithCommand;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.functions.ActivityLog;
import io.toolsmith.settings.Home;
import io.toolsmith.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The official MCP Inspector's CLI drives a real {@code toolsmith mcp} on a real home. */
class McpInspectorCliTest {
    @TempDir
    static Path root;
    static Home home;
    static McpInspector inspector;

    @BeforeAll
    static void start() throws Exception {
        inspector = McpInspector.installedOrSkip();
        home = McpHome.prepare(root);
    }

    private static JsonNode json(McpInspector.Result result) throws Exception {
        assertEquals(0, result.exit(), result.output());
        return Json.MAPPER.readTree(result.output().substring(result.output().indexOf('{')));
    }

    private static String text(JsonNode result) {
        List<String> texts = new ArrayList<>();
        result.path("content").forEach(c -> texts.add(c.path("text").asText()));
        return String.join("\n", texts);
    }

    @Test
    void listsApprovedFunctionsOnly() throws Exception {
        List<String> names = new ArrayList<>();
        json(inspector.call(home, "--method", "tools/list")).path("tools").forEach(t -> names.add(t.path("name").asText()));
        assertTrue(names.containsAll(List.of("add_item", "list_items", "propose_function")), names.toString());
        assertFalse(names.contains("greet"), names.toString());
    }

    @Test
    void aCallRunsInTheSandboxLeavingASnapshotAndAnActivityEntry() throws Exception {
        DataSnapshots snapshots = new DataSnapshots(home.data(), home.snapshots());
        int before = snapshots.list().size();
        JsonNode result = json(inspector.call(home, "--method", "tools/call", "--tool-name", "add_item",
                "--tool-arg", "name=pen"));
        assertFalse(result.path("isError").asBoolean(), result.toString());
        assertTrue(result.path("structuredContent").path("result").asInt() >= 1, result.toString());
        assertEquals(before + 1, snapshots.list().size());
        ActivityEntry entry = new ActivityLog(home.activityLog()).recent(1).get(0);
        assertEquals("add_item", entry.function());
        assertEquals("MCP: inspector-cli", entry.source());
    }

    /**
     * A refusal reaches the Inspector as an error result with Toolsmith's sentence. The other refusals (a pending
     * function, an "ask" function) take the same way out and are each checked over the same stdio channel in
     * {@link McpServerStdioTest}; each Inspector run costs a Node.js and a JVM start.
     */
    @Test
    void badArgumentsAreRefusedWithToolsmithsSentence() throws Exception {
        JsonNode bad = json(inspector.call(home, "--method", "tools/call", "--tool-name", "add_item",
                "--tool-arg", "colour=red"));
        assertTrue(bad.path("isError").asBoolean(), bad.toString());
        assertTrue(text(bad).contains("add_item was not run because its arguments are invalid: colour: no such "
                + "parameter"), bad.toString());
    }

    @Test
    void aProposedFunctionIsPendingInFunctionsList() throws Exception {
        String spec = McpHome.spec("whisper", "{\"text\": {\"type\": \"string\"}}", "[\"text\"]",
                "{\"type\": \"string\"}").toString();
        JsonNode proposed = json(inspector.call(home, "--method", "tools/call", "--tool-name", "propose_function",
                "--tool-arg", "code=def whisper(text):\n    return text.lower()\n", "--tool-arg", "spec=" + spec));
        assertTrue(text(proposed).contains("waiting for review in Toolsmith"), proposed.toString());
        StringWriter out = new StringWriter();
        CommandLine cli = ToolsmithCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--home", root.toString(), "functions", "list"));
        assertTrue(out.toString().lines().anyMatch(l -> l.contains("whisper") && l.toLowerCase().contains("pending")),
                out.toString());
    }
}
