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
    void restoringTheOldestKeptSnapshotSurvivesThePruningItsSafetySnapshotCauses() throws Exception {
        // At the limit of kept snapshots, the safety snapshot of a restore pushes the oldest one out: when that is the
        // one being restored, it must not be deleted under the restore (its copies were lost, and the folder with them).
        DataSnapshots snapshots = new DataSnapshots(data(), home.resolve("snapshots"), 2, DataQuota.defaults());
        Files.createDirectories(data());
        Path file = data().resolve("important.txt");
        Files.writeString(file, "one");
        Snapshot oldest = snapshots.take("call-1", "first");
        Files.writeString(file, "two");
        snapshots.take("call-2", "second");
        Files.writeString(file, "three");
        Files.writeString(data().resolve("later.txt"), "made later");

        snapshots.restore(oldest.id());

        assertEquals("one", Files.readString(file));
        assertFalse(Files.exists(data().resolve("later.txt")));
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
    void aChangeHiddenBySettingTheTimeBackIsStillSeen() throws Exception {
        Files.createDirectories(data());
        Path file = data().resolve("balance.txt");
        Files.writeString(file, "balance 100");
        DataSnapshots s = snapshots();
        s.take("c1", "one");
        // Same size, modification time put back: only the change time (and a fresh walk stamp) tell.
        Python.run("import os, sys\nst = os.stat(sys.argv[1])\nopen(sys.argv[1], 'w').write('balance 999')\n"
                + "os.utime(sys.argv[1], ns=(st.st_atime_ns, st.st_mtime_ns))", file.toString());
        Snapshot second = s.take("c2", "two");
        Files.writeString(file, "garbage");
        s.restore(second.id());
        assertEquals("balance 999", Files.readString(file));
    }

    @Test
    void manifestsHoldOnlyWhatChangedAndStillRestoreEverything() throws Exception {
        Files.createDirectories(data().resolve("items"));
        Python.run("import sys\nfor i in range(300): open(sys.argv[1] + '/item%03d.txt' % i, 'w').write('item %d' % i)",
                data().resolve("items").toString());
        DataSnapshots s = snapshots();
        Snapshot first = s.take("c1", "one");
        Files.writeString(data().resolve("items/item007.txt"), "seven, changed");
        Files.delete(data().resolve("items/item008.txt"));
        Snapshot second = s.take("c2", "two");
        Snapshot third = s.take("c3", "three");
        Path snapshotsDir = home.resolve("snapshots");
        long firstSize = Files.size(snapshotsDir.resolve(first.id()).resolve("manifest.json"));
        long secondSize = Files.size(snapshotsDir.resolve(second.id()).resolve("manifest.json"));
        assertTrue(firstSize < 1000 && secondSize < 1000, "manifests list changes only: " + firstSize + ", " + secondSize);
        var delta = io.toolsmith.util.Json.MAPPER.readTree(snapshotsDir.resolve(second.id()).resolve("manifest.json").toFile());
        assertEquals(List.of("items/item007.txt"), delta.get("changes").findValuesAsText("path"),
                "only the changed file, not the folder whose times changed with it");
        assertEquals("items/item008.txt", delta.get("removed").get(0).asText());
        try (Stream<Path> trees = Files.list(snapshotsDir.resolve("trees"))) {
            assertEquals(1, trees.count(), "the three snapshots share one base tree");
        }
        assertEquals(300, first.files());
        assertEquals(299, third.files());

        Files.writeString(data().resolve("items/item100.txt"), "later");
        s.restore(first.id());
        assertEquals("item 7", Files.readString(data().resolve("items/item007.txt")));
        assertEquals("item 8", Files.readString(data().resolve("items/item008.txt")));
        assertEquals("item 100", Files.readString(data().resolve("items/item100.txt")));
        s.restore(second.id());
        assertEquals("seven, changed", Files.readString(data().resolve("items/item007.txt")));
        assertFalse(Files.exists(data().resolve("items/item008.txt")));
        assertEquals(List.of("changed items/item007.txt", "removed items/item008.txt"), s.changes(first.id(), second.id()));
    }

    @Test
    void aDamagedSnapshotDoesNotStopTheNextOnes() throws Exception {
        Files.createDirectories(data());
        Files.writeString(data().resolve("a.txt"), "one");
        DataSnapshots s = snapshots();
        Snapshot first = s.take("c1", "one");
        Snapshot second = s.take("c2", "two");
        Files.writeString(home.resolve("snapshots").resolve(second.id()).resolve("manifest.json"), "{ not json");
        try (Stream<Path> trees = Files.list(home.resolve("snapshots/trees"))) {
            for (Path tree : trees.toList()) {
                Files.delete(tree);
            }
        }
        Files.writeString(data().resolve("a.txt"), "two");
        Snapshot third = snapshots().take("c3", "three");
        assertEquals(List.of(third.id(), first.id()), snapshots().list().stream().map(Snapshot::id).toList(),
                "the damaged one is left out, the others listed");
        Files.writeString(data().resolve("a.txt"), "three");
        snapshots().restore(third.id());
        assertEquals("two", Files.readString(data().resolve("a.txt")));
    }

    @Test
    void undoWithoutSnapshotsSaysSo() {
        Python.Result r = Python.cli("--home", home.toString(), "data", "undo");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("There is no snapshot to go back to"), r.err());
    }
}
