package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.data.PyValue.PyScalar;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table detection, sorting and CSV; the lazy tree; the data folder listing and watcher. */
class DataViewsTest {
    @TempDir
    Path dir;
    @TempDir
    static Path fixtures;

    /** Every pickle the tests read, and the CSV Python's own writer makes of the expenses, from one python3 run. */
    @BeforeAll
    static void pythonWritesThePickles() throws Exception {
        Python.run("""
                import csv, dataclasses, io, pickle, random, sys
                """ + Python.EXPENSES + """
                folder = sys.argv[1]
                rows = expenses(300)
                pickle.dump(rows, open(folder + '/expenses-300.pkl', 'wb'), pickle.HIGHEST_PROTOCOL)
                out = io.StringIO()
                w = csv.DictWriter(out, fieldnames=list(rows[0]))
                w.writeheader()
                w.writerows(rows)
                open(folder + '/expenses-300.csv', 'w', newline='').write(out.getvalue())
                pickle.dump(expenses(1000), open(folder + '/expenses-1000.pkl', 'wb'), pickle.HIGHEST_PROTOCOL)
                @dataclasses.dataclass
                class Item:
                    name: str
                    qty: int
                pickle.dump([Item('b', 2), Item('a', 5)], open(folder + '/objects.pkl', 'wb'))
                pickle.dump([{'a': 1}, {'b': 2}], open(folder + '/mixed.pkl', 'wb'), 4)
                pickle.dump({'x': 1}, open(folder + '/a.pkl', 'wb'), 5)
                pickle.dump([1], open(folder + '/noext', 'wb'), 2)
                """, fixtures.toString());
    }

    private Path fixture(String name) throws Exception {
        return Files.copy(fixtures.resolve(name), dir.resolve(name));
    }

    @Test
    void expenseListIsATableSortableAndExportedAsCsv() throws Exception {
        Path file = fixture("expenses-300.pkl");
        PyTable table = PyTable.of(new PickleReader().read(file)).orElseThrow();
        assertEquals(List.of("date", "category", "amount", "description"), table.columns());
        assertEquals(300, table.rowCount());

        PyTable byAmount = table.sortedBy("amount", false);
        double previous = Double.MAX_VALUE;
        for (int r = 0; r < byAmount.rowCount(); r++) {
            double amount = (Double) ((PyScalar) byAmount.cell(r, 2)).value();
            assertTrue(amount <= previous);
            previous = amount;
        }

        StringWriter csv = new StringWriter();
        table.writeCsv(csv);
        String expected = Files.readString(fixtures.resolve("expenses-300.csv"));
        assertEquals(expected.replace("\r\n", "\n"), csv.toString().replace("\r\n", "\n"));
    }

    @Test
    void sameClassObjectsAreATableAndMixedRecordsAreNot() throws Exception {
        Path objects = fixture("objects.pkl");
        PyTable t = PyTable.of(new PickleReader().read(objects)).orElseThrow();
        assertEquals(List.of("name", "qty"), t.columns());
        assertEquals("a", ((PyScalar) t.sortedBy("name", true).cell(0, 0)).value());

        Path mixed = fixture("mixed.pkl");
        assertFalse(PyTable.of(new PickleReader().read(mixed)).isPresent());
    }

    @Test
    void treeShowsLargeListsPageByPage() throws Exception {
        Path file = fixture("expenses-1000.pkl");
        PyTreeNode root = PyTreeNode.root(new PickleReader().read(file));
        assertEquals(1000, root.childCount());
        List<PyTreeNode> page = root.children(990, 50);
        assertEquals(10, page.size());
        assertEquals("990", page.get(0).key());
        assertEquals("dict (4 keys)", page.get(0).summary());
        PyTreeNode amount = page.get(0).children(2, 1).get(0);
        assertEquals("amount", amount.key());
        assertEquals("#/990/amount", amount.path());
        assertTrue(amount.isLeaf());
    }

    @Test
    void folderListsFilesWithTheirKindAndTheWatcherReportsChanges() throws Exception {
        fixture("a.pkl");
        fixture("noext");
        Files.writeString(dir.resolve("notes.txt"), "hi");
        List<DataFile> files = new DataFolder(dir).list();
        assertEquals(List.of("a.pkl", "noext", "notes.txt"), files.stream().map(DataFile::name).toList());
        assertEquals(List.of(DataFile.Kind.PICKLE, DataFile.Kind.PICKLE, DataFile.Kind.TEXT),
                files.stream().map(DataFile::kind).toList());

        BlockingQueue<DataWatcher.DataChange> changes = new ArrayBlockingQueue<>(10);
        try (DataWatcher watcher = new DataWatcher(dir, Duration.ofMillis(200))) {
            watcher.addListener(changes::add);
            watcher.start();
            Files.writeString(dir.resolve("new.txt"), "1");
            Files.writeString(dir.resolve("new.txt"), "2");
            DataWatcher.DataChange change = changes.poll(30, TimeUnit.SECONDS);
            assertTrue(change != null && change.names().contains("new.txt"), String.valueOf(change));
            watcher.refresh();
            DataWatcher.DataChange refresh = changes.poll(30, TimeUnit.SECONDS);
            assertTrue(refresh != null);
            // A snapshot's barrier file is the app's own: it is no change to reload for.
            Path barrier = dir.resolve(".toolsmith-barrier-test");
            Files.writeString(barrier, "");
            Files.delete(barrier);
            Files.writeString(dir.resolve("after.txt"), "2");
            DataWatcher.DataChange next = changes.poll(30, TimeUnit.SECONDS);
            assertTrue(next != null && next.names().equals(java.util.Set.of("after.txt")), String.valueOf(next));
        }
    }
}
