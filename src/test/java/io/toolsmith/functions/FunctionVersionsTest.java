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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions, diffs between them and rollback, on the expense tracker's two revisions with the real analyzer. */
class FunctionVersionsTest {
    private static PythonAnalyzer analyzer;

    @TempDir
    Path home;
    private FunctionLibrary library;

    @BeforeAll
    static void startAnalyzer() {
        analyzer = new PythonAnalyzer();
    }

    @AfterAll
    static void stopAnalyzer() {
        analyzer.close();
    }

    /** Version 1 approved, then the model's rewrite as version 2. */
    @BeforeEach
    void approveThenRevise() throws Exception {
        library = new FunctionLibrary(home.resolve("functions"), analyzer);
        library.addCode(Fixtures.expensesV1());
        library.addSpec(Fixtures.spec("record_expense"));
        library.approve("record_expense", Effects.NONE);
        library.addCode(Fixtures.expensesV2());
        assertEquals(FunctionStatus.CHANGED, library.find("record_expense").orElseThrow().status());
    }

    @Test
    void versionsListEachStoredVersionWithItsDecisionAndWhichIsCurrent() throws Exception {
        List<FunctionVersion> versions = library.versions("record_expense");
        assertEquals(List.of(1, 2), versions.stream().map(FunctionVersion::number).toList());
        assertEquals("approved", versions.get(0).decision());
        assertEquals(FunctionVersion.UNDECIDED, versions.get(1).decision());
        assertFalse(versions.get(0).current());
        assertTrue(versions.get(1).current());
        assertTrue(versions.get(1).hasSpec());
        assertTrue(!versions.get(0).hash().equals(versions.get(1).hash()), "different code, different hash");
        assertEquals(12, versions.get(0).shortHash().length());
    }

    @Test
    void rollingBackToTheApprovedVersionRunsAgainWithoutANewApproval() throws Exception {
        String approvedHash = library.versions("record_expense").get(0).hash();
        RolledBack done = library.rollback("record_expense", 1);

        assertEquals(3, done.stored());
        assertEquals(FunctionStatus.APPROVED, done.status());
        assertTrue(done.sentence().contains("runs again"), done.sentence());
        assertTrue(done.sentence().contains("list_expenses"), "the module's other function went back too: "
                + done.sentence());
        assertEquals(Fixtures.expensesV1(), Files.readString(home.resolve("functions/record_expense/code.py")));
        assertEquals(Kind.RUN, library.permit("record_expense").kind());
        List<FunctionVersion> versions = library.versions("record_expense");
        assertEquals(3, versions.size());
        assertTrue(versions.get(2).current());
        assertEquals(approvedHash, versions.get(2).hash());
        assertEquals("approved", versions.get(2).decision());
        assertEquals(library.permit("record_expense").approvalHash(), approvedHash,
                "the version's hash is the one calls run under");
    }

    @Test
    void rollingBackToCodeNobodyApprovedNeedsAnApproval() throws Exception {
        library.rollback("record_expense", 1);
        RolledBack forward = library.rollback("record_expense", 2);

        assertEquals(FunctionStatus.CHANGED, forward.status());
        assertTrue(forward.sentence().contains("waits for your approval"), forward.sentence());
        assertEquals(Kind.CHANGED, library.permit("record_expense").kind());
        assertEquals(Fixtures.expensesV2(), Files.readString(home.resolve("functions/record_expense/code.py")));
    }

    @Test
    void diffsShowWhatChangedBetweenVersionsAndAgainstNow() throws Exception {
        String diff = library.diff("record_expense", 1, null);
        assertTrue(diff.contains("-    return True"), diff);
        assertTrue(diff.contains("+    return len(expenses)"), diff);
        assertTrue(diff.startsWith("--- v1/code.py\n+++ current/code.py"), diff);
        assertEquals("", library.diff("record_expense", 2, null));
        assertTrue(library.diff("record_expense", 2, 1).contains("+    return True"));
    }

    @Test
    void aMissingVersionOrAVersionThatIsCurrentIsRefusedWithASentence() throws Exception {
        UserFacingException missing = assertThrows(UserFacingException.class, () -> library.rollback("record_expense", 7));
        assertEquals("record_expense has no version 7; its versions are 1, 2 ('toolsmith functions versions "
                + "record_expense' lists them).", missing.getMessage());
        UserFacingException same = assertThrows(UserFacingException.class, () -> library.rollback("record_expense", 2));
        assertTrue(same.getMessage().contains("already as in version 2"), same.getMessage());
        assertEquals(2, library.versions("record_expense").size(), "nothing was stored");
        assertThrows(UserFacingException.class, () -> library.diff("record_expense", 0, null));
    }
}
