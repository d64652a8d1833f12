package io.toolsmith.data;

import java.time.Instant;

/** A file in the data folder: name relative to the folder, size in bytes, last change and kind. */
public record DataFile(String name, long size, Instant modified, Kind kind) {
    public enum Kind { PICKLE, JSON, CSV, TEXT, OTHER }
}
