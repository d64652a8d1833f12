package io.toolsmith.ui.data;

import io.toolsmith.functions.ActivityEntry;
import java.util.List;

/**
 * What the Activity tab reads: the newest entries of the engine's log, and a signal when one is added. A seam so
 * the tab can be tested and benchmarked with entries in memory; the app passes the engine's log.
 */
public interface ActivityFeed {
    ActivityFeed EMPTY = new ActivityFeed() {
        @Override
        public List<ActivityEntry> recent(int limit) {
            return List.of();
        }

        @Override
        public Runnable onRecord(Runnable listener) {
            return () -> { };
        }
    };

    /** Up to {@code limit} entries, oldest first. Called on a background thread: it may read a file. */
    List<ActivityEntry> recent(int limit);

    /** Tells {@code listener} after each new entry, on any thread; returns what stops it. */
    Runnable onRecord(Runnable listener);
}
