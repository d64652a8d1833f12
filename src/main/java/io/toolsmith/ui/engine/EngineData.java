package io.toolsmith.ui.engine;

import io.toolsmith.data.DataFolder;
import io.toolsmith.data.DataSnapshots;
import io.toolsmith.data.PickleReader;
import io.toolsmith.data.PyJson;
import io.toolsmith.data.PyTable;
import io.toolsmith.data.PyTreeNode;
import io.toolsmith.data.PyValue;
import io.toolsmith.ui.data.DataBrowser;
import io.toolsmith.ui.data.DataContent;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Data tab over the data folder: its files, pickle contents (a table for a list of records, else a
 * tree), export, and the snapshots taken before each call with undo. Changes are announced by the folder
 * watcher and after every call. Blocking; background executor only.
 */
public final class EngineData implements DataBrowser {
    private final DataFolder folder;
    private final DataSnapshots snapshots;
    private final PickleReader reader;
    private final ChangeSignal changes;

    EngineData(Path dataFolder, DataSnapshots snapshots, long maxPickleBytes, ChangeSignal changes) {
        this.folder = new DataFolder(dataFolder);
        this.snapshots = snapshots;
        this.reader = new PickleReader(maxPickleBytes);
        this.changes = changes;
    }

    @Override
    public List<DataFile> files() throws UserFacingException {
        try {
            return folder.list().stream()
                    .map(f -> new DataFile(f.name(), f.size(), f.modified())).toList();
        } catch (IOException e) {
            throw new UserFacingException("The data folder " + folder.dir() + " could not be listed ("
                    + e.getMessage() + "). Check that it exists and is readable.", e);
        }
    }

    @Override
    public DataContent read(String relativePath) throws UserFacingException {
        Path file = resolve(relativePath);
        if (!relativePath.endsWith(".pkl") && !relativePath.endsWith(".pickle")) {
            return new DataContent.Tree(new PyDataNode.Note(relativePath, text(file)));
        }
        PyValue value = reader.read(file);
        var table = PyTable.forDisplay(value);
        if (table.isPresent()) {
            PyTable t = table.get();
            return new DataContent.Table(t.columns(), t.displayRows());
        }
        return new DataContent.Tree(new PyDataNode(PyTreeNode.root(value)));
    }

    @Override
    public void export(String relativePath, Path target) throws UserFacingException {
        PyValue value = reader.read(resolve(relativePath));
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
            snapshots.restore(snapshotId);
        } catch (IOException e) {
            throw new UserFacingException("The data could not be restored (" + e.getMessage()
                    + "). Nothing was changed; try again.", e);
        }
        changes.fire();
    }

    @Override
    public Runnable onChange(Runnable listener) {
        return changes.add(listener);
    }

    private Path resolve(String relativePath) throws UserFacingException {
        Path file = folder.dir().resolve(relativePath).normalize();
        if (!file.startsWith(folder.dir().normalize())) {
            throw new UserFacingException(relativePath + " is outside the data folder.");
        }
        return file;
    }

    private static String text(Path file) throws UserFacingException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.UTF_8);
            return bytes.length > 64 * 1024 ? text + "…" : text;
        } catch (IOException e) {
            throw new UserFacingException(file + " could not be read (" + e.getMessage() + ").", e);
        }
    }
}
