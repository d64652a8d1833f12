package io.toolsmith.ui.engine;

import io.toolsmith.functions.ActivityEntry;
import io.toolsmith.ui.data.ActivityLog;
import java.util.List;

/** The activity list over activity.jsonl, newest first; refreshed after every call. Background executor only. */
public final class EngineActivity implements ActivityLog {
    private final io.toolsmith.functions.ActivityLog log;
    private final ChangeSignal changes;

    EngineActivity(io.toolsmith.functions.ActivityLog log, ChangeSignal changes) {
        this.log = log;
        this.changes = changes;
    }

    @Override
    public List<Entry> recent(int limit) {
        List<ActivityEntry> entries = new java.util.ArrayList<>(log.recent(limit));
        entries.sort(java.util.Comparator.comparing(ActivityEntry::time).reversed());
        return entries.stream().map(e -> new Entry(e.time(), e.function(),
                e.arguments() == null ? "" : e.arguments().toString(),
                e.ok() ? e.outcome() : e.outcome() + (e.errorName() == null ? "" : " (" + e.errorName() + ")"),
                e.durationMs())).toList();
    }

    @Override
    public Runnable onChange(Runnable listener) {
        return changes.add(listener);
    }
}
