package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityLogTest {
    @TempDir
    Path home;

    @Test
    void entriesAreAppendedAndReadBackNewestFirst() throws Exception {
        Path file = home.resolve("activity.jsonl");
        ActivityLog log = new ActivityLog(file);
        Instant t0 = Instant.parse("2025-07-07T10:00:00Z");
        log.record(new ActivityEntry(t0, "1", "record_expense", "record_expense",
                Json.MAPPER.readTree("{\"amount\": 300.0, \"category\": \"Travel\"}"), ActivityEntry.OK, null, 42,
                "abc123"));
        log.record(new ActivityEntry(t0.plusSeconds(5), "2", "record_expense", "record_expense",
                Json.MAPPER.readTree("{\"date\": \"7th July\"}"), ActivityEntry.ERROR, "InvalidDateError", 7,
                "abc123"));
        Files.writeString(file, "not json\n", StandardOpenOption.APPEND);
        log.record(new ActivityEntry(t0.plusSeconds(9), "3", "list_expenses", "record_expense",
                Json.MAPPER.createObjectNode(), ActivityEntry.OK, null, 3, "def456"));

        assertEquals(4, Files.readAllLines(file).size(), "one line per call");
        List<ActivityEntry> recent = new ActivityLog(file).recent(2);
        assertEquals(List.of("3", "2"), recent.stream().map(ActivityEntry::callId).toList());
        ActivityEntry failed = recent.get(1);
        assertFalse(failed.ok());
        assertEquals("InvalidDateError", failed.errorName());
        assertEquals(7, failed.durationMs());
        assertEquals(t0.plusSeconds(5), failed.time());
        assertEquals("7th July", failed.arguments().path("date").asText());

        List<ActivityEntry> all = log.recent(10);
        assertEquals(3, all.size(), "the unreadable line is skipped");
        ActivityEntry first = all.get(2);
        assertTrue(first.ok());
        assertNull(first.errorName());
        assertEquals(300.0, first.arguments().path("amount").asDouble());
        assertEquals("abc123", first.approvalHash());
        assertTrue(Files.readString(file).contains("\"time\":\"2025-07-07T10:00:00Z\""));
    }

    @Test
    void listenersHearEachRecordedEntryAfterItCanBeRead() throws Exception {
        ActivityLog log = new ActivityLog(home.resolve("activity.jsonl"));
        List<Integer> seen = new java.util.ArrayList<>();
        Runnable stop = log.onRecord(() -> seen.add(log.recent(10).size()));
        ActivityEntry entry = new ActivityEntry(Instant.parse("2025-07-07T10:00:00Z"), "1", "f", "f",
                Json.MAPPER.createObjectNode(), ActivityEntry.OK, null, 1, "h");
        log.record(entry);
        log.record(entry);
        stop.run();
        log.record(entry);
        assertEquals(List.of(1, 2), seen);
    }

    @Test
    void missingLogIsEmpty() {
        assertTrue(new ActivityLog(home.resolve("none.jsonl")).recent(5).isEmpty());
    }
}
