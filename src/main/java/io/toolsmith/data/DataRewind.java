package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Putting the data folder back as it was before some calls, when the chat turn that made them is dropped (a
 * regenerated reply, an edited message). The preview compares the snapshot taken before the earliest of those calls
 * with a snapshot of the folder now, and counts the records of each pickle in both (read from the snapshots' own
 * copies, never from the data folder); the restore is the undo's ({@link DataSnapshots#restore}), which takes a
 * snapshot first so it can be undone in turn.
 */
public final class DataRewind {
    /** Pickles larger than this are reported as changed without counting their records (a preview must stay quick). */
    static final long COUNT_LIMIT = 16L * 1024 * 1024;
    private final DataSnapshots snapshots;

    public DataRewind(DataSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** What changed in one entry of the data folder since the snapshot; a rewind undoes it. */
    public record Change(String path, Kind kind, Integer recordsBefore, Integer recordsNow) {
        public enum Kind { ADDED, CHANGED, REMOVED }

        /** "log.pkl +1 record", "notes.txt (new)", "old.pkl removed (-3 records)", "data.csv changed". */
        public String describe() {
            String name = DataNames.display(path);
            String delta = recordDelta();
            return switch (kind) {
                case ADDED -> name + (delta == null ? " (new)" : " " + delta + " (new)");
                case REMOVED -> name + (delta == null ? " removed" : " removed (" + delta + ")");
                case CHANGED -> name + (delta == null ? " changed"
                        : recordsBefore.equals(recordsNow) ? " changed (" + records(recordsNow) + ", as before)"
                        : " " + delta);
            };
        }

        private String recordDelta() {
            int before = kind == Kind.ADDED ? 0 : recordsBefore == null ? -1 : recordsBefore;
            int now = kind == Kind.REMOVED ? 0 : recordsNow == null ? -1 : recordsNow;
            if (before < 0 || now < 0) {
                return null;
            }
            int d = now - before;
            return (d >= 0 ? "+" : "-") + records(Math.abs(d));
        }

        private static String records(int n) {
            return n + (n == 1 ? " record" : " records");
        }
    }

    /**
     * What putting the folder back to snapshot {@code snapshotId} would undo; empty {@code changes} when the folder is
     * as it was then.
     *
     * @param now the snapshot of the folder taken for this preview
     */
    public record Preview(String snapshotId, String now, List<Change> changes) {
        public Preview {
            changes = List.copyOf(changes);
        }

        public boolean changesData() {
            return !changes.isEmpty();
        }

        /** "log.pkl +1 record, notes.txt (new)". */
        public String summary() {
            return String.join(", ", changes.stream().map(Change::describe).toList());
        }
    }

    /**
     * Compares the folder now with snapshot {@code snapshotId}. Takes a snapshot of the folder now (through the change
     * journal, so it costs what changed), which also keeps what the calls did should the user want it back.
     *
     * @throws UserFacingException when that snapshot is no longer kept, or the folder cannot be saved
     */
    public Preview preview(String snapshotId) throws UserFacingException {
        try {
            requireKept(snapshotId);
            Snapshot now = snapshots.takeKeeping("rewind", "Before rewinding to " + snapshotId, snapshotId);
            Map<String, SnapshotManifest.Entry> before;
            Map<String, SnapshotManifest.Entry> after;
            synchronized (snapshots) {
                before = snapshots.entries(snapshotId);
                after = snapshots.entries(now.id());
            }
            List<Change> changes = new ArrayList<>();
            TreeSet<String> paths = new TreeSet<>(Comparator.naturalOrder());
            paths.addAll(before.keySet());
            paths.addAll(after.keySet());
            for (String path : paths) {
                SnapshotManifest.Entry was = before.get(path);
                SnapshotManifest.Entry is = after.get(path);
                if (was != null && is != null && (was.sameContent(is)
                        || (SnapshotManifest.Entry.DIR.equals(was.kind()) && was.kind().equals(is.kind())))) {
                    continue;
                }
                Change.Kind kind = was == null ? Change.Kind.ADDED : is == null ? Change.Kind.REMOVED : Change.Kind.CHANGED;
                changes.add(new Change(path, kind, records(was), records(is)));
            }
            return new Preview(snapshotId, now.id(), changes);
        } catch (IOException e) {
            throw new UserFacingException("The data folder could not be compared with the snapshot taken before those "
                    + "calls (" + e.getMessage() + "); the data is left as it is.", e);
        }
    }

    /**
     * Puts the data folder back as it was in snapshot {@code snapshotId}, after a snapshot of it now (its id is in the
     * result: 'toolsmith data undo ID' brings the calls' changes back).
     */
    public DataSnapshots.Restored restore(String snapshotId) throws UserFacingException {
        try {
            requireKept(snapshotId);
            return snapshots.restore(snapshotId);
        } catch (IOException e) {
            throw new UserFacingException("The data could not be put back as it was (" + e.getMessage() + "). Check that "
                    + snapshots.tree().root() + " and the snapshots folder can be written; 'toolsmith data snapshots' "
                    + "lists what can be restored.", e);
        }
    }

    private void requireKept(String snapshotId) throws IOException, UserFacingException {
        if (!snapshots.has(snapshotId)) {
            throw new UserFacingException("The snapshot of the data taken before those calls (" + snapshotId + ") is no "
                    + "longer kept (only the newest " + DataSnapshots.KEEP + " are), so the data cannot be put back as it"
                    + " was; it is left as it is.");
        }
    }

    /** The number of records in a pickle's copy: the items of a list, tuple, set or deque, the keys of a dict. */
    private Integer records(SnapshotManifest.Entry entry) {
        if (entry == null || !entry.isFile() || entry.size() > COUNT_LIMIT || !isPickle(entry.path())
                || !SnapshotStore.validSha(entry.sha256())) {
            return null;
        }
        // A snapshot's copy, read by path: the snapshots folder is the app's own and out of the sandbox's reach.
        Path copy = snapshots.store().blob(entry.sha256());
        if (!Files.isRegularFile(copy)) {
            return null;
        }
        try {
            return count(new PickleReader(COUNT_LIMIT).read(copy)).orElse(null);
        } catch (PickleReadException e) {
            return null; // not a pickle Toolsmith can read: reported as changed, without a count
        }
    }

    static Optional<Integer> count(PyValue value) {
        if (value instanceof PyValue.PyList l) {
            return Optional.of(l.items().size());
        } else if (value instanceof PyValue.PyTuple t) {
            return Optional.of(t.items().size());
        } else if (value instanceof PyValue.PySet s) {
            return Optional.of(s.items().size());
        } else if (value instanceof PyValue.PyDeque d) {
            return Optional.of(d.items().size());
        } else if (value instanceof PyDict d) {
            return Optional.of(d.size());
        }
        return Optional.empty();
    }

    private static boolean isPickle(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        return name.endsWith(".pkl") || name.endsWith(".pickle") || name.endsWith(".p");
    }
}
