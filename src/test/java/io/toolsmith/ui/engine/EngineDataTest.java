package io.toolsmith.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.data.DataSnapshots;
import io.toolsmith.testing.TestPython;
import io.toolsmith.ui.data.DataBrowser;
import io.toolsmith.ui.data.DataContent;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Data tab's seam over pickle files written by the real python3, and over snapshots. */
class EngineDataTest {
    @TempDir
    Path home;
    private Path data;
    private EngineData browser;
    private DataSnapshots snapshots;
    private final AtomicInteger changes = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        data = Files.createDirectories(home.resolve("data"));
        snapshots = new DataSnapshots(data, home.resolve("snapshots"));
        ChangeSignal signal = new ChangeSignal();
        signal.add(changes::incrementAndGet);
        browser = new EngineData(data, snapshots, 64L << 20, signal);
    }

    @Test
    void aListOfRecordsIsATableAndAnythingElseATree() throws Exception {
        python("import pickle,datetime; pickle.dump([{'category': 'Travel', 'amount': 300.0,"
                + " 'date': datetime.date(2025, 7, 7)}, {'category': 'Food', 'amount': 12.5,"
                + " 'date': datetime.date(2025, 7, 8)}], open('expenses.pkl', 'wb'))");
        python("import pickle; pickle.dump({'currency': 'INR', 'limits': {'Travel': 1000, 'Food': [1, 2, 3]}},"
                + " open('settings.pkl', 'wb'))");

        assertEquals(List.of("expenses.pkl", "settings.pkl"),
                browser.files().stream().map(DataBrowser.DataFile::relativePath).sorted().toList());
        DataContent.Table table = assertInstanceOf(DataContent.Table.class, browser.read("expenses.pkl"));
        assertEquals(List.of("category", "amount", "date"), table.columns());
        assertEquals(List.of("Travel", "300.0", "2025-07-07"), table.rows().get(0));

        DataContent.Tree tree = assertInstanceOf(DataContent.Tree.class, browser.read("settings.pkl"));
        assertFalse(tree.root().isLeaf());
        var limits = tree.root().children().stream().filter(n -> n.label().contains("limits")).findFirst().orElseThrow();
        assertEquals(2, limits.children().size());
    }

    @Test
    void exportWritesCsvOrJsonAndUndoRestoresTheDataBeforeACall() throws Exception {
        python("import pickle; pickle.dump([{'category': 'Travel', 'amount': 300.0}], open('expenses.pkl', 'wb'))");
        snapshots.take("1", "record_expense");
        python("import pickle; pickle.dump([{'category': 'Travel', 'amount': 300.0}, {'category': 'Food',"
                + " 'amount': 9.5}], open('expenses.pkl', 'wb'))");

        Path csv = home.resolve("expenses.csv");
        browser.export("expenses.pkl", csv);
        assertEquals(3, Files.readAllLines(csv).size(), Files.readString(csv));
        Path json = home.resolve("expenses.json");
        browser.export("expenses.pkl", json);
        assertEquals(2, Json.MAPPER.readTree(json.toFile()).size());

        DataBrowser.Snapshot before = browser.snapshots().get(0);
        assertEquals("record_expense", before.function());
        assertEquals("1", before.callId());
        browser.undo(before.id());
        assertEquals(1, assertInstanceOf(DataContent.Table.class, browser.read("expenses.pkl")).rows().size());
        assertEquals(1, changes.get(), "undo announces the change");
    }

    @Test
    void aDamagedFileOrAPathOutsideTheFolderIsASentence() throws Exception {
        Files.write(data.resolve("broken.pkl"), new byte[] {(byte) 0x80, 4, (byte) 0x95, 1, 2});
        UserFacingException damaged = assertThrows(UserFacingException.class, () -> browser.read("broken.pkl"));
        assertTrue(damaged.getMessage().contains("broken.pkl"), damaged.getMessage());
        UserFacingException outside = assertThrows(UserFacingException.class, () -> browser.read("../secret.pkl"));
        assertTrue(outside.getMessage().contains("outside the data folder"), outside.getMessage());
    }

    @Test
    void aTableMakesEachCellsTextWhenItIsReadAndTheSameTextAsBefore() throws Exception {
        python("import pickle, datetime, decimal\n"
                + "rows = [{'n': i, 'when': datetime.date(2025, 1, 1) + datetime.timedelta(days=i),"
                + " 'price': decimal.Decimal(i) / 4, 'tags': ['a', i]} for i in range(5000)]\n"
                + "pickle.dump(rows, open('big.pkl', 'wb'))");
        DataContent.Table table = assertInstanceOf(DataContent.Table.class, browser.read("big.pkl"));
        var value = new io.toolsmith.data.PickleReader(64L << 20).read("big.pkl", Files.readAllBytes(data.resolve("big.pkl")));
        List<List<String>> eager = io.toolsmith.data.PyTable.of(value).orElseThrow().displayRows();
        assertEquals(5000, table.rows().size());
        String lastDate = pythonOut(
                "import datetime; print(datetime.date(2025, 1, 1) + datetime.timedelta(days=4999))").strip();
        assertEquals("4999", table.rows().get(4999).get(0));
        assertEquals(lastDate, table.rows().get(4999).get(1), "a date cell is its ISO date, as Python writes it");
        for (int r = 0; r < eager.size(); r++) {
            assertEquals(eager.get(r), table.rows().get(r), "row " + r);
        }
    }

    @Test
    void aLargeTextFileIsReadOnlyAsFarAsItIsShown() throws Exception {
        python("open('log.txt', 'w').write('x' * (4 << 20))");
        DataContent.Tree tree = assertInstanceOf(DataContent.Tree.class, browser.read("log.txt"));
        String shown = tree.root().value();
        assertEquals(64 * 1024 + 1, shown.length(), "64 KiB and an ellipsis, not 4 MiB");
        assertTrue(shown.endsWith("…"));
    }

    private String pythonOut(String code) throws Exception {
        Process p = new ProcessBuilder(TestPython.executable(), "-S", "-c", code).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private void python(String code) throws Exception {
        Process p = new ProcessBuilder(TestPython.executable(), "-S", "-c", code).directory(data.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }
}
