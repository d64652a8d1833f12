package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.functions.CallPermit.Kind;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's life cycle with the tutorial's expense tracker: pending, approved, changed, re-approved. */
class FunctionLibraryTest {
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

    private void addExpenseTracker() throws UserFacingException {
        assertEquals(List.of("record_expense", "list_expenses"), library.addCode(Fixtures.expensesV1()));
        assertEquals("record_expense", library.addSpec(Fixtures.spec("record_expense")));
        assertEquals("list_expenses", library.addSpec(Fixtures.spec("list_expenses")));
    }

    @Test
    void newCodeAndSpecsArePendingAndLaidOutOnDisk() throws Exception {
        addExpenseTracker();
        List<FunctionEntry> entries = library.list();
        assertEquals(List.of("record_expense", "list_expenses"), entries.stream().map(FunctionEntry::name).toList());
        for (FunctionEntry entry : entries) {
            assertEquals(FunctionStatus.PENDING, entry.status());
            assertEquals("record_expense", entry.module());
            assertEquals(CallPolicy.AUTO, entry.policy());
            assertFalse(entry.network());
        }
        Path module = functions.resolve("record_expense");
        assertEquals(Fixtures.expensesV1(), Files.readString(module.resolve("code.py")));
        assertTrue(Files.exists(module.resolve("record_expense.spec.json")));
        assertTrue(Files.exists(module.resolve("list_expenses.spec.json")));
        assertTrue(Files.exists(module.resolve("versions/1/code.py")));
        assertEquals(Kind.NOT_APPROVED, library.permit("record_expense").kind());
        assertEquals("The function record_expense has not been approved by the user, so it was not run.",
                library.permit("record_expense").sentence());
        assertTrue(library.approvedModules().isEmpty());
        assertTrue(library.approvedSpecs().isEmpty());
    }

    @Test
    void approvalPinsHashesAndLetsCallsRun() throws Exception {
        addExpenseTracker();
        library.approve("record_expense", false);
        library.approve("list_expenses", false);

        assertEquals(FunctionStatus.APPROVED, library.find("record_expense").orElseThrow().status());
        CallPermit permit = library.permit("record_expense");
        assertEquals(Kind.RUN, permit.kind());
        assertEquals("record_expense", permit.module());
        assertNull(permit.sentence());
        assertEquals(64, permit.approvalHash().length());

        var approval = Json.MAPPER.readTree(functions.resolve("record_expense/approval.json").toFile())
                .path("functions").path("record_expense");
        assertEquals(Hashes.sha256(Fixtures.expensesV1()), approval.path("codeSha256").asText());
        assertEquals(Hashes.sha256(Files.readString(functions.resolve("record_expense/record_expense.spec.json"))),
                approval.path("specSha256").asText());
        assertFalse(approval.path("at").asText().isEmpty());

        List<ApprovedModule> modules = library.approvedModules();
        assertEquals(1, modules.size());
        assertEquals(Fixtures.expensesV1(), modules.get(0).code());
        assertFalse(modules.get(0).network());
        assertEquals(List.of("record_expense", "list_expenses"),
                library.approvedSpecs().stream().map(s -> s.path("name").asText()).toList());
    }

    @Test
    void rewrittenCodeIsANewVersionThatMustBeApprovedAgain() throws Exception {
        addExpenseTracker();
        library.approve("record_expense", true);

        assertEquals(List.of("record_expense", "list_expenses"), library.addCode(Fixtures.expensesV2()));
        FunctionEntry entry = library.find("record_expense").orElseThrow();
        assertEquals(FunctionStatus.CHANGED, entry.status());
        assertEquals("record_expense", entry.module(), "same function names: a new version, not a new module");
        assertEquals(2, entry.version());
        assertTrue(Files.exists(functions.resolve("record_expense/versions/2/code.py")));
        assertEquals(1, library.list().stream().map(FunctionEntry::module).distinct().count());

        CallPermit permit = library.permit("record_expense");
        assertEquals(Kind.CHANGED, permit.kind());
        assertEquals("record_expense was changed since the user approved it; it will not run until the user "
                + "approves the new version.", permit.sentence());
        assertTrue(library.approvedModules().isEmpty(), "changed code is never defined in the sandbox");

        String diff = library.diff("record_expense");
        assertTrue(diff.contains("--- v1/code.py"), diff);
        assertTrue(diff.contains("-    return True"), diff);
        assertTrue(diff.contains("+    return len(expenses)"), diff);
        assertEquals(diff, library.review("record_expense").diff());

        library.approve("record_expense", false);
        assertEquals(Kind.RUN, library.permit("record_expense").kind());
        assertEquals("", library.diff("record_expense"));
        assertEquals(Fixtures.expensesV2(), library.approvedModules().get(0).code());
    }

    @Test
    void sameCodeAgainIsNotANewVersion() throws Exception {
        addExpenseTracker();
        library.addCode(Fixtures.expensesV1());
        library.addSpec(Fixtures.spec("record_expense"));
        assertEquals(1, library.find("record_expense").orElseThrow().version(), "specs complete the undecided version");
    }

    @Test
    void aSpecChangeAlsoInvalidatesTheApproval() throws Exception {
        addExpenseTracker();
        library.approve("record_expense", false);
        ObjectNode changed = Fixtures.spec("record_expense");
        changed.put("description", "Records an expense (now with a different description).");
        library.addSpec(changed);

        assertEquals(FunctionStatus.CHANGED, library.find("record_expense").orElseThrow().status());
        assertEquals(Kind.CHANGED, library.permit("record_expense").kind());
        String diff = library.diff("record_expense");
        assertTrue(diff.contains("record_expense.spec.json"), diff);
        assertTrue(diff.contains("now with a different description"), diff);
        assertFalse(diff.contains("code.py"), "the code did not change: " + diff);
    }

    @Test
    void editingCodeOnDiskByHandIsNoticed() throws Exception {
        addExpenseTracker();
        library.approve("list_expenses", false);
        Files.writeString(functions.resolve("record_expense/code.py"), Fixtures.expensesV1() + "\n# edited\n");
        FunctionLibrary reopened = new FunctionLibrary(functions, analyzer);
        assertEquals(FunctionStatus.CHANGED, reopened.find("list_expenses").orElseThrow().status());
        assertEquals(Kind.CHANGED, reopened.permit("list_expenses").kind());
    }

    @Test
    void rejectRevokeAndPolicy() throws Exception {
        addExpenseTracker();
        library.reject("record_expense");
        assertEquals(FunctionStatus.REJECTED, library.find("record_expense").orElseThrow().status());
        CallPermit rejected = library.permit("record_expense");
        assertEquals(Kind.REJECTED, rejected.kind());
        assertEquals("The user rejected the function record_expense, so it was not run.", rejected.sentence());

        library.approve("record_expense", false);
        library.setPolicy("record_expense", CallPolicy.ASK);
        assertEquals(CallPolicy.ASK, library.find("record_expense").orElseThrow().policy());
        CallPermit ask = library.permit("record_expense");
        assertEquals(Kind.ASK, ask.kind());
        assertEquals(ask.approvalHash(), new FunctionLibrary(functions, analyzer).permit("record_expense").approvalHash());

        library.revoke("record_expense");
        assertEquals(FunctionStatus.PENDING, library.find("record_expense").orElseThrow().status());
        assertEquals(Kind.NOT_APPROVED, library.permit("record_expense").kind());
        var e = assertThrows(UserFacingException.class, () -> library.revoke("record_expense"));
        assertEquals("record_expense has not been approved or rejected, so there is nothing to revoke.", e.getMessage());
    }

    @Test
    void unknownFunctionsAndIncompleteOnes() throws Exception {
        assertEquals(Kind.UNKNOWN, library.permit("foo").kind());
        assertEquals("No function named foo exists, so nothing was run. No functions are available yet; write one "
                + "with its function_spec if the user wants one.", library.permit("foo").sentence());
        assertThrows(UserFacingException.class, () -> library.approve("foo", false));

        library.addCode(Fixtures.expensesV1());
        assertEquals(FunctionStatus.NEEDS_SPEC, library.find("list_expenses").orElseThrow().status());
        var noSpec = assertThrows(UserFacingException.class, () -> library.approve("list_expenses", false));
        assertTrue(noSpec.getMessage().startsWith("list_expenses has no spec yet"), noSpec.getMessage());

        ObjectNode orphan = Fixtures.spec("list_expenses");
        orphan.put("name", "delete_expense");
        library.addSpec(orphan);
        FunctionEntry needsCode = library.find("delete_expense").orElseThrow();
        assertEquals(FunctionStatus.NEEDS_CODE, needsCode.status());
        assertEquals("needs code", needsCode.status().label());
        assertEquals(Kind.NOT_APPROVED, library.permit("delete_expense").kind());

        library.addCode("def delete_expense(index):\n    \"\"\"Deletes one expense.\"\"\"\n    return index\n");
        FunctionEntry adopted = library.find("delete_expense").orElseThrow();
        assertEquals(FunctionStatus.PENDING, adopted.status(), "the waiting spec found its code");
        assertEquals("delete_expense", adopted.module());
    }

    @Test
    void aDifferentFunctionWithAnExistingModuleNameGetsItsOwnModule() throws Exception {
        addExpenseTracker();
        Files.createDirectories(functions.resolve("summarize"));
        library.addCode("def summarize(text):\n    return text[:10]\n");
        assertEquals("summarize_2", library.find("summarize").orElseThrow().module(), "the folder was taken");
        library.addCode("def record_expense_total():\n    return 0\n");
        assertEquals("record_expense_total", library.find("record_expense_total").orElseThrow().module());
    }

    @Test
    void badSpecsAreRefusedWithASentence() {
        ObjectNode noName = Fixtures.spec("record_expense");
        noName.remove("name");
        var e = assertThrows(UserFacingException.class, () -> library.addSpec(noName));
        assertTrue(e.getMessage().contains("has no \"name\""), e.getMessage());
        ObjectNode pathName = Fixtures.spec("record_expense");
        pathName.put("name", "../../etc/passwd");
        assertThrows(UserFacingException.class, () -> library.addSpec(pathName));
    }

    @Test
    void codeWithoutFunctionsStoresNothing() throws Exception {
        assertEquals(List.of(), library.addCode("print('hello')\n"));
        assertTrue(library.list().isEmpty());
    }

    @Test
    void corruptApprovalFileMeansNothingRuns() throws Exception {
        addExpenseTracker();
        library.approve("record_expense", false);
        Files.writeString(functions.resolve("record_expense/approval.json"), "{ not json");
        assertEquals(FunctionStatus.PENDING, library.find("record_expense").orElseThrow().status());
        assertEquals(Kind.NOT_APPROVED, library.permit("record_expense").kind());
        assertTrue(library.approvedModules().isEmpty());
    }
}
