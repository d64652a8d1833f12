package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the newest snapshots within the count and blob-size limits and deletes what only dropped snapshots used:
 * their manifests, base trees no kept snapshot shares, and blobs no kept snapshot refers to. Costs nothing when
 * nothing is dropped and nothing new was stored.
 */
final class SnapshotPruner {
    private final SnapshotStore store;
    private final int keep;
    private final long maxBlobBytes;
    private final String pinned;

    /** @param pinned a snapshot id kept whatever the limits say (a restore's target), or null */
    SnapshotPruner(SnapshotStore store, int keep, long maxBlobBytes, String pinned) {
        this.store = store;
        this.keep = keep;
        this.maxBlobBytes = maxBlobBytes;
        this.pinned = pinned;
    }

    void prune(boolean grew) throws IOException, UserFacingException {
        List<String> ids = store.ids();
        if (ids.size() <= keep && !grew) {
            return;
        }
        List<SnapshotManifest> kept = new ArrayList<>();
        List<SnapshotManifest> dropped = new ArrayList<>();
        Set<String> counted = new HashSet<>();
        Set<String> bases = new HashSet<>();
        long total = 0;
        for (String id : ids) {
            Optional<SnapshotManifest> readable = store.readable(id);
            if (readable.isEmpty()) {
                continue; // left as it is: neither counted nor deleted
            }
            SnapshotManifest m = readable.get();
            if (m.base() != null && tree(m.base()).isEmpty()) {
                continue; // its base tree is gone: unusable, but not this pruner's to delete
            }
            boolean pin = m.id().equals(pinned);
            if (!dropped.isEmpty() && !pin) {
                dropped.add(m); // older than one that did not fit: only the newest are kept
                continue;
            }
            Map<String, Long> added = new HashMap<>();
            if (m.base() != null && !bases.contains(m.base())) {
                addFiles(tree(m.base()).orElseThrow(), counted, added);
            }
            addFiles(changesOf(m), counted, added);
            long addedBytes = added.values().stream().mapToLong(Long::longValue).sum();
            if (pin || kept.size() < keep && (kept.isEmpty() || total + addedBytes <= maxBlobBytes)) {
                kept.add(m);
                total += addedBytes;
                counted.addAll(added.keySet());
                if (m.base() != null) {
                    bases.add(m.base());
                }
            } else {
                dropped.add(m);
            }
        }
        if (!dropped.isEmpty()) {
            deleteUnused(kept, dropped, bases);
        }
    }

    private void deleteUnused(List<SnapshotManifest> kept, List<SnapshotManifest> dropped, Set<String> keptBases)
            throws IOException, UserFacingException {
        // A base entry that every kept snapshot of that base overrides is used by none of them.
        Map<String, Set<String>> overriddenByAll = new HashMap<>();
        for (SnapshotManifest m : kept) {
            if (m.base() != null) {
                Set<String> mine = new HashSet<>();
                changesOf(m).forEach(e -> mine.add(e.path()));
                if (m.removed() != null) {
                    mine.addAll(m.removed());
                }
                overriddenByAll.merge(m.base(), mine, (a, b) -> {
                    a.retainAll(b);
                    return a;
                });
            }
        }
        Set<String> referenced = new HashSet<>();
        for (String base : keptBases) {
            Set<String> overridden = overriddenByAll.getOrDefault(base, Set.of());
            for (SnapshotManifest.Entry e : tree(base).orElseThrow()) {
                if (e.isFile() && !overridden.contains(e.path())) {
                    referenced.add(e.sha256());
                }
            }
        }
        kept.forEach(m -> changesOf(m).stream().filter(SnapshotManifest.Entry::isFile).forEach(e -> referenced.add(e.sha256())));
        Set<String> candidates = new HashSet<>();
        Set<String> droppedBases = new HashSet<>();
        for (SnapshotManifest m : dropped) {
            changesOf(m).stream().filter(SnapshotManifest.Entry::isFile).forEach(e -> candidates.add(e.sha256()));
            if (m.base() != null) {
                droppedBases.add(m.base());
            }
        }
        for (String base : droppedBases) {
            tree(base).orElse(List.of()).stream().filter(SnapshotManifest.Entry::isFile)
                    .forEach(e -> candidates.add(e.sha256()));
        }
        for (SnapshotManifest m : dropped) {
            store.deleteSnapshot(m.id());
        }
        for (String sha : candidates) {
            if (!referenced.contains(sha)) {
                store.deleteBlob(sha);
            }
        }
        for (String base : droppedBases) {
            if (!keptBases.contains(base)) {
                store.deleteTree(base);
            }
        }
    }

    private Optional<List<SnapshotManifest.Entry>> tree(String base) throws IOException {
        try {
            return Optional.of(store.tree(base));
        } catch (UserFacingException | com.fasterxml.jackson.core.JacksonException e) {
            return Optional.empty();
        }
    }

    private static void addFiles(List<SnapshotManifest.Entry> entries, Set<String> counted, Map<String, Long> added) {
        for (SnapshotManifest.Entry e : entries) {
            if (e.isFile() && e.sha256() != null && !counted.contains(e.sha256())) {
                added.putIfAbsent(e.sha256(), e.size());
            }
        }
    }

    /** A snapshot's own entries: its changes, or every file for format 1. */
    static List<SnapshotManifest.Entry> changesOf(SnapshotManifest m) {
        List<SnapshotManifest.Entry> own = m.legacy() ? m.files() : m.changes();
        return own == null ? List.of() : own;
    }
}
