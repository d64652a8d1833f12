package io.toolsmith.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot's entries held in memory, with how they are stored: the base tree and the changes and removed
 * paths against it. The latest one serves as the index that decides which files must be read again.
 *
 * @param stampNs the file-system time when the snapshot began; entries changed before it can be trusted by lstat
 */
record SnapshotState(String id, long stampNs, String base, Map<String, SnapshotManifest.Entry> entries,
                     Map<String, SnapshotManifest.Entry> changes, Set<String> removed) {

    static final SnapshotState EMPTY = new SnapshotState(null, 0, null, Map.of(), Map.of(), Set.of());

    static SnapshotState of(SnapshotManifest manifest, Map<String, SnapshotManifest.Entry> entries) {
        if (manifest.legacy()) {
            return new SnapshotState(manifest.id(), 0, null, entries, Map.of(), Set.of());
        }
        Map<String, SnapshotManifest.Entry> changes = new HashMap<>();
        if (manifest.changes() != null) {
            manifest.changes().forEach(e -> changes.put(e.path(), e));
        }
        Set<String> removed = manifest.removed() == null ? Set.of() : new HashSet<>(manifest.removed());
        return new SnapshotState(manifest.id(), manifest.stampNs() == null ? 0 : manifest.stampNs(), manifest.base(),
                entries, changes, removed);
    }

    /** The state after a walk found {@code changed} entries and {@code gone} paths: the delta grows by those. */
    SnapshotState next(Map<String, SnapshotManifest.Entry> now, List<SnapshotManifest.Entry> changed, List<String> gone) {
        if (changed.isEmpty() && gone.isEmpty()) {
            return new SnapshotState(null, 0, base, now, changes, removed);
        }
        Map<String, SnapshotManifest.Entry> nextChanges = new HashMap<>(changes);
        Set<String> nextRemoved = new HashSet<>(removed);
        for (SnapshotManifest.Entry e : changed) {
            nextChanges.put(e.path(), e);
            nextRemoved.remove(e.path());
        }
        for (String path : gone) {
            nextChanges.remove(path);
            nextRemoved.add(path);
        }
        return new SnapshotState(null, 0, base, now, nextChanges, nextRemoved);
    }

    SnapshotState rebased(String tree) {
        return new SnapshotState(id, stampNs, tree, entries, Map.of(), Set.of());
    }

    SnapshotState as(String newId, long newStamp) {
        return new SnapshotState(newId, newStamp, base, entries, changes, removed);
    }

    int deltaSize() {
        return changes.size() + removed.size();
    }

    List<SnapshotManifest.Entry> sortedChanges() {
        List<SnapshotManifest.Entry> out = new ArrayList<>(changes.values());
        out.sort(Comparator.comparing(SnapshotManifest.Entry::path));
        return out;
    }

    List<String> sortedRemoved() {
        return removed.stream().sorted().toList();
    }
}
