package io.toolsmith.ui.data;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A snapshot as people name it: "14:02 · Before calling log_ride", "14:05 · Before undo" (with the day when it was
 * not today). The engine labels the snapshot an undo takes with the id of the one restored, which says nothing here.
 */
public final class SnapshotLabel {
    /** The call id the engine gives the snapshot taken before an undo. */
    static final String UNDO_CALL = "undo";
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("d MMM HH:mm");

    private SnapshotLabel() {
    }

    public static String of(DataBrowser.Snapshot s, ZoneId zone, LocalDate today) {
        var taken = s.taken().atZone(zone);
        String when = (taken.toLocalDate().equals(today) ? TODAY : EARLIER).format(taken);
        // the time first: it tells two snapshots of the same function apart and must not be cut off at the end
        return when + " · " + what(s);
    }

    /** "Before calling log_ride", "Before undo", or "Before replacing notes.csv". */
    public static String what(DataBrowser.Snapshot s) {
        if (UNDO_CALL.equals(s.callId())) {
            return "Before undo";
        }
        if (io.toolsmith.data.DataImport.REPLACE_SNAPSHOT.equals(s.callId()) && s.function() != null) {
            return "Before " + s.function(); // "Before replacing notes.csv"
        }
        return s.function() == null || s.function().isBlank() ? "Before a call" : "Before calling " + s.function();
    }
}
