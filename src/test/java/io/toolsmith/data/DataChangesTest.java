package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.data.DataChange.RecordChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a call changed, read back by Toolsmith's own reader from pickles written by the real python3: records of a
 * list by a shortest edit, of a dict by key, other files by size, and the hostile kinds without following them.
 */
class DataChangesTest {
    @TempDir
    Path dir;
    @TempDir
    static Path fixtures;

    /** The original copy and the folder the call ran in, which starts as the same files. */
    private Path original;
    private Path work;

    /** Every pickle the tests read, written by the real python3 in one run for the class. */
    @BeforeAll
    static void pythonWritesThePickles() throws Exception {
        Python.pickles(List.of(
                fixture("list-before", "[{'n': 1}, {'n': 2}, {'n': 3}]", 4),
                fixture("list-after", "[{'n': 1}, {'n': 20}, {'n': 3}, {'n': 4}]", 4),
                fixture("dict-before", "{'tea': 1, 'milk': 2, 'eggs': 6}", 4),
                fixture("dict-after", "{'eggs': 6, 'tea': 3, 'bread': 1}", 2),
                fixture("one-two", "[1, 2]", 4),
                fixture("one-two-in-protocol-2", "[1, 2]", 2),
                fixture("one-two-three", "[1, 2, 3]", 4),
                fixture("one", "[1]", 4),
                fixture("a", "['a']", 4),
                fixture("empty", "[]", 4),
                fixture("range-120", "list(range(120))", 4),
                fixture("long-before", "['keep'] + list(range(3000)) + ['end']", 4),
                fixture("long-after", "['keep'] + [-i for i in range(1, 3002)] + ['end']", 4)));
    }

    private static Python.Pickle fixture(String name, String expression, int protocol) {
        return new Python.Pickle(fixtures.resolve(name + ".pkl"), expression, protocol);
    }

    /** Puts the fixtures into both folders: pairs of a file name and a fixture's name. */
    private DataTree.Listing prepare(String... pickles) throws Exception {
        original = Files.createDirectories(dir.resolve("original"));
        work = Files.createDirectories(dir.resolve("work"));
        for (int i = 0; i < pickles.length; i += 2) {
            Files.copy(fixtures.resolve(pickles[i + 1] + ".pkl"), original.resolve(pickles[i]));
            Files.copy(original.resolve(pickles[i]), work.resolve(pickles[i]));
        }
        return new DataTree(work).walk();
    }

    /** What the call wrote: the fixture's bytes written over (or into) the file, as python3 writes it. */
    private void write(String name, String fixture) throws Exception {
        Files.write(work.resolve(name), Files.readAllBytes(fixtures.resolve(fixture + ".pkl")));
    }

    private List<DataChange> changes(DataTree.Listing before) {
        return new DataChanges(DataQuota.defaults()).between(new DataTree(original), before, new DataTree(work));
    }

    private static List<String> lines(DataChange change) {
        return change.records().stream().map(RecordChange::line).toList();
    }

    @Test
    void recordsOfAListAreAddedChangedAndRemovedByAShortestEdit() throws Exception {
        DataTree.Listing before = prepare("log.pkl", "list-before");
        write("log.pkl", "list-after");

        List<DataChange> changes = changes(before);

        assertEquals(1, changes.size(), changes.toString());
        assertEquals("log.pkl: 1 record added, 1 changed", changes.get(0).summary());
        assertEquals(DataChange.Kind.CHANGED, changes.get(0).kind());
        assertEquals(List.of("changed #1: {\"n\":2} → {\"n\":20}", "added #3: {\"n\":4}"), lines(changes.get(0)));
    }

    @Test
    void recordsOfADictAreComparedByKey() throws Exception {
        DataTree.Listing before = prepare("stock.pkl", "dict-before");
        write("stock.pkl", "dict-after");

        DataChange change = changes(before).get(0);

        assertEquals("stock.pkl: 1 record added, 1 changed, 1 removed", change.summary());
        assertEquals(List.of("changed \"tea\": 1 → 3", "added \"bread\": 1", "removed \"milk\": 2"), lines(change));
    }

    @Test
    void newAndRemovedFilesOtherFilesAndAnUntouchedPickle() throws Exception {
        DataTree.Listing before = prepare("kept.pkl", "one-two", "gone.pkl", "one-two-three");
        write("new.pkl", "a");
        Files.writeString(work.resolve("notes.txt"), "milk\n");
        Files.delete(work.resolve("gone.pkl"));
        Files.createSymbolicLink(work.resolve("link.pkl"), Path.of("/etc/passwd"));
        Files.createDirectories(work.resolve("reports"));

        List<String> summaries = changes(before).stream().map(DataChange::summary).toList();

        assertEquals(List.of("gone.pkl: removed, 3 records removed", "link.pkl: a link to /etc/passwd added (not followed)",
                "new.pkl: new file, 1 record added", "notes.txt: new file, 5 bytes", "reports: folder added"),
                summaries);
    }

    @Test
    void aPickleRewrittenWithTheSameRecordsAndOneThatCannotBeReadSayWhat() throws Exception {
        DataTree.Listing before = prepare("same.pkl", "one-two", "broken.pkl", "one");
        write("same.pkl", "one-two-in-protocol-2");
        Files.write(work.resolve("broken.pkl"), new byte[] {(byte) 0x80, 4, (byte) 0x95, 1});

        List<DataChange> changes = changes(before);

        assertEquals(2, changes.size(), changes.toString());
        assertTrue(changes.get(0).summary().startsWith("broken.pkl: changed ("), changes.get(0).summary());
        assertTrue(changes.get(0).summary().contains("is not a readable pickle"), changes.get(0).summary());
        assertEquals("same.pkl: rewritten, the same records", changes.get(1).summary());
    }

    @Test
    void aFolderLeftOverTheQuotaIsNotRead() throws Exception {
        DataTree.Listing before = prepare("log.pkl", "one");
        for (int i = 0; i < 5; i++) {
            Files.writeString(work.resolve("f" + i + ".txt"), "x");
        }
        List<DataChange> changes = new DataChanges(new DataQuota(1 << 20, 4))
                .between(new DataTree(original), before, new DataTree(work));
        assertEquals(1, changes.size());
        assertTrue(changes.get(0).summary().startsWith("After the call the data folder holds"), changes.get(0).summary());
        assertTrue(changes.get(0).summary().endsWith("its changes were not read."), changes.get(0).summary());
    }

    @Test
    void manyRecordsAreCountedAndOnlyTheFirstListed() throws Exception {
        DataTree.Listing before = prepare("log.pkl", "empty");
        write("log.pkl", "range-120");
        DataChange change = changes(before).get(0);
        assertEquals("log.pkl: 120 records added", change.summary());
        assertEquals(DataChanges.MAX_RECORDS_SHOWN, change.records().size());
        assertEquals(120 - DataChanges.MAX_RECORDS_SHOWN, change.more());
    }

    @Test
    void twoLongDifferentListsArePairedByPositionInsteadOfASlowShortestEdit() throws Exception {
        DataTree.Listing before = prepare("log.pkl", "long-before");
        write("log.pkl", "long-after");
        DataChange change = changes(before).get(0);
        assertEquals("log.pkl: 1 record added, 3000 changed", change.summary());
        assertEquals("changed #1: 0 → -1", change.records().get(0).line(), "the common start is kept out");
    }
}
