package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void replaceAfterAskingSwapsTheFileInPlaceAndTheUndoBringsTheOldOneBack() throws Exception {
        Path source = Files.writeString(outside.resolve("notes.txt"), "new");
        Files.writeString(data.resolve("notes.txt"), "old");
        DataSnapshots snapshots = new DataSnapshots(data, outside.resolve("snapshots"));
        DataImport dataImport = new DataImport(data, DataQuota.defaults(), snapshots);

        DataImport.Imported asked = dataImport.copyIn(source, "notes.txt", DataImport.WhenTaken.ASK);
        assertEquals(DataImport.Outcome.NAME_IN_USE, asked.outcome());
        assertEquals("notes.txt", asked.name());
        assertEquals("old", Files.readString(data.resolve("notes.txt")), "asking writes nothing");

        DataImport.Imported replaced = dataImport.copyIn(source, "notes.txt", DataImport.WhenTaken.REPLACE);
        assertEquals(DataImport.Outcome.REPLACED, replaced.outcome());
        assertEquals("new", Files.readString(data.resolve("notes.txt")));
        try (var entries = Files.list(data)) {
            assertEquals(List.of("notes.txt"), entries.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left beside it");
        }
        Snapshot before = snapshots.latest().orElseThrow();
        assertEquals(DataImport.REPLACE_SNAPSHOT, before.callId());
        assertEquals("replacing notes.txt", before.label());
        snapshots.restore(before.id());
        assertEquals("old", Files.readString(data.resolve("notes.txt")), "the replace is undone like a call");
    }

    @Test
    void aLinkUnderTheNameIsNeverReplacedNorWrittenThrough() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim"), "untouched");
        Files.createSymbolicLink(data.resolve("report.csv"), victim);
        Path source = Files.writeString(outside.resolve("report.csv"), "a,b\n");
        DataSnapshots snapshots = new DataSnapshots(data, outside.resolve("snapshots"));
        UserFacingException refused = assertThrows(UserFacingException.class, () -> new DataImport(data,
                DataQuota.defaults(), snapshots).copyIn(source, "report.csv", DataImport.WhenTaken.REPLACE));
        assertEquals("report.csv in the data folder is a link, not a file, so Toolsmith will not replace it; nothing"
                + " was changed. Choose Keep both to put the file there under a new name.", refused.getMessage());
        assertEquals("untouched", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(data.resolve("report.csv")), "the link itself is left as it was");
        assertEquals(victim, Files.readSymbolicLink(data.resolve("report.csv")));
        try (var entries = Files.list(data)) {
            assertEquals(1, entries.count(), "nothing was written beside it");
        }
    }

    @Test
    void aFolderOrAPipeUnderTheNameIsNotReplaced() throws Exception {
        Path source = Files.writeString(outside.resolve("x.txt"), "x");
        Files.createDirectory(data.resolve("x.txt"));
        Files.writeString(data.resolve("x.txt").resolve("inside"), "kept");
        Path pipe = data.resolve("pipe.txt");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor());
        DataImport dataImport = new DataImport(data, DataQuota.defaults(),
                new DataSnapshots(data, outside.resolve("snapshots")));

        UserFacingException folder = assertThrows(UserFacingException.class,
                () -> dataImport.copyIn(source, "x.txt", DataImport.WhenTaken.REPLACE));
        assertTrue(folder.getMessage().startsWith("x.txt in the data folder is a folder, not a file"), folder.getMessage());
        assertEquals("kept", Files.readString(data.resolve("x.txt").resolve("inside")));
        UserFacingException special = assertThrows(UserFacingException.class,
                () -> dataImport.copyIn(source, "pipe.txt", DataImport.WhenTaken.REPLACE));
        assertTrue(special.getMessage().startsWith("pipe.txt in the data folder is a special file"), special.getMessage());
        assertTrue(Files.readAttributes(pipe, java.nio.file.attribute.PosixFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS).isOther());
    }

    @Test
    void theQuotaCountsWhatTheFolderHoldsAfterTheReplace() throws Exception {
        Files.write(data.resolve("big.bin"), new byte[900 * 1024]);
        Path source = Files.write(outside.resolve("big.bin"), new byte[950 * 1024]);
        DataImport dataImport = new DataImport(data, DataQuota.ofMegabytes(1, 100),
                new DataSnapshots(data, outside.resolve("snapshots")));
        assertThrows(UserFacingException.class, () -> dataImport.copyIn(source, "big.bin", DataImport.WhenTaken.KEEP_BOTH),
                "both would not fit");
        assertEquals(DataImport.Outcome.REPLACED, dataImport.copyIn(source, "big.bin", DataImport.WhenTaken.REPLACE)
                .outcome(), "the new file in place of the old one fits");
        assertEquals(950 * 1024, Files.size(data.resolve("big.bin")));
        Path larger = Files.write(outside.resolve("larger.bin"), new byte[1100 * 1024]);
        UserFacingException refused = assertThrows(UserFacingException.class,
                () -> dataImport.copyIn(larger, "big.bin", DataImport.WhenTaken.REPLACE));
        assertTrue(refused.getMessage().startsWith("larger.bin was not put in the data folder"), refused.getMessage());
        assertEquals(950 * 1024, Files.size(data.resolve("big.bin")), "the file there is kept");
    }
}
