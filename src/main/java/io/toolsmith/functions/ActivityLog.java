package io.toolsmith.functions;

import io.toolsmith.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only record of every call the model made and every undo ({@code activity.jsonl}, one JSON object
 * per line).
 * Thread-safe: appends are synchronized and each entry is one write; an unreadable line is skipped, not fatal.
 */
public final class ActivityLog {
    private static final Logger LOG = LoggerFactory.getLogger(ActivityLog.class);
    private final Path file;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public ActivityLog(Path file) {
        this.file = file;
    }

    public void record(ActivityEntry entry) throws IOException {
        synchronized (this) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] line = (Json.MAPPER.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        // Outside the lock: a listener may read the log at once.
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("An activity listener failed: {}", e.toString(), e);
            }
        }
    }

    /** Calls {@code listener} after every recorded entry, on the recording thread; returns the handle that stops it. */
    public Runnable onRecord(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The last {@code n} entries, newest first. */
    public synchronized List<ActivityEntry> recent(int n) {
        if (!Files.exists(file) || n <= 0) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the activity log " + file, e);
        }
        List<ActivityEntry> entries = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && entries.size() < n; i--) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                entries.add(Json.MAPPER.readValue(line, ActivityEntry.class));
            } catch (IOException e) {
                LOG.warn("Skipping unreadable line {} of {}", i + 1, file);
            }
        }
        return Collections.unmodifiableList(entries);
    }
}
