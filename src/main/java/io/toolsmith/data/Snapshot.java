package io.toolsmith.data;

import java.time.Instant;

/** One saved state of the data folder, taken before a call ran (or before a restore). */
public record Snapshot(String id, Instant time, String callId, String label, int files, long bytes) {
}
