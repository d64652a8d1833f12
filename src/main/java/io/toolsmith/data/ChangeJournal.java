package io.toolsmith.data;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which folders of a data folder changed since the last snapshot, from the kernel's change notifications
 * (the JDK's {@link WatchService}: inotify on Linux, one watch per folder). It is only a hint: every way it can
 * be wrong (a lost event, a watch that could not be added, a watched folder removed, this thread gone) makes
 * {@link #drain} answer empty, and the caller walks the whole folder instead.
 * <p>
 * One watch service and one daemon thread serve the whole process (an inotify instance is a scarce per-user
 * resource); each data folder has its own {@link Root} state. Thread-safe: everything below holds {@link #lock}.
 */
final class ChangeJournal {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeJournal.class);
    private static final String MARKER_PREFIX = ".toolsmith-barrier-";
    private static volatile ChangeJournal shared;

    /** Whether a name in the data folder's root is a snapshot's barrier file, made and removed by the app itself. */
    static boolean isBarrier(String name) {
        return name.startsWith(MARKER_PREFIX);
    }

    private final WatchService service;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition seen = lock.newCondition();
    private final Map<WatchKey, Watched> keys = new HashMap<>();
    private final Map<Path, Root> roots = new HashMap<>();

    private record Watched(Root root, String folder) {
    }

    /** What the journal knows about one data folder (its real path) since {@link #reset}. */
    static final class Root {
        final Path dir;
        final Set<String> folders = new HashSet<>();
        final Set<String> paths = new HashSet<>();
        boolean broken = true;
        long epoch;
        final Set<String> markers = new HashSet<>();
        String marker;
        boolean markerSeen;

        Root(Path dir) {
            this.dir = dir;
        }
    }

    /** What changed since the previous drain: folders to list again and entries (paths) that had events. */
    record Changes(long epoch, Set<String> folders, Set<String> paths) {
    }

    private ChangeJournal(WatchService service) {
        this.service = service;
        this.thread = new Thread(this::loop, "data-folder-journal");
        thread.setDaemon(true);
        thread.start();
    }

    /** The process's journal, or empty when no watch service can be had (then every snapshot walks in full). */
    static Optional<ChangeJournal> shared() {
        ChangeJournal j = shared;
        if (j == null) {
            synchronized (ChangeJournal.class) {
                j = shared;
                if (j == null) {
                    try {
                        j = new ChangeJournal(FileSystems.getDefault().newWatchService());
                        shared = j;
                    } catch (IOException | UnsupportedOperationException e) {
                        LOG.warn("No change notifications for the data folder ({}); snapshots walk it in full", e.getMessage());
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.of(j);
    }

    /**
     * Forgets everything about {@code dir} before a full walk re-registers its folders: drops its watches and
     * marks it usable again. Returns the new epoch.
     */
    long reset(Path dir) {
        lock.lock();
        try {
            Root root = roots.computeIfAbsent(dir, Root::new);
            keys.entrySet().removeIf(e -> {
                if (e.getValue().root() == root) {
                    e.getKey().cancel();
                    return true;
                }
                return false;
            });
            root.folders.clear();
            root.paths.clear();
            root.markers.clear();
            root.broken = false;
            return ++root.epoch;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Watches folder {@code folder} ({@code dir} on disk) of data folder {@code rootDir}. Called before the folder
     * is listed, so that a change made after the listing is always reported. A watch that cannot be added (the
     * per-user limit) or that the kernel already has under another name (a moved folder) breaks the journal.
     */
    void watch(Path rootDir, String folder, Path dir) {
        lock.lock();
        try {
            Root root = roots.computeIfAbsent(rootDir, Root::new);
            if (root.broken) {
                return;
            }
            WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            Watched before = keys.putIfAbsent(key, new Watched(root, folder));
            if (before != null && !(before.root() == root && before.folder().equals(folder))) {
                root.broken = true;
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("The data folder's changes cannot be followed ({}); snapshots walk it in full", e.getMessage());
            roots.get(rootDir).broken = true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the journal of {@code rootDir} lost track (until the next {@link #reset}). */
    boolean broken(Path rootDir) {
        lock.lock();
        try {
            Root root = roots.get(rootDir);
            return root == null || root.broken;
        } finally {
            lock.unlock();
        }
    }

    /** Makes the next {@link #drain} of {@code rootDir} answer empty (used when a snapshot failed halfway). */
    void breakFor(Path rootDir) {
        lock.lock();
        try {
            roots.computeIfAbsent(rootDir, Root::new).broken = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * What changed in {@code rootDir} since the previous drain, once every change made before this call has been
     * delivered; empty when the journal cannot be trusted. The barrier: a uniquely named file is created and
     * removed in the folder's root, and the answer waits (at most {@code wait}) until its creation has been seen.
     * inotify reports one instance's events in order, so everything before it has been seen by then.
     */
    Optional<Changes> drain(Path rootDir, Duration wait) {
        return changes(rootDir, wait, true);
    }

    /** What {@link #drain} would answer now, leaving it all for the next drain (to measure the folder). */
    Optional<Changes> peek(Path rootDir, Duration wait) {
        return changes(rootDir, wait, false);
    }

    private Optional<Changes> changes(Path rootDir, Duration wait, boolean consume) {
        String marker = MARKER_PREFIX + UUID.randomUUID();
        lock.lock();
        try {
            Root root = roots.get(rootDir);
            if (root == null || root.broken || !thread.isAlive()) {
                return Optional.empty();
            }
            root.marker = marker;
            root.markers.add(marker);
            root.markerSeen = false;
        } finally {
            lock.unlock();
        }
        Path file = rootDir.resolve(marker);
        try {
            Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            Files.delete(file);
        } catch (IOException e) {
            LOG.info("No change barrier in the data folder ({}); it is walked in full", e.getMessage());
            return Optional.empty();
        }
        lock.lock();
        try {
            Root root = roots.get(rootDir);
            long left = wait.toNanos();
            while (!root.markerSeen && !root.broken && left > 0) {
                left = seen.awaitNanos(left);
            }
            boolean ok = root.markerSeen && !root.broken;
            root.marker = null;
            if (!ok) {
                root.broken = true; // events may be missing from now on too: only a reset makes it usable again
                return Optional.empty();
            }
            if (!consume) {
                return Optional.of(new Changes(root.epoch + 1, Set.copyOf(root.folders), Set.copyOf(root.paths)));
            }
            Changes changes = new Changes(++root.epoch, Set.copyOf(root.folders), Set.copyOf(root.paths));
            root.folders.clear();
            root.paths.clear();
            return Optional.of(changes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = service.take();
                lock.lock();
                try {
                    boolean barrier = handle(key);
                    if (barrier) {
                        // Keys queued before the marker's event hold earlier changes: take them all before answering.
                        for (WatchKey more = service.poll(); more != null; more = service.poll()) {
                            handle(more);
                        }
                        seen.signalAll();
                    }
                } catch (RuntimeException e) {
                    // Whatever went wrong, events may have been lost: every folder is walked in full next time.
                    LOG.warn("The data folder journal lost track of changes", e);
                    roots.values().forEach(r -> r.broken = true);
                    seen.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.warn("The data folder journal stopped; snapshots walk the folder in full");
        }
    }

    /** Records one key's events; true when it carried a barrier marker. Holds {@link #lock}. */
    private boolean handle(WatchKey key) {
        Watched watched = keys.get(key);
        boolean barrier = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (watched == null) {
                continue; // a watch dropped by a reset
            }
            Root root = watched.root();
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                root.broken = true;
                barrier = true; // wakes a waiting drain: it must give up rather than wait out its time
                continue;
            }
            String name = event.context() instanceof Path p ? p.toString() : null;
            if (watched.folder().isEmpty() && name != null && root.markers.contains(name)) {
                // Only the exact names this journal made (random, made while no function runs) are skipped.
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && name.equals(root.marker)) {
                    root.markerSeen = true;
                    barrier = true;
                } else if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
                    root.markers.remove(name);
                }
                continue;
            }
            root.folders.add(watched.folder());
            if (name != null) {
                root.paths.add(watched.folder().isEmpty() ? name : watched.folder() + "/" + name);
            }
        }
        if (!key.reset() && watched != null) {
            // The folder itself is gone or replaced: its parent's listing shows it, but a removed folder is a
            // reason to walk in full anyway, and nothing more will come through this watch.
            keys.remove(key);
            watched.root().broken = true;
            barrier = true;
        }
        return barrier;
    }
}
