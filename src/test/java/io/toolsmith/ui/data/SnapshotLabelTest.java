package io.toolsmith.ui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SnapshotLabelTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    private static final Instant TAKEN = Instant.parse("2026-11-29T08:32:00Z"); // 14:02 in Kolkata

    @Test
    void aSnapshotBeforeACallNamesTheTimeFirstThenTheFunction() {
        var s = new DataBrowser.Snapshot("20261129T083200.000Z-1", TAKEN, "log_ride", "call_7");
        assertEquals("14:02 · Before calling log_ride", SnapshotLabel.of(s, ZONE, LocalDate.of(2026, 11, 29)));
        assertEquals("29 Nov 14:02 · Before calling log_ride", SnapshotLabel.of(s, ZONE, LocalDate.of(2026, 11, 30)));
    }

    @Test
    void theSnapshotAnUndoTakesSaysSoInsteadOfTheRestoredId() {
        var s = new DataBrowser.Snapshot("20261129T083500.000Z-1", TAKEN.plusSeconds(180),
                "Before restoring 20261129T075555.806Z-1", "undo");
        assertEquals("14:05 · Before undo", SnapshotLabel.of(s, ZONE, LocalDate.of(2026, 11, 29)));
    }

    @Test
    void theSnapshotTakenBeforeAReplaceNamesTheFile() {
        var s = new DataBrowser.Snapshot("20261129T083500.000Z-1", TAKEN, "replacing notes.csv",
                io.toolsmith.data.DataImport.REPLACE_SNAPSHOT);
        assertEquals("14:02 · Before replacing notes.csv", SnapshotLabel.of(s, ZONE, LocalDate.of(2026, 11, 29)));
    }
}
