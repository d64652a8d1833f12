package io.toolsmith.data;

import java.util.List;

/**
 * What one call did to one entry of a data folder: a file added, removed or changed, and for a pickle file
 * holding a list, tuple, set or dict, which records were added, changed or removed.
 *
 * @param path    the entry's path in the data folder, shown with control characters escaped
 * @param summary one line for the user, such as "log.pkl: 1 record added"
 * @param records the records that changed, at most {@link DataChanges#MAX_RECORDS_SHOWN}; empty when the file is
 *                not a pickle of records or could not be read (then {@code summary} says so)
 * @param more    how many record changes are not in {@code records}
 */
public record DataChange(String path, Kind kind, String summary, List<RecordChange> records, int more) {
    public DataChange {
        records = List.copyOf(records);
    }

    public enum Kind {
        ADDED, CHANGED, REMOVED
    }

    /**
     * One record of a pickle file: a list item by its position, or a dict entry by its key.
     *
     * @param where  "#3" (the fourth item after the call) or the key as JSON
     * @param before the record before the call as compact JSON; null when added
     * @param after  the record after the call as compact JSON; null when removed
     */
    public record RecordChange(Kind kind, String where, String before, String after) {
        /** One line: "added #3: {...}", "changed "tea": 1 → 2", "removed #0: {...}". */
        public String line() {
            return switch (kind) {
                case ADDED -> "added " + where + ": " + after;
                case REMOVED -> "removed " + where + ": " + before;
                case CHANGED -> "changed " + where + ": " + before + " → " + after;
            };
        }
    }
}
