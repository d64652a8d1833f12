package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.functions.CallPermit.Kind;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reject has an effect on every status; delete hides a function everywhere and undelete brings it back exactly. */
class RejectAndDeleteTest {
    private static PythonAnalyzer analyzer;

    @TempDir
    Path home;
    private Path functions;
    private FunctionLibrary library;

    @BeforeAll
    static void startAnalyzer() {
        analyzer = new PythonAnalyzer();
    }

    @AfterAll
    static void stopAnalyzer() {
        analyzer.close();
    }

    @BeforeEach
    void setUp() {
        functions = home.resolve("functions");
        library = new FunctionLibrary(functions, analyzer);
    }

    private FunctionStatus status(String name) {
        return library.find(name).orElseThrow().status();
    }

    @Test
    void rejectWorksOnEveryStatusAndNewCodeReopensIt() throws Exception {
        library.addCode(Fixtures.expensesV1());
        assertEquals(FunctionStatus.NEEDS_SPEC, status("record_expense"));
        library.reject("record_expense");
        assertEquals(FunctionStatus.REJECTED, status("record_expense"));
        assertEquals(Kind.REJECTED, library.permit("record_expense").kind());

        library.addSpec(spec("summarize"));
        assertEquals(FunctionStatus.NEEDS_CODE, status("summarize"));
        library.reject("summarize");
        assertEquals(FunctionStatus.REJECTED, status("summarize"));

        library.addSpec(Fixtures.spec("list_expenses"));
        assertEquals(FunctionStatus.PENDING, status("list_expenses"));
        library.reject("list_expenses");
        assertEquals(FunctionStatus.REJECTED, status("list_expenses"));

        library.addSpec(Fixtures.spec("record_expense"));
        assertEquals(FunctionStatus.PENDING, status("record_expense"), "a spec reopens a function rejected without one");
        library.approve("record_expense", false);
        library.addCode(Fixtures.expensesV2());
        assertEquals(FunctionStatus.CHANGED, status("record_expense"));
        library.reject("record_expense");
        assertEquals(FunctionStatus.REJECTED, status("record_expense"));
        assertTrue(library.approvedModules().isEmpty());
    }

    @Test
    void deletingTheLastFunctionOfAModuleMovesItToTheTrashAndUndeleteRestoresItExactly() throws Exception {
        library.addCode("def shout(text):\n    return text.upper()\n");
        library.addSpec(spec("shout"));
        library.approve("shout", false);
        String approvals = Files.readString(functions.resolve("shout/approval.json"));

        FunctionLibrary.Deleted deleted = library.delete("shout");
        assertTrue(deleted.wholeModule());
        assertTrue(library.list().isEmpty());
        assertTrue(library.find("shout").isEmpty());
        assertEquals(Kind.UNKNOWN, library.permit("shout").kind());
        assertTrue(library.approvedSpecs().isEmpty());
        assertTrue(library.approvedModules().isEmpty());
        assertFalse(Files.exists(functions.resolve("shout")));
        try (Stream<Path> trash = Files.list(functions.resolve(".trash"))) {
            Path entry = trash.findFirst().orElseThrow();
            assertTrue(Files.isRegularFile(entry.resolve("shout/code.py")), entry.toString());
        }

        library.undelete("shout");
        assertEquals(FunctionStatus.APPROVED, status("shout"), "the approval comes back with the code");
        assertEquals(approvals, Files.readString(functions.resolve("shout/approval.json")));
        assertEquals(Kind.RUN, library.permit("shout").kind());
        assertEquals(1, library.approvedSpecs().size());
        assertThrows(UserFacingException.class, () -> library.undelete("shout"), "it is already back");
    }

    @Test
    void deletingOneFunctionOfAModuleKeepsTheOthersAndASpecFromTheModelBringsItBack() throws Exception {
        library.addCode(Fixtures.expensesV1());
        library.addSpec(Fixtures.spec("record_expense"));
        library.addSpec(Fixtures.spec("list_expenses"));
        library.approve("record_expense", false);
        library.approve("list_expenses", false);

        assertFalse(library.delete("list_expenses").wholeModule());
        assertEquals(List.of("record_expense"), library.list().stream().map(FunctionEntry::name).toList());
        assertEquals(Kind.UNKNOWN, library.permit("list_expenses").kind());
        assertEquals(List.of("record_expense"),
                library.approvedSpecs().stream().map(s -> s.path("name").asText()).toList());
        assertEquals(Kind.RUN, library.permit("record_expense").kind());

        library.undelete("list_expenses");
        assertEquals(FunctionStatus.APPROVED, status("list_expenses"));

        library.delete("list_expenses");
        library.addSpec(Fixtures.spec("list_expenses"));
        assertEquals(FunctionStatus.APPROVED, status("list_expenses"),
                "the model wrote the same spec again: the function is listed again, its approval still matching");
    }

    @Test
    void deletingTheRestOfAModuleThenUndeletingEachBringsBothBack() throws Exception {
        library.addCode(Fixtures.expensesV1());
        library.addSpec(Fixtures.spec("record_expense"));
        library.delete("record_expense");
        library.delete("list_expenses");
        assertTrue(library.list().isEmpty());
        library.undelete("list_expenses");
        assertEquals(List.of("list_expenses"), library.list().stream().map(FunctionEntry::name).toList());
        library.undelete("record_expense");
        assertEquals(FunctionStatus.PENDING, status("record_expense"));
    }

    @Test
    void undeleteExplainsWhenThereIsNothingToBringBack() throws Exception {
        UserFacingException none = assertThrows(UserFacingException.class, () -> library.undelete("nothing"));
        assertTrue(none.getMessage().contains("No deleted function named nothing"), none.getMessage());

        library.addCode("def shout(text):\n    return text.upper()\n");
        library.delete("shout");
        library.addCode("def shout(text):\n    return text.upper() + '!'\n");
        UserFacingException taken = assertThrows(UserFacingException.class, () -> library.undelete("shout"));
        assertTrue(taken.getMessage().contains("is in the library"), taken.getMessage());
        assertThrows(UserFacingException.class, () -> library.delete("missing"));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode spec(String name) throws Exception {
        return (com.fasterxml.jackson.databind.node.ObjectNode) io.toolsmith.util.Json.MAPPER.readTree(
                "{\"name\": \"" + name + "\", \"description\": \"Shouts.\", \"parameters\": {\"type\": \"object\","
                        + " \"properties\": {\"text\": {\"type\": \"string\"}}, \"required\": [\"text\"]},"
                        + " \"responses\": [{\"type\": \"string\"}]}");
    }
}
