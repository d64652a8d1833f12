package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots that learn from the change journal which folders changed must record exactly what a full walk of the
 * same folder records. Each case checks the journal was really used (or really fell back) and compares the result
 * with a second set of snapshots that always walks in full.
 */
class ChangeJournalTest {
    @TempDir
    Path home;
    private Path data;
    private DataSnapshots journal;
    private DataSnapshots full;

    @BeforeEach
    void folders() throws IOException {
        data = Files.createDirectories(home.resolve("data"));
        journal = new DataSnapshots(data, home.resolve("snapshots"), DataSnapshots.KEEP, DataQuota.defaults(), true);
        full = new DataSnapshots(data, home.resolve("full-snapshots"), DataSnapshots.KEEP, DataQuota.defaults(), false);
    }

    /** Takes a snapshot both ways and checks they agree; returns how the journal's snapshot found its changes. */
    private String snapshotBothWays() throws Exception {
        Snapshot a = journal.take("call", "journal");
        String how = journal.lastScan();
        Snapshot b = full.take("call", "full");
        assertTrue(full.lastScan().startsWith("full walk"), full.lastScan());
        assertEquals(recorded(full.entries(b.id())), recorded(journal.entries(a.id())), how);
        assertEquals(b.files(), a.files());
        assertEquals(b.bytes(), a.bytes());
        return how;
    }

    /** What a snapshot says the folder holds: kind, content hash or link target, size (not times). */
    private static Map<String, String> recorded(Map<String, SnapshotManifest.Entry> entries) {
        Map<String, String> out = new TreeMap<>();
        entries.values().forEach(e -> out.put(e.path(), e.kind() + " " + e.sha256() + " " + e.target() + " " + e.size()));
        return out;
    }

    private void write(String path, String text) throws IOException {
        Path file = data.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void aRewriteWithTheSameSizeAndTheOldTimeIsSeen() throws Exception {
        write("set0/a.txt", "aaaa");
        write("set1/b.txt", "bbbb");
        assertTrue(snapshotBothWays().startsWith("full walk"), "the first snapshot of a process walks in full");
        assertTrue(snapshotBothWays().startsWith("change journal"));
        Path a = data.resolve("set0/a.txt");
        FileTime old = Files.getLastModifiedTime(a);
        Files.writeString(a, "zzzz");
        Files.setLastModifiedTime(a, old);
        Snapshot before = journal.latest().orElseThrow();
        String how = snapshotBothWays();
        assertEquals("change journal (1 folder(s) listed again)", how);
        Snapshot after = journal.latest().orElseThrow();
        assertEquals(List.of("changed set0/a.txt"), journal.changes(before.id(), after.id()));
    }

    @Test
    void aNewFolderWithFilesMadeInOneGoIsSeen() throws Exception {
        write("top.txt", "top");
        snapshotBothWays();
        write("new/deeper/x.txt", "x");
        write("new/y.txt", "y");
        String how = snapshotBothWays();
        assertTrue(how.startsWith("change journal"), how);
        assertTrue(journal.entries(journal.latest().orElseThrow().id()).containsKey("new/deeper/x.txt"));
        // The new folders are watched from now on.
        write("new/deeper/z.txt", "z");
        assertEquals("change journal (1 folder(s) listed again)", snapshotBothWays());
    }

    @Test
    void aFolderReplacedByALinkIsRecordedAsALink() throws Exception {
        write("dir/inner.txt", "inner");
        snapshotBothWays();
        Files.delete(data.resolve("dir/inner.txt"));
        Files.delete(data.resolve("dir"));
        Files.createSymbolicLink(data.resolve("dir"), Path.of("/etc"));
        String how = snapshotBothWays();
        assertTrue(how.startsWith("full walk"), how);
        SnapshotManifest.Entry link = journal.entries(journal.latest().orElseThrow().id()).get("dir");
        assertEquals(SnapshotManifest.Entry.LINK, link.kind());
        assertEquals("/etc", link.target());
        assertTrue(snapshotBothWays().startsWith("change journal"), "the journal is trusted again after the walk");
    }

    @Test
    void aDeletionIsSeen() throws Exception {
        write("set0/a.txt", "a");
        write("set0/b.txt", "b");
        snapshotBothWays();
        Files.delete(data.resolve("set0/b.txt"));
        assertTrue(snapshotBothWays().startsWith("change journal"));
        assertTrue(!journal.entries(journal.latest().orElseThrow().id()).containsKey("set0/b.txt"));
    }

    @Test
    void aBrokenJournalFallsBackToAFullWalk() throws Exception {
        write("set0/a.txt", "a");
        snapshotBothWays();
        write("set0/a.txt", "changed");
        ChangeJournal.shared().orElseThrow().breakFor(journal.tree().realRoot());
        String how = snapshotBothWays();
        assertEquals("full walk (the change journal cannot be trusted)", how);
        write("set0/c.txt", "c");
        assertTrue(snapshotBothWays().startsWith("change journal"));
    }

    @Test
    void aFileWithTwoNamesMakesEverySnapshotWalkInFull() throws Exception {
        write("one/a.txt", "aaaa");
        Files.createDirectories(data.resolve("two"));
        snapshotBothWays();
        Files.createLink(data.resolve("two/b.txt"), data.resolve("one/a.txt"));
        snapshotBothWays();
        // A write through two/b.txt is reported in folder two only, yet changes one/a.txt as well.
        Files.writeString(data.resolve("two/b.txt"), "bbbb");
        String how = snapshotBothWays();
        assertEquals("full walk (a file has more than one name)", how);
    }

    @Test
    void beforeARestoreTheFolderIsWalkedInFull() throws Exception {
        write("a.txt", "a");
        Snapshot first = journal.take("c1", "one");
        write("a.txt", "b");
        journal.take("c2", "two");
        journal.restore(first.id());
        assertTrue(journal.lastScan().startsWith("full walk (asked"), journal.lastScan());
        assertEquals("a", Files.readString(data.resolve("a.txt")));
        // What the restore wrote is reported too.
        assertEquals("change journal (1 folder(s) listed again)", snapshotBothWays());
    }

    @Test
    void measuringAfterACallLeavesItsChangesForTheNextSnapshot() throws Exception {
        DataSnapshots small = new DataSnapshots(data, home.resolve("small"), DataSnapshots.KEEP,
                DataQuota.ofMegabytes(1, 4), true);
        write("set0/a.txt", "a");
        small.take("c1", "one");
        assertTrue(small.overQuota().isEmpty());
        write("set0/b.txt", "b");
        write("set0/c.txt", "c");
        write("set0/d.txt", "d");
        assertEquals("the data folder holds 4 bytes in 5 files and folders, over its quota of 1.0 MB and 4 entries",
                small.overQuota().orElseThrow());
        assertTrue(small.lastScan().startsWith("change journal"), small.lastScan());
        Snapshot after = small.take("c2", "two");
        assertTrue(small.lastScan().startsWith("change journal"), small.lastScan());
        assertEquals(4, after.files());
        Snapshot walked = full.take("c2", "full");
        assertEquals(recorded(full.entries(walked.id())), recorded(small.entries(after.id())));
    }

    @Test
    void randomChangesAreRecordedAsAFullWalkRecordsThem() throws Exception {
        Random random = new Random(20261205L);
        for (int i = 0; i < 6; i++) {
            write("set" + i + "/item" + i + ".txt", "item " + i);
        }
        snapshotBothWays();
        int byJournal = 0;
        for (int round = 0; round < 60; round++) {
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                change(random, round * 10 + c);
            }
            if (snapshotBothWays().startsWith("change journal")) {
                byJournal++;
            }
        }
        assertTrue(byJournal >= 20, "only " + byJournal + " of 60 snapshots used the journal");
        assertNotEquals(60, byJournal, "no change ever needed a full walk");
    }

    private void change(Random random, int n) throws Exception {
        List<Path> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(data)) {
            walk.sorted().forEach(p -> {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    folders.add(p);
                }
            });
        }
        Path folder = folders.get(random.nextInt(folders.size()));
        Path file = files.isEmpty() ? null : files.get(random.nextInt(files.size()));
        switch (random.nextInt(13)) {
            case 0, 1 -> Files.writeString(folder.resolve("f" + random.nextInt(8) + ".txt"), "new " + n);
            case 2, 3 -> {
                if (file != null) {
                    FileTime old = Files.getLastModifiedTime(file);
                    byte[] bytes = Files.readAllBytes(file);
                    if (bytes.length > 0) {
                        bytes[0] ^= 1; // same size, and the old time set back
                    }
                    Files.write(file, bytes);
                    Files.setLastModifiedTime(file, old);
                }
            }
            case 4 -> {
                if (file != null) {
                    Files.delete(file);
                }
            }
            case 5 -> {
                Path made = Files.createDirectories(folder.resolve("d" + n).resolve("e"));
                Files.writeString(made.resolve("in.txt"), "in " + n);
                Files.writeString(made.getParent().resolve("beside.txt"), "beside " + n);
            }
            case 6 -> {
                if (!folder.equals(data)) {
                    deleteTree(folder);
                }
            }
            case 7 -> {
                if (file != null) {
                    Files.delete(file);
                    Files.createSymbolicLink(file, Path.of("../elsewhere" + n));
                }
            }
            case 8 -> {
                if (!folder.equals(data)) {
                    deleteTree(folder);
                    Files.createSymbolicLink(folder, data);
                }
            }
            case 9 -> {
                if (file != null) {
                    Files.move(file, folder.resolve("moved" + n + ".txt"));
                }
            }
            case 10 -> {
                if (!folder.equals(data)) {
                    Files.move(folder, data.resolve("renamed" + n));
                }
            }
            case 11 -> {
                if (file != null) {
                    // A named pipe where a file was: never opened, and no longer in the snapshot.
                    Files.delete(file);
                    Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
                    assertEquals(0, mkfifo.waitFor());
                }
            }
            default -> {
                if (file != null) {
                    Files.writeString(file, " appended", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
