package io.toolsmith.data;

import java.util.Locale;
import java.util.Optional;

/**
 * How much the functions may keep in the data folder: bytes of regular files and entries of any kind (folders,
 * links and pipes cost the file system too). Checked before each call, from the walk the snapshot makes anyway,
 * and after it.
 */
public record DataQuota(long maxBytes, int maxFiles) {
    public static final int DEFAULT_MB = 1024;
    public static final int DEFAULT_FILES = 10_000;

    public static DataQuota defaults() {
        return ofMegabytes(DEFAULT_MB, DEFAULT_FILES);
    }

    public static DataQuota ofMegabytes(long megabytes, int files) {
        return new DataQuota(megabytes * 1024 * 1024, files);
    }

    /** A sentence saying by how much {@code listing} is over the quota, or empty when it is within it. */
    public Optional<String> excess(DataTree.Listing listing) {
        return excess(listing.count(), listing.bytes());
    }

    /** The same for a folder of {@code count} entries holding {@code bytes} in regular files. */
    public Optional<String> excess(int count, long bytes) {
        if (bytes <= maxBytes && count <= maxFiles) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the data folder holds %s in %,d files and folders, over its quota"
                + " of %s and %,d entries", size(bytes), count, size(maxBytes), maxFiles));
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%,d bytes", bytes);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
