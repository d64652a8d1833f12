package io.toolsmith.data;

import java.time.Instant;
import java.util.List;

/** manifest.json of a snapshot: what it is and every file of the data folder then, by content hash. */
record SnapshotManifest(String id, String callId, String label, Instant time, List<Entry> files) {

    /** A file at {@code path} (relative, '/'-separated) with its size, modification time (ms) and SHA-256. */
    record Entry(String path, long size, long modified, String sha256) {
    }

    Snapshot summary() {
        return new Snapshot(id, time, callId, label, files.size(), files.stream().mapToLong(Entry::size).sum());
    }
}
