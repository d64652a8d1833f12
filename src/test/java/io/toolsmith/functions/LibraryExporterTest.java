package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryExporterTest {
    @TempDir
    Path home;

    @Test
    void exportsOnlyApprovedFunctionsAsPlainFiles() throws Exception {
        try (PythonAnalyzer analyzer = new PythonAnalyzer()) {
            FunctionLibrary library = new FunctionLibrary(home.resolve("functions"), analyzer);
            library.addCode(Fixtures.expensesV1());
            library.addSpec(Fixtures.spec("record_expense"));
            library.addSpec(Fixtures.spec("list_expenses"));
            library.addCode("def pending_one():\n    return 1\n");
            library.approve("record_expense", false);

            Path out = home.resolve("export");
            assertEquals(1, new LibraryExporter(library).export(out));
            assertEquals(Fixtures.expensesV1(), Files.readString(out.resolve("record_expense/code.py")));
            assertEquals(Fixtures.spec("record_expense"),
                    Json.MAPPER.readTree(out.resolve("record_expense/record_expense.spec.json").toFile()));
            assertFalse(Files.exists(out.resolve("record_expense/list_expenses.spec.json")), "not approved");
            assertFalse(Files.exists(out.resolve("pending_one")));
            assertTrue(Files.isDirectory(out));
        }
    }
}
