package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file the user puts in the data folder: a new file under a safe name, never through a link, within the quota. */
class DataImportTest {
    @TempDir
    Path data;
    @TempDir
    Path outside;

    @Test
    void namesAreReducedToWhatTheModelAndFunctionsCanWrite() {
        assertEquals("my_expenses_2025_.csv", DataImport.safeName("my expenses (2025).csv"));
        assertEquals("passwd", DataImport.safeName("../../etc/passwd"));
        assertEquals("evil.txt", DataImport.safeName("..\\..\\evil.txt"));
        assertEquals("bashrc", DataImport.safeName(".bashrc"));
        assertEquals("file", DataImport.safeName("..."));
        assertEquals("a_b", DataImport.safeName("a\nb"));
        String longName = DataImport.safeName("x".repeat(300) + ".json");
        assertEquals(100, longName.length());
        assertTrue(longName.endsWith(".json"));
    }

    @Test
    void aNameInUseGetsANumberAndNothingIsOverwritten() throws Exception {
        Path source = Files.writeString(outside.resolve("notes.txt"), "new");
        Files.writeString(data.resolve("notes.txt"), "old");
        DataImport.Imported imported = new DataImport(data, DataQuota.defaults()).copyIn(source, "notes.txt");
        assertEquals("notes-2.txt", imported.name());
        assertTrue(imported.renamed());
        assertEquals("old", Files.readString(data.resolve("notes.txt")));
        assertEquals("new", Files.readString(data.resolve("notes-2.txt")));
    }

    @Test
    void aLinkLeftUnderTheNameIsNotWrittenThrough() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim"), "untouched");
        Files.createSymbolicLink(data.resolve("report.csv"), victim);
        Files.createSymbolicLink(data.resolve("report-2.csv"), outside.resolve("does-not-exist-yet"));
        Path source = Files.writeString(outside.resolve("report.csv"), "a,b\n");
        DataImport.Imported imported = new DataImport(data, DataQuota.defaults()).copyIn(source, "report.csv");
        assertEquals("report-3.csv", imported.name(), "a dangling link is a name in use too");
        assertEquals("untouched", Files.readString(victim));
        assertFalse(Files.exists(outside.resolve("does-not-exist-yet")));
        assertEquals("a,b\n", Files.readString(data.resolve("report-3.csv")));
    }

    @Test
    void aFileThatWouldTakeTheFolderOverItsQuotaIsRefusedWithASentence() throws Exception {
        Files.write(data.resolve("existing.bin"), new byte[900 * 1024]);
        Path source = Files.write(outside.resolve("big.bin"), new byte[200 * 1024]);
        UserFacingException refused = assertThrows(UserFacingException.class,
                () -> new DataImport(data, DataQuota.ofMegabytes(1, 100)).copyIn(source, "big.bin"));
        assertTrue(refused.getMessage().startsWith("big.bin was not put in the data folder"), refused.getMessage());
        assertFalse(Files.exists(data.resolve("big.bin")));
    }

    @Test
    void aFolderIsRefusedWithASentence() {
        UserFacingException refused = assertThrows(UserFacingException.class,
                () -> new DataImport(data, DataQuota.defaults()).copyIn(outside, "x"));
        assertTrue(refused.getMessage().contains("is a folder, not a file"), refused.getMessage());
    }
}
