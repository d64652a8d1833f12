package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.toolsmith.util.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preview of a rewind counts records in pickles written by the real python3; the restore can be undone. */
class DataRewindTest {
    private static final String APPEND = "import pickle,sys,os\n"
            + "p=sys.argv[1]\nrows=pickle.load(open(p,'rb')) if os.path.exists(p) else []\n"
            + "rows.extend({'n': i} for i in range(int(sys.argv[2])))\npickle.dump(rows, open(p,'wb'))\n";

    @TempDir
    Path home;

    @Test
    void thePreviewCountsRecordsAddedRemovedAndNewAndTheRestoreCanBeUndone() throws Exception {
        Path data = home.resolve("data");
        Files.createDirectories(data);
        DataSnapshots snapshots = new DataSnapshots(data, home.resolve("snapshots"));
        Python.run(APPEND, data.resolve("log.pkl").toString(), "3");
        Python.run("import pickle,sys; pickle.dump({'a': 1, 'b': 2}, open(sys.argv[1],'wb'))",
                data.resolve("settings.pkl").toString());
        Files.writeString(data.resolve("gone.txt"), "kept before");
        Snapshot before = snapshots.take("1", "record");

        Python.run(APPEND, data.resolve("log.pkl").toString(), "1");
        Python.run("import pickle,sys; pickle.dump({'a': 1}, open(sys.argv[1],'wb'))",
                data.resolve("settings.pkl").toString());
        Python.run(APPEND, data.resolve("new.pkl").toString(), "2");
        Files.delete(data.resolve("gone.txt"));
        Files.writeString(data.resolve("notes.txt"), "not a pickle");

        DataRewind rewind = new DataRewind(snapshots);
        DataRewind.Preview preview = rewind.preview(before.id());
        assertEquals(List.of("gone.txt removed", "log.pkl +1 record", "new.pkl +2 records (new)", "notes.txt (new)",
                "settings.pkl -1 record"), preview.changes().stream().map(DataRewind.Change::describe).toList());
        assertTrue(preview.changesData());

        DataSnapshots.Restored restored = rewind.restore(before.id());
        assertEquals("3", Python.run("import pickle,sys; print(len(pickle.load(open(sys.argv[1],'rb'))))",
                data.resolve("log.pkl").toString()).strip());
        assertFalse(Files.exists(data.resolve("new.pkl")));
        assertEquals("kept before", Files.readString(data.resolve("gone.txt")));
        assertFalse(rewind.preview(before.id()).changesData(), "the folder is as it was");

        snapshots.restore(restored.safety().id());
        assertEquals("4", Python.run("import pickle,sys; print(len(pickle.load(open(sys.argv[1],'rb'))))",
                data.resolve("log.pkl").toString()).strip(), "the rewind itself was undone");
    }

    @Test
    void aSnapshotNoLongerKeptIsRefusedWithASentenceAndNothingChanges() throws Exception {
        Path data = home.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("a.txt"), "now");
        DataRewind rewind = new DataRewind(new DataSnapshots(data, home.resolve("snapshots")));
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> rewind.restore("20250101T000000.000Z-1"));
        assertTrue(e.getMessage().contains("no longer kept"), e.getMessage());
        assertEquals("now", Files.readString(data.resolve("a.txt")));
    }
}
