package io.toolsmith.ui.data;

import io.toolsmith.util.UserFacingException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Seam to the engine's data package: the pickle files in the data folder, their contents, and
 * the snapshots taken before each call. Blocking: called on the background executor; failures
 * are {@link io.toolsmith.util.UserFacingException}s ("data/expenses.pkl is damaged at byte 212 …").
 */
public interface DataBrowser {

    /** Every entry but folders, regular files and the others alike (links, pipes, sockets, devices), by path. */
    List<DataFile> files() throws UserFacingException;

    /** The file's contents, shaped for display (a table for a list of records, else a tree). */
    DataContent read(String relativePath) throws UserFacingException;

    /** Writes the file's contents as JSON or CSV (by {@code target}'s suffix). */
    void export(String relativePath, Path target) throws UserFacingException;

    /** Snapshots, newest first. */
    List<Snapshot> snapshots() throws UserFacingException;

    /** Puts the data folder back as it was before the snapshot's call. */
    void undo(String snapshotId) throws UserFacingException;

    /** Registers a callback for changes in the data folder (any thread); returns an unregister handle. */
    Runnable onChange(Runnable listener);

    /**
     * An entry of the data folder other than a folder. {@code kind} is null for a regular file; for the others
     * (never opened) it says what they are: "link to x (not followed)", "named pipe (never opened)".
     */
    record DataFile(String relativePath, long sizeBytes, Instant modified, String kind) {
        public DataFile(String relativePath, long sizeBytes, Instant modified) {
            this(relativePath, sizeBytes, modified, null);
        }

        public boolean regular() {
            return kind == null;
        }
    }

    /** Data as it was before one call. */
    record Snapshot(String id, Instant taken, String function, String callId) {
    }
}
