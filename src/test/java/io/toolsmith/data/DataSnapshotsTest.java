package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots before calls and undo, through the API and through {@code toolsmith data …}. */
class DataSnapshotsTest {
    @TempDir
    Path home;

    private Path data() {
        return home.resolve("data");
    }

    private DataSnapshots snapshots() {
        return new DataSnapshots(data(), home.resolve("snapshots"));
    }

    @Test
    void undoBringsBackTheBytesAndIsItselfUndoable() throws Exception {
        Files.createDirectories(data());
        Path expenses = data().resolve("expenses.pkl");
        Python.writeExpenses(expenses, 500);
        byte[] original = Files.readAllBytes(expenses);
        Snapshot before = snapshots().take("call-1", "add_expense");
        assertEquals(1, before.files());
        assertEquals(original.length, before.bytes());

        Files.write(expenses, "garbage, not a pickle".getBytes());
        Path created = data().resolve("later.txt");
        Files.writeString(created, "made by the call");

        Python.Result undo = Python.cli("--home", home.toString(), "data", "undo");
        assertEquals(0, undo.exitCode(), undo.err());
        assertArrayEquals(original, Files.readAllBytes(expenses));
        assertFalse(Files.exists(created), "files created after the snapshot are removed");
        assertTrue(undo.out().contains("changed expenses.pkl"), undo.out());
        assertTrue(undo.out().contains("removed later.txt"), undo.out());

        // The restore took a safety snapshot first, now the latest: undoing again brings the garbage back.
        Python.Result redo = Python.cli("--home", home.toString(), "data", "undo");
        assertEquals(0, redo.exitCode(), redo.err());
        assertEquals("garbage, not a pickle", Files.readString(expenses));
        assertEquals("made by the call", Files.readString(created));

        Python.Result list = Python.cli("--home", home.toString(), "data", "snapshots");
        assertTrue(list.out().contains("add_expense"), list.out());
        assertTrue(list.out().contains("Before restoring " + before.id()), list.out());
    }

    @Test
    void restoreByIdBringsBackDeletedFilesInSubfolders() throws Exception {
        Path nested = data().resolve("sub/notes.txt");
        Files.createDirectories(nested.getParent());
        Files.writeString(nested, "first");
        Snapshot first = snapshots().take("c1", "one");
        Files.delete(nested);
        snapshots().take("c2", "two");
        Snapshot safety = snapshots().restore(first.id()).safety();
        assertEquals("first", Files.readString(nested));
        assertEquals("undo", safety.callId());
        assertEquals(safety, snapshots().latest().orElseThrow());
    }

    @Test
    void unchangedContentIsStoredOnce() throws Exception {
        Files.createDirectories(data());
        Files.writeString(data().resolve("a.txt"), "same");
        Files.writeString(data().resolve("b.txt"), "same");
        DataSnapshots s = snapshots();
        s.take("c1", "one");
        s.take("c2", "two");
        Files.writeString(data().resolve("a.txt"), "new");
        s.take("c3", "three");
        try (Stream<Path> blobs = Files.list(home.resolve("snapshots/blobs"))) {
            assertEquals(2, blobs.count(), "two distinct contents: 'same' and 'new'");
        }
        List<Snapshot> all = s.list();
        assertEquals(List.of("three", "two", "one"), all.stream().map(Snapshot::label).toList());
        assertTrue(Files.isRegularFile(home.resolve("snapshots").resolve(all.get(0).id()).resolve("manifest.json")));
    }

    @Test
    void pruningKeepsTheNewestFiftyAndDropsUnusedBlobs() throws Exception {
        Files.createDirectories(data());
        DataSnapshots s = snapshots();
        for (int i = 0; i < 55; i++) {
            Files.writeString(data().resolve("counter.txt"), "value " + i);
            s.take("c" + i, "step " + i);
        }
        List<Snapshot> all = s.list();
        assertEquals(50, all.size());
        assertEquals("step 54", all.get(0).label());
        assertEquals("step 5", all.get(49).label());
        try (Stream<Path> blobs = Files.list(home.resolve("snapshots/blobs"))) {
            assertEquals(50, blobs.count(), "blobs of pruned snapshots are deleted");
        }
    }

    @Test
    void undoWithoutSnapshotsSaysSo() {
        Python.Result r = Python.cli("--home", home.toString(), "data", "undo");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("There is no snapshot to go back to"), r.err());
    }
}
