package io.toolsmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.functions.FunctionLibrary;
import io.toolsmith.functions.PythonAnalyzer;
import io.toolsmith.util.Json;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code toolsmith functions versions|diff|rollback} on a real home folder: approved version 1, revised as 2. */
class FunctionsVersionsCommandTest {
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

    @BeforeEach
    void approveThenRevise() throws Exception {
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            FunctionLibrary library = new FunctionLibrary(home.resolve("functions"), analyzer);
            library.addCode(resource("expenses/expenses_v1.py"));
            library.addSpec((ObjectNode) Json.MAPPER.readTree(resource("expenses/record_expense.spec.json")));
            library.approve("record_expense", false);
            library.addCode(resource("expenses/expenses_v2.py"));
        }
    }

    @Test
    void versionsDiffAndRollbackRoundTrip() {
        Run versions = run("functions", "versions", "record_expense");
        assertEquals(0, versions.exitCode(), versions.err());
        List<String> rows = versions.out().lines().toList();
        assertEquals(3, rows.size(), versions.out());
        assertTrue(rows.get(0).startsWith("VERSION"), rows.get(0));
        assertTrue(rows.get(1).trim().startsWith("1 ") && rows.get(1).contains("approved")
                && !rows.get(1).contains("current"), rows.get(1));
        assertTrue(rows.get(2).trim().startsWith("2 ") && rows.get(2).contains("undecided")
                && rows.get(2).contains("current"), rows.get(2));

        Run diff = run("functions", "diff", "record_expense", "1");
        assertEquals(0, diff.exitCode(), diff.err());
        assertTrue(diff.out().contains("+    return len(expenses)"), diff.out());

        Run back = run("functions", "rollback", "record_expense", "1");
        assertEquals(0, back.exitCode(), back.err());
        assertTrue(back.out().startsWith("Rolled back record_expense to version 1 (saved as version 3). It is exactly "
                + "the code and spec you approved, so it runs again."), back.out());
        assertTrue(run("functions", "show", "record_expense").out().contains("approved"));
        Run same = run("functions", "diff", "record_expense", "1");
        assertTrue(same.out().startsWith("No difference"), same.out());

        Run forward = run("functions", "rollback", "record_expense", "2");
        assertEquals(0, forward.exitCode(), forward.err());
        assertTrue(forward.out().contains("It waits for your approval"), forward.out());
        // The rollback runs no examples, and says how to run them on the code it made current.
        assertEquals("record_expense's spec has 1 example; run it on a copy of the data with 'toolsmith functions try "
                + "record_expense'.", forward.out().lines().toList().get(forward.out().lines().toList().size() - 1));
    }

    @Test
    void aVersionThatDoesNotExistGetsASentenceAndExitCodeOne() {
        Run missing = run("functions", "rollback", "record_expense", "9");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("record_expense has no version 9; its versions are 1, 2"), missing.err());
        assertTrue(!missing.err().contains("Exception"), missing.err());
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = FunctionsVersionsCommandTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
