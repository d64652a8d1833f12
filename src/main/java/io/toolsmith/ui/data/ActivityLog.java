package io.toolsmith.ui.data;

import io.toolsmith.util.UserFacingException;
import java.time.Instant;
import java.util.List;

/** Seam to the activity log (activity.jsonl). Blocking: background executor only. */
public interface ActivityLog {

    /** The latest executed calls, newest first. */
    List<Entry> recent(int limit) throws UserFacingException;

    /** Registers a callback for new entries (any thread); returns an unregister handle. */
    Runnable onChange(Runnable listener);

    /** One executed call. */
    record Entry(Instant time, String function, String arguments, String outcome, long durationMillis) {
    }
}
