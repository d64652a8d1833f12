package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.functions.PythonAnalyzer;
import io.toolsmith.util.Json;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code toolsmith functions …} run in-process against a temporary home folder. */
class FunctionsCommandTest {
    @TempDir
    Path home;

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        CommandLine cli = ToolsmithCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 2];
        full[0] = "--home";
        full[1] = home.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        int code = cli.execute(full);
        return new Run(code, out.toString(), err.toString());
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = FunctionsCommandTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void addExpenseTracker() throws Exception {
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            FunctionLibrary library = new FunctionLibrary(home.resolve("functions"), analyzer);
            library.addCode(resource("expenses/expenses_v1.py"));
            library.addSpec((ObjectNode) Json.MAPPER.readTree(resource("expenses/record_expense.spec.json")));
            library.addSpec((ObjectNode) Json.MAPPER.readTree(resource("expenses/list_expenses.spec.json")));
        }
    }

    @Test
    void listShowsStatusAndJson() throws Exception {
        Run table = run("functions", "list");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("NAME"), table.out());
        assertTrue(table.out().contains("EFFECTS"), table.out());
        assertTrue(table.out().matches("(?s).*record_expense\\s+record_expense\\s+pending\\s+1\\s+reads,writes\\s+auto.*"),
                table.out());
        assertTrue(table.out().matches("(?s).*list_expenses\\s+record_expense\\s+pending\\s+1\\s+reads\\s+auto.*"),
                table.out());

        Run json = run("functions", "list", "--json");
        JsonNode array = Json.MAPPER.readTree(json.out());
        assertEquals(2, array.size());
        assertEquals("list_expenses", array.get(1).path("name").asText());
        assertEquals("pending", array.get(1).path("status").asText());
        assertEquals("[\"reads_data\",\"writes_data\"]", array.get(0).path("effects").toString());
    }

    @Test
    void approveWithNetworkThenPolicyRevokeReject() throws Exception {
        Run approve = run("functions", "approve", "record_expense", "list_expenses", "--network");
        assertEquals(0, approve.exitCode(), approve.err());
        assertTrue(approve.out().contains("Approved record_expense to: reads data, writes data, network. Calls ask "
                + "you first (policy ask)."), approve.out());
        assertTrue(approve.out().contains("Approved list_expenses to: reads data, network. It runs with the data "
                + "folder read-only."), approve.out());
        JsonNode list = Json.MAPPER.readTree(run("functions", "list", "--json").out());
        assertEquals("approved", list.get(0).path("status").asText());
        assertTrue(list.get(0).path("network").asBoolean());

        assertEquals("ask", list.get(0).path("policy").asText(), "the network asks by default");
        assertEquals(0, run("functions", "policy", "record_expense", "auto").exitCode());
        list = Json.MAPPER.readTree(run("functions", "list", "--json").out());
        assertEquals("auto", list.get(0).path("policy").asText());
        Run badPolicy = run("functions", "policy", "record_expense", "sometimes");
        assertEquals(2, badPolicy.exitCode());
        assertEquals("The policy must be 'auto', 'ask' or 'default', not 'sometimes'.", badPolicy.err().trim());
        Run backToDefault = run("functions", "policy", "record_expense", "default");
        assertEquals("record_expense will ask before every call, the default for what it may do.",
                backToDefault.out().trim());

        assertEquals(0, run("functions", "revoke", "record_expense").exitCode());
        assertEquals(0, run("functions", "reject", "list_expenses").exitCode());
        list = Json.MAPPER.readTree(run("functions", "list", "--json").out());
        assertEquals("pending", list.get(0).path("status").asText());
        assertEquals("rejected", list.get(1).path("status").asText());
    }

    @Test
    void unknownNamesGetASentenceAndExitCodeOne() {
        Run run = run("functions", "approve", "nope", "record_expense");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("No function named nope exists"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertTrue(run.out().contains("Approved record_expense"), "the other name is still approved");

        Run show = run("functions", "show", "nope");
        assertEquals(1, show.exitCode());
        assertTrue(show.err().startsWith("No function named nope exists"), show.err());
    }

    @Test
    void showPrintsSpecCodeChecksAndDiffWhenChanged() throws Exception {
        Run pending = run("functions", "show", "record_expense");
        assertEquals(0, pending.exitCode(), pending.err());
        assertTrue(pending.out().contains("record_expense (module record_expense, version 1): pending"), pending.out());
        assertTrue(pending.out().contains("\"required\" : [ \"date\", \"category\", \"amount\" ]"), pending.out());
        assertTrue(pending.out().contains("  11  def record_expense(date, category, amount, description=\"\"):"),
                pending.out());
        assertTrue(pending.out().contains("No problems found."), pending.out());
        assertTrue(pending.out().contains("== Effects: reads data, writes data"), pending.out());
        assertTrue(pending.out().contains("  writes data - line 33: os.makedirs"), pending.out());
        assertTrue(pending.out().contains("  reads data - line 39: open(..., 'rb')"), pending.out());
        assertTrue(pending.out().contains("  reads data, writes data - line 51: open(..., 'wb')"), pending.out());
        assertFalse(pending.out().contains("Approved to:"), pending.out());

        run("functions", "approve", "list_expenses");
        Run approved = run("functions", "show", "list_expenses");
        assertTrue(approved.out().contains("Approved to: reads data (runs with the data folder read-only)"),
                approved.out());
        run("functions", "approve", "record_expense");
        Path code = home.resolve("functions/record_expense/code.py");
        Files.writeString(code, Files.readString(code).replace("return True", "return 'saved'"));
        Run changed = run("functions", "show", "record_expense");
        assertTrue(changed.out().contains(": changed;"), changed.out());
        assertTrue(changed.out().contains("== Changes since the approved version"), changed.out());
        assertTrue(changed.out().contains("+    return 'saved'"), changed.out());
    }

    @Test
    void importAndExport() throws Exception {
        Path tool = home.resolve("units.py");
        Files.writeString(tool, resource("tools/units.py"));
        Run imported = run("functions", "import", tool.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("Imported convert_temperature, average from"), imported.out());

        Path missing = home.resolve("missing.py");
        Run failed = run("functions", "import", missing.toString());
        assertEquals(1, failed.exitCode());
        assertTrue(failed.err().startsWith("Cannot read " + missing), failed.err());

        Path out = home.resolve("export");
        assertEquals("No function is approved yet, so nothing was exported.",
                run("functions", "export", out.toString()).out().trim());
        run("functions", "approve", "convert_temperature", "average");
        Run export = run("functions", "export", out.toString());
        assertEquals("Exported 2 approved functions to " + out + ".", export.out().trim());
        assertEquals(resource("tools/units.py"), Files.readString(out.resolve("convert_temperature/code.py")));
        assertTrue(Files.exists(out.resolve("convert_temperature/average.spec.json")));
    }
}
