package io.toolsmith.data;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the data folder (not its subfolders) on one daemon thread and tells listeners what changed,
 * debounced: events are collected until the folder has been quiet for the debounce time, then one
 * {@link DataChange} is sent. Listeners are called on the watcher thread (or the caller's, for
 * {@link #refresh()}); a UI must hop to its own thread.
 */
public final class DataWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataWatcher.class);

    /** Names (relative to the folder) that were created, changed or deleted; empty after {@link #refresh()}. */
    public record DataChange(Path dir, Set<String> names) {
    }

    private final Path dir;
    private final Duration debounce;
    private final List<Consumer<DataChange>> listeners = new CopyOnWriteArrayList<>();
    private WatchService service;
    private Thread thread;

    public DataWatcher(Path dir, Duration debounce) {
        this.dir = dir;
        this.debounce = debounce;
    }

    public void addListener(Consumer<DataChange> listener) {
        listeners.add(listener);
    }

    public synchronized void start() throws IOException {
        if (thread != null) {
            return;
        }
        java.nio.file.Files.createDirectories(dir);
        service = FileSystems.getDefault().newWatchService();
        dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        WatchService watching = service;
        thread = new Thread(() -> loop(watching), "data-folder-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Tells listeners to reload, e.g. after a call ran, without waiting for file events. */
    public void refresh() {
        fire(new DataChange(dir, Set.of()));
    }

    private void loop(WatchService watching) {
        try {
            while (true) {
                WatchKey key = watching.take();
                Set<String> names = new TreeSet<>();
                boolean unnamed = false;
                while (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (!(event.context() instanceof Path p)) {
                            unnamed = true; // an overflow: anything may have changed
                        } else if (!ChangeJournal.isBarrier(p.toString())) {
                            names.add(p.toString());
                        }
                    }
                    key.reset();
                    // Debounce: keep collecting until nothing arrives for the debounce time.
                    key = watching.poll(debounce.toMillis(), TimeUnit.MILLISECONDS);
                }
                // The barrier file every snapshot makes and removes is no change of the data: no reload for it.
                if (unnamed || !names.isEmpty()) {
                    fire(new DataChange(dir, names));
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the thread ends
        }
    }

    private void fire(DataChange change) {
        for (Consumer<DataChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("A data folder listener failed", e);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (service != null) {
            service.close();
            service = null;
        }
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }
}
