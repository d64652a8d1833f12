package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the data folder before each call and puts it back on undo. The folder is walked with {@link DataTree}
 * (links recorded as links, never read through; pipes, sockets and devices skipped); file contents go to the
 * blob store once. A snapshot is a base tree shared with other snapshots plus its own changes against it
 * (see {@link SnapshotManifest}); the latest one, kept in memory, tells by {@code lstat} alone which files must
 * be read again, and the change journal which folders must be listed again (see {@link FolderScanner}), so an
 * unchanged folder costs a small manifest. Keeps the newest {@value #KEEP}
 * snapshots and at most {@link #MAX_BLOB_BYTES} of blobs. One operation at a time.
 */
public final class DataSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(DataSnapshots.class);
    static final int KEEP = 50;
    static final long MAX_BLOB_BYTES = 1L << 30;
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DataTree tree;
    private final SnapshotStore store;
    private final int keep;
    /** A snapshot no pruning may drop while it is set: the one a restore is about to bring back. */
    private String pinned;
    private final DataQuota quota;
    private final FolderScanner scanner;
    private Instant lastTime;
    private String lastScan = "none yet";
    private SnapshotState latest;

    public DataSnapshots(java.nio.file.Path dataDir, java.nio.file.Path snapshotsDir) {
        this(dataDir, snapshotsDir, DataQuota.defaults());
    }

    public DataSnapshots(java.nio.file.Path dataDir, java.nio.file.Path snapshotsDir, DataQuota quota) {
        this(dataDir, snapshotsDir, KEEP, quota);
    }

    DataSnapshots(java.nio.file.Path dataDir, java.nio.file.Path snapshotsDir, int keep, DataQuota quota) {
        this(dataDir, snapshotsDir, keep, quota, true);
    }

    /** With {@code journal} false every snapshot walks the whole folder (tests compare the two). */
    DataSnapshots(java.nio.file.Path dataDir, java.nio.file.Path snapshotsDir, int keep, DataQuota quota,
                  boolean journal) {
        // Restoring must be able to walk a folder a call took over the quota, so the walk's own bound is wider.
        this(dataDir, snapshotsDir, keep, quota, journal, Math.max(DataTree.DEFAULT_MAX_ENTRIES, quota.maxFiles() * 2));
    }

    /** With a walk bound of {@code maxEntries} (tests reach it with a thousand files rather than a hundred thousand). */
    DataSnapshots(java.nio.file.Path dataDir, java.nio.file.Path snapshotsDir, int keep, DataQuota quota,
                  boolean journal, int maxEntries) {
        this.tree = new DataTree(dataDir, maxEntries);
        this.store = new SnapshotStore(snapshotsDir);
        this.keep = keep;
        this.quota = quota;
        this.scanner = new FolderScanner(tree, journal);
    }

    public DataTree tree() {
        return tree;
    }

    public DataQuota quota() {
        return quota;
    }

    /** The lock a caller holds while a function may change the folder (the same one {@link DataTree} uses). */
    public DataFolderLock folderLock() {
        return tree.lock();
    }

    /** Saves the data folder's current state, whatever its size. */
    public Snapshot take(String callId, String label) throws IOException, UserFacingException {
        return locked(() -> takeLocked(callId, label, false, false).snapshot());
    }

    /**
     * Saves the data folder's current state, keeping snapshot {@code keep} whatever the limits say while this one
     * is added (a rewind compares the folder now with it, then may restore it).
     */
    public Snapshot takeKeeping(String callId, String label, String keep) throws IOException, UserFacingException {
        return locked(() -> {
            pinned = keep;
            try {
                return takeLocked(callId, label, false, false).snapshot();
            } finally {
                pinned = null;
            }
        });
    }

    /** Whether snapshot {@code id} is still kept. */
    public synchronized boolean has(String id) throws IOException {
        return store.ids().contains(id);
    }

    /** The store, for readers of snapshot contents in this package (used under this object's lock). */
    SnapshotStore store() {
        return store;
    }

    /** Saves the data folder's current state after walking all of it, whatever the change journal says. */
    public Snapshot takeFull(String callId, String label) throws IOException, UserFacingException {
        return locked(() -> takeLocked(callId, label, false, true).snapshot());
    }

    /** How the latest snapshot or measure found what changed ("change journal (…)" or "full walk (why)"). */
    public synchronized String lastScan() {
        return lastScan;
    }

    /**
     * Saves the data folder before a call. Refuses (before copying anything) when the folder is over its quota,
     * and when something in it cannot be saved: the call must not run then, since it could not be undone.
     */
    public Snapshot takeBeforeCall(String callId, String label) throws IOException, UserFacingException {
        return locked(() -> takeLocked(callId, label, true, false).snapshot());
    }

    /**
     * What the folder holds now, as a sentence when it is over the quota: the previous count plus the folders the
     * change journal reports, or a walk (lstat only, nothing read).
     */
    public Optional<String> overQuota() throws IOException, UserFacingException {
        return locked(() -> {
            Optional<FolderScanner.Scan> measured = scanner.measure();
            lastScan = measured.map(FolderScanner.Scan::how).orElse("full walk (to measure the folder)");
            return measured.isPresent() ? quota.excess(measured.get().count(), measured.get().bytes())
                    : quota.excess(tree.walk());
        });
    }

    /** Snapshots, newest first. */
    public synchronized List<Snapshot> list() throws IOException, UserFacingException {
        List<Snapshot> out = new ArrayList<>();
        for (String id : store.ids()) {
            store.readable(id).ifPresent(m -> out.add(m.summary()));
        }
        return out;
    }

    public Optional<Snapshot> latest() throws IOException, UserFacingException {
        return list().stream().findFirst();
    }

    /** What a restore did: the snapshot taken just before it (to undo it) and what it removed without opening. */
    public record Restored(Snapshot safety, List<String> notes) {
    }

    /**
     * Makes the data folder identical to snapshot {@code snapshotId}: files, folders and links come back as they
     * were, entries made later are removed (links themselves, never what they point to). The whole plan is checked
     * before anything changes; a snapshot that names a path outside the folder, or a missing copy, is refused.
     * Takes a snapshot first, so this can be undone.
     */
    public Restored restore(String snapshotId) throws IOException, UserFacingException {
        return restore(snapshotId, () -> { });
    }

    /**
     * As {@link #restore(String)}; {@code whileWaiting} runs once before the restore waits for a function that is
     * still running (here or in another Toolsmith process) to finish: a restore never runs beside a call.
     */
    public Restored restore(String snapshotId, Runnable whileWaiting) throws IOException, UserFacingException {
        return locked(whileWaiting, () -> {
            SnapshotManifest manifest = store.manifest(snapshotId);
            DataRestore restore = new DataRestore(tree, store, snapshotId);
            Map<String, SnapshotManifest.Entry> wanted = restore.check(state(manifest));
            java.nio.file.Files.createDirectories(tree.root());
            // The safety snapshot may push older ones past the limits; the one being restored must survive that.
            // It is a full walk: the journal cannot see every change (writes through a memory map), and this
            // snapshot is what undoes the restore.
            pinned = snapshotId;
            Taken safety;
            try {
                safety = takeLocked("undo", "Before restoring " + snapshotId, false, true);
            } catch (DataTreeException e) {
                if (e.path() != null || !e.getMessage().equals(tree.tooMany().getMessage())) {
                    throw e;
                }
                // The state before the restore cannot be kept, so nothing is restored (an undo that could not be
                // undone would lose what is there); the sentence must not send the user back to undo.
                throw new DataTreeException(null, "The data folder " + tree.root() + " holds more than "
                        + tree.maxEntries() + " files and folders, too many to keep a copy of before restoring, so"
                        + " nothing was restored or removed. Remove the files a call made in bulk by hand (a file"
                        + " manager or 'ls' shows which folder they fill), then undo again.", e);
            } finally {
                pinned = null;
            }
            List<String> notes = restore.apply(wanted, safety.state().entries(), safety.listing().specials());
            return new Restored(safety.snapshot(), notes);
        });
    }

    /** What going from snapshot {@code fromId} to {@code toId} changes, one line per entry ("changed x.pkl"). */
    public synchronized List<String> changes(String fromId, String toId) throws IOException, UserFacingException {
        Map<String, SnapshotManifest.Entry> from = state(store.manifest(fromId));
        Map<String, SnapshotManifest.Entry> to = state(store.manifest(toId));
        List<String> out = new ArrayList<>();
        for (SnapshotManifest.Entry e : to.values().stream().sorted(Comparator.comparing(SnapshotManifest.Entry::path)).toList()) {
            SnapshotManifest.Entry before = from.get(e.path());
            if (SnapshotManifest.Entry.DIR.equals(e.kind()) && before != null) {
                continue;
            }
            if (before == null) {
                out.add("restored " + describe(e));
            } else if (!before.sameContent(e)) {
                out.add("changed " + describe(e));
            }
        }
        from.values().stream().filter(e -> !to.containsKey(e.path())).map(SnapshotManifest.Entry::path).sorted()
                .forEach(p -> out.add("removed " + DataNames.display(p)));
        return out;
    }

    private static String describe(SnapshotManifest.Entry e) {
        return switch (e.kind()) {
            case SnapshotManifest.Entry.LINK -> DataNames.display(e.path()) + " (a link to " + DataNames.display(e.target()) + ")";
            case SnapshotManifest.Entry.DIR -> DataNames.display(e.path()) + " (a folder)";
            default -> DataNames.display(e.path());
        };
    }

    /** One snapshot's result: its summary, the state it recorded and the walk it came from. */
    private record Taken(Snapshot snapshot, SnapshotState state, DataTree.Listing listing) {
    }

    private Taken takeLocked(String callId, String label, boolean beforeCall, boolean full)
            throws IOException, UserFacingException {
        long stamp = store.stamp();
        SnapshotState previous = latestState();
        FolderScanner.Scan scan = scanner.scan(previous.id(), full);
        lastScan = scan.how();
        if (beforeCall) {
            Optional<String> excess = quota.excess(scan.count(), scan.bytes());
            if (excess.isPresent()) {
                throw new DataQuotaException("Toolsmith did not run the function because " + excess.get() + ". Remove"
                        + " files from " + tree.root() + " or undo the call that added them ('toolsmith data undo',"
                        + " or Undo in the Data tab), or raise dataQuotaMb / dataQuotaFiles in Settings; then ask again.");
            }
        }
        Map<String, SnapshotManifest.Entry> now;
        List<SnapshotManifest.Entry> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        boolean stored = false;
        if (scan.full()) {
            now = new HashMap<>(scan.count() * 2);
        } else {
            // Folders the journal calls clean keep the previous snapshot's entries.
            now = new HashMap<>(previous.entries());
            for (String path : scan.gone()) {
                if (now.remove(path) != null) {
                    removed.add(path);
                }
            }
        }
        for (TreeEntry t : scan.touched()) {
            SnapshotManifest.Entry known = previous.entries().get(t.path());
            if (t.kind().special()) {
                // never opened; a restore removes it (see DataRestore)
                if (!scan.full() && now.remove(t.path()) != null) {
                    removed.add(t.path());
                }
                continue;
            }
            SnapshotManifest.Entry entry;
            if (t.kind() == TreeEntry.Kind.FILE) {
                if (known != null && !scan.forced().contains(t.path()) && known.unchanged(t, previous.stampNs())) {
                    // Entries from before modes were recorded learn theirs without the file being read again.
                    entry = known.mode() != null ? known : known.withMode(t.mode());
                } else {
                    entry = SnapshotManifest.Entry.of(t, copy(t));
                    stored = true;
                }
            } else {
                entry = SnapshotManifest.Entry.of(t, null);
            }
            now.put(t.path(), entry);
            if (!entry.equals(known)) {
                changed.add(entry);
            }
        }
        if (scan.full()) {
            for (String path : previous.entries().keySet()) {
                if (!now.containsKey(path)) {
                    removed.add(path);
                }
            }
        }
        SnapshotState state = previous.next(now, changed, removed);
        if (state.base() == null || state.deltaSize() > Math.max(256, now.size() / 8)) {
            state = state.rebased(store.writeTree(new ArrayList<>(now.values())));
        }
        String id = newId(callId);
        long files = 0;
        long bytes = 0;
        for (SnapshotManifest.Entry e : now.values()) {
            if (e.isFile()) {
                files++;
                bytes += e.size();
            }
        }
        SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.FORMAT, id, callId, label,
                lastTime, stamp, state.base(), state.sortedChanges(), state.sortedRemoved(), null, (int) files, bytes);
        store.writeManifest(manifest);
        latest = state.as(id, stamp);
        scanner.commit(id);
        store.dropLegacyIndex();
        new SnapshotPruner(store, keep, MAX_BLOB_BYTES, pinned).prune(stored || changed.size() + removed.size() > 0);
        return new Taken(manifest.summary(), latest, scan.listing());
    }

    /** Hashes and keeps one regular file, opened without following links. */
    private String copy(TreeEntry file) throws IOException, UserFacingException {
        try (FileChannel in = tree.open(file.path())) {
            return store.store(in, file.size());
        } catch (java.nio.file.FileSystemException e) {
            throw new DataTreeException(file.path(), tree.shown(file.path()) + " cannot be read ("
                    + DataTree.reason(e) + "), so the data folder cannot be saved. Remove or fix it, then try again.", e);
        }
    }

    /** The latest snapshot's state: from memory when this object wrote it, else read from disk. */
    private SnapshotState latestState() throws IOException, UserFacingException {
        List<String> ids = store.ids();
        if (ids.isEmpty()) {
            return SnapshotState.EMPTY;
        }
        if (latest != null && latest.id().equals(ids.get(0))) {
            return latest;
        }
        try {
            SnapshotManifest manifest = store.manifest(ids.get(0));
            latest = SnapshotState.of(manifest, state(manifest));
            return latest;
        } catch (IOException | UserFacingException e) {
            // Without it every file is read again and a new base tree written: slower, never impossible.
            LOG.warn("The latest snapshot cannot be read ({}); the data folder is saved in full", e.getMessage());
            return SnapshotState.EMPTY;
        }
    }

    /** Every entry of snapshot {@code id} by path. */
    synchronized Map<String, SnapshotManifest.Entry> entries(String id) throws IOException, UserFacingException {
        return state(store.manifest(id));
    }

    /** Every entry of a snapshot: its base tree with its changes applied, or a format-1 file list. */
    private Map<String, SnapshotManifest.Entry> state(SnapshotManifest manifest) throws IOException, UserFacingException {
        Map<String, SnapshotManifest.Entry> entries = new HashMap<>();
        if (manifest.legacy()) {
            if (manifest.files() != null) {
                manifest.files().forEach(e -> entries.put(e.path(), e));
            }
            return entries;
        }
        if (manifest.base() != null) {
            store.tree(manifest.base()).forEach(e -> entries.put(e.path(), e));
        }
        if (manifest.removed() != null) {
            manifest.removed().forEach(entries::remove);
        }
        if (manifest.changes() != null) {
            manifest.changes().forEach(e -> entries.put(e.path(), e));
        }
        return entries;
    }

    private String newId(String callId) throws IOException, UserFacingException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (lastTime == null) {
            List<String> ids = store.ids();
            lastTime = ids.isEmpty() ? Instant.EPOCH : ID_TIME.parse(ids.get(0).substring(0, 20), Instant::from);
        }
        if (!now.isAfter(lastTime)) {
            now = lastTime.plusMillis(1); // ids sort by time, so each snapshot gets its own millisecond
        }
        lastTime = now;
        String safe = callId == null || callId.isBlank() ? "call" : callId.replaceAll("[^A-Za-z0-9_.-]", "_");
        String base = ID_TIME.format(now) + "-" + safe;
        String id = base;
        for (int n = 2; store.exists(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private interface Step<T> {
        T run() throws IOException, UserFacingException;
    }

    /** Runs {@code step} holding the folder lock (no call changes the folder meanwhile), then this object's. */
    private <T> T locked(Step<T> step) throws IOException, UserFacingException {
        return locked(() -> { }, step);
    }

    private <T> T locked(Runnable whileWaiting, Step<T> step) throws IOException, UserFacingException {
        tree.lock().lock(whileWaiting);
        try {
            synchronized (this) {
                return step.run();
            }
        } finally {
            tree.lock().unlock();
        }
    }
}
