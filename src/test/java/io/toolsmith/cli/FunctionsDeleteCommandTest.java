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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code toolsmith functions delete|undelete|reject} on a real home folder with the expense tracker in it. */
class FunctionsDeleteCommandTest {
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
        List<String> full = new ArrayList<>(List.of("--home", home.toString()));
        full.addAll(List.of(args));
        return new Run(cli.execute(full.toArray(String[]::new)), out.toString(), err.toString());
    }

    private List<String> listed() throws Exception {
        Run list = run("functions", "list", "--json");
        assertEquals(0, list.exitCode(), list.err());
        List<String> rows = new ArrayList<>();
        for (JsonNode f : Json.MAPPER.readTree(list.out())) {
            rows.add(f.path("name").asText() + " " + f.path("status").asText());
        }
        return rows;
    }

    @BeforeEach
    void addExpenseTracker() throws Exception {
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            FunctionLibrary library = new FunctionLibrary(home.resolve("functions"), analyzer);
            library.addCode(resource("expenses/expenses_v1.py"));
            library.addSpec((ObjectNode) Json.MAPPER.readTree(resource("expenses/record_expense.spec.json")));
        }
    }

    @Test
    void deletePrintsHowToUndoAndUndeleteBringsTheFunctionsBack() throws Exception {
        assertEquals(List.of("record_expense pending", "list_expenses needs spec"), listed());

        Run deleted = run("functions", "delete", "list_expenses");
        assertEquals(0, deleted.exitCode(), deleted.err());
        assertTrue(deleted.out().contains("To undo: toolsmith functions undelete list_expenses"), deleted.out());
        assertEquals(List.of("record_expense pending"), listed());

        Run last = run("functions", "delete", "record_expense");
        assertEquals(0, last.exitCode(), last.err());
        assertTrue(last.out().contains("moved to the trash"), last.out());
        assertEquals(List.of(), listed());
        assertFalse(Files.exists(home.resolve("functions/record_expense")));

        Run back = run("functions", "undelete", "record_expense");
        assertEquals(0, back.exitCode(), back.err());
        assertTrue(back.out().contains("Brought back record_expense (status: pending)."), back.out());
        assertEquals(List.of("record_expense pending"), listed());
        assertEquals(0, run("functions", "undelete", "list_expenses").exitCode());
        assertEquals(List.of("record_expense pending", "list_expenses needs spec"), listed());
    }

    @Test
    void rejectOnAFunctionWithoutSpecShowsItRejected() throws Exception {
        Run rejected = run("functions", "reject", "list_expenses");
        assertEquals(0, rejected.exitCode(), rejected.err());
        assertEquals(List.of("record_expense pending", "list_expenses rejected"), listed());
        Run revoked = run("functions", "revoke", "list_expenses");
        assertTrue(revoked.out().contains("its status is needs spec again"), revoked.out());
    }

    @Test
    void unknownNamesGetASentenceAndExitCodeOne() {
        Run missing = run("functions", "delete", "nope");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("No function named nope exists"), missing.err());
        Run never = run("functions", "undelete", "nope");
        assertEquals(1, never.exitCode());
        assertTrue(never.err().contains("No deleted function named nope"), never.err());
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = FunctionsDeleteCommandTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
