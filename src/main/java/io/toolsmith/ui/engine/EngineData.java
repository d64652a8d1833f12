package io.toolsmith.ui.engine;

import io.toolsmith.data.DataFolder;
import io.toolsmith.data.DataNames;
import io.toolsmith.data.DataTreeException;
import io.toolsmith.data.TreeEntry;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.data.PickleReader;
import io.toolsmith.data.PyJson;
import io.toolsmith.data.PyTable;
import io.toolsmith.data.PyTreeNode;
import io.toolsmith.data.PyValue;
import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.functions.ActivityLog;
import io.toolsmith.ui.data.DataBrowser;
import io.toolsmith.ui.data.DataContent;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Data tab over the data folder: its files, pickle contents (a table for a list of records, else a
 * tree), export, and the snapshots taken before each call with undo. Changes are announced by the folder
 * watcher and after every call. Blocking; background executor only.
 */
public final class EngineData implements DataBrowser {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EngineData.class);
    private static final int TEXT_SHOWN = 64 * 1024;

    private final DataFolder folder;
    private final DataSnapshots snapshots;
    private final PickleReader reader;
    private final long maxPickleBytes;
    private final ChangeSignal changes;
    private final ActivityLog activity;

    EngineData(Path dataFolder, DataSnapshots snapshots, long maxPickleBytes, ChangeSignal changes) {
        this(dataFolder, snapshots, maxPickleBytes, changes, null);
    }

    /** {@code activity}, when given, gets an entry for every undo, beside the calls it undoes. */
    EngineData(Path dataFolder, DataSnapshots snapshots, long maxPickleBytes, ChangeSignal changes,
               ActivityLog activity) {
        this.activity = activity;
        this.folder = new DataFolder(dataFolder);
        this.snapshots = snapshots;
        this.reader = new PickleReader(maxPickleBytes);
        this.maxPickleBytes = maxPickleBytes;
        this.changes = changes;
    }

    @Override
    public List<DataFile> files() throws UserFacingException {
        try {
            // Every entry but folders (hidden ones too), by lstat: nothing is opened to list them. Links, pipes,
            // sockets and devices are listed as what they are, as 'toolsmith data list' does.
            return folder.tree().walk().sorted().stream().filter(e -> e.kind() != TreeEntry.Kind.DIRECTORY)
                    .map(e -> new DataFile(e.path(), e.size(), Instant.EPOCH.plusNanos(e.mtimeNs()), kind(e)))
                    .toList();
        } catch (IOException e) {
            throw new UserFacingException("The data folder " + folder.dir() + " could not be listed ("
                    + e.getMessage() + "). Check that it exists and is readable.", e);
        }
    }

    /** Null for a regular file, else what the entry is, in the words of 'toolsmith data list'. */
    private static String kind(TreeEntry e) {
        return switch (e.kind()) {
            case FILE -> null;
            case LINK -> "link to " + DataNames.display(e.target()) + " (not followed)";
            default -> e.kind().words() + " (never opened)";
        };
    }

    @Override
    public DataContent read(String relativePath) throws UserFacingException {
        if (!relativePath.endsWith(".pkl") && !relativePath.endsWith(".pickle")) {
            return new DataContent.Tree(new PyDataNode.Note(DataNames.display(relativePath), text(relativePath)));
        }
        PyValue value = pickle(relativePath);
        var table = PyTable.forDisplay(value);
        if (table.isPresent()) {
            PyTable t = table.get();
            return new DataContent.Table(t.columns(), t.lazyDisplayRows());
        }
        return new DataContent.Tree(new PyDataNode(PyTreeNode.root(value)));
    }

    @Override
    public void export(String relativePath, Path target) throws UserFacingException {
        PyValue value = pickle(relativePath);
        try {
            if (target.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
                PyTable table = PyTable.of(value).orElseThrow(() -> new UserFacingException(relativePath
                        + " is not a list of records, so it cannot be a CSV table. Export it as JSON instead."));
                table.exportCsv(target);
            } else {
                PyJson.export(value, target);
            }
        } catch (IOException e) {
            throw new UserFacingException(target + " could not be written (" + e.getMessage()
                    + "). Choose another folder and try again.", e);
        }
    }

    @Override
    public List<Snapshot> snapshots() throws UserFacingException {
        try {
            return snapshots.list().stream()
                    .map(s -> new Snapshot(s.id(), s.time(), s.label(), s.callId())).toList();
        } catch (IOException e) {
            throw new UserFacingException("The snapshots could not be listed (" + e.getMessage() + ").", e);
        }
    }

    @Override
    public void undo(String snapshotId) throws UserFacingException {
        try {
            io.toolsmith.data.Snapshot undone = snapshots.list().stream().filter(x -> x.id().equals(snapshotId))
                    .findFirst().orElse(null);
            DataSnapshots.Restored restored = snapshots.restore(snapshotId);
            logUndo(undone, restored);
        } catch (DataTreeException e) {
            throw new UserFacingException("The data could not be restored: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserFacingException("The data could not be restored (" + e.getMessage()
                    + "). Nothing was changed; try again.", e);
        }
        changes.fire();
    }

    /** Where the Activity tab says an undo was done: this is the window's Data tab. */
    static final String UNDONE_IN = "Data tab";

    private void logUndo(io.toolsmith.data.Snapshot undone, DataSnapshots.Restored restored) {
        if (activity == null) {
            return;
        }
        try {
            activity.record(ActivityEntry.undo(undone == null ? null : undone.label(),
                    undone == null ? null : undone.callId(), restored.safety().id(), UNDONE_IN));
        } catch (IOException e) {
            LOG.warn("The undo could not be written to the activity log: {}", e.getMessage());
        }
    }

    @Override
    public Runnable onChange(Runnable listener) {
        return changes.add(listener);
    }

    /** Reads the file through the data tree (no link followed, no pipe opened), then decodes it. */
    private PyValue pickle(String relativePath) throws UserFacingException {
        byte[] bytes;
        try {
            bytes = folder.tree().read(relativePath, maxPickleBytes);
        } catch (IOException e) {
            throw new UserFacingException(folder.tree().shown(relativePath) + " could not be read (" + e.getMessage()
                    + "); refresh the data folder and try again.", e);
        }
        return reader.read(DataNames.display(relativePath), bytes);
    }

    private String text(String relativePath) throws UserFacingException {
        try (FileChannel in = folder.tree().open(relativePath)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(in.size(), TEXT_SHOWN));
            while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                // the first 64 KiB at most
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            return in.size() > TEXT_SHOWN ? text + "…" : text;
        } catch (IOException e) {
            throw new UserFacingException(folder.tree().shown(relativePath) + " could not be read (" + e.getMessage()
                    + ").", e);
        }
    }
}
