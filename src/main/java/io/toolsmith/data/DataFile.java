package io.toolsmith.data;

import java.time.Instant;

/**
 * A regular file in the data folder: its exact name relative to the folder (names joined by '/'; show it with
 * {@link #displayName()}), size in bytes, last change and kind.
 */
public record DataFile(String name, long size, Instant modified, Kind kind) {
    public enum Kind { PICKLE, JSON, CSV, TEXT, OTHER }

    /** The name with control characters escaped, for a terminal or a list. */
    public String displayName() {
        return DataNames.display(name);
    }
}
