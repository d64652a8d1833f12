package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds what a snapshot must look at: the whole folder (a full walk), or, when the {@link ChangeJournal} can be
 * trusted, only the folders it reports as changed, listed and {@code lstat}ed exactly as the walk does, with the
 * other folders' entries taken from the previous scan. A scan is only a proposal until {@link #commit}: a snapshot
 * that fails after scanning leaves the next one to walk in full, so no reported change is ever dropped.
 * <p>
 * Walks in full: the first time, when the journal is missing or broken (lost events, a watch it could not add,
 * no barrier), when a folder was removed, replaced or moved, while any file has a second name (a hard link: a
 * write through one name is reported in that name's folder only), when asked (before a restore), every
 * {@value #FULL_EVERY}th scan and after {@link #FULL_AFTER} (a safety net for changes the kernel does not report,
 * such as writes through a memory map). Not thread-safe: the snapshots hold the folder lock.
 */
final class FolderScanner {
    static final int FULL_EVERY = 20;
    static final Duration FULL_AFTER = Duration.ofMinutes(10);
    private static final Duration BARRIER_WAIT = Duration.ofSeconds(2);

    /**
     * What one scan found. A full scan has every entry in {@code touched} (and its {@code listing}); a journal scan
     * has the entries of the changed folders, the paths gone from them and the paths that had events
     * ({@code forced}: read again whatever lstat says). {@code count} and {@code bytes} are the whole folder's.
     */
    record Scan(boolean full, String how, List<TreeEntry> touched, Set<String> gone, Set<String> forced,
                DataTree.Listing listing, int count, long bytes, Index index) {
    }

    record Index(Path top, Map<String, Map<String, TreeEntry>> folders, int count, long bytes,
                         boolean sharedFiles, long epoch) {
    }

    private final DataTree tree;
    private final boolean useJournal;
    private Index index;
    private Index proposed;
    private String committedId;
    private int sinceFull;
    /** Full walks left without the journal, after one whose watches could not all be added. */
    private int unwatched;
    private long fullAtNanos;

    FolderScanner(DataTree tree, boolean useJournal) {
        this.tree = tree;
        this.useJournal = useJournal;
    }

    /**
     * Scans the folder for a snapshot whose previous one (in this process) is {@code previousId}; walks in full
     * when {@code full} is set or the previous snapshot is not the one this scanner last committed.
     */
    Scan scan(String previousId, boolean full) throws IOException, UserFacingException {
        Index last = index;
        index = null; // until commit: a failed snapshot must not leave a journal state that skipped changes
        proposed = null;
        Optional<ChangeJournal> journal = useJournal && unwatched == 0 ? ChangeJournal.shared() : Optional.empty();
        if (unwatched > 0) {
            unwatched--; // the watches failed last time: walk without them for a while rather than fail each time
        }
        String why = full ? "asked for a full walk"
                : journal.isEmpty() ? "no change notifications"
                : last == null ? "no earlier scan in this process"
                : previousId == null || !previousId.equals(committedId) ? "the latest snapshot was made elsewhere"
                : last.sharedFiles() ? "a file has more than one name"
                : sinceFull + 1 >= FULL_EVERY ? "every " + FULL_EVERY + "th snapshot walks in full"
                : System.nanoTime() - fullAtNanos > FULL_AFTER.toNanos() ? "the last full walk is over "
                        + FULL_AFTER.toMinutes() + " minutes old"
                : null;
        if (why == null) {
            Path top = tree.realRoot();
            Optional<ChangeJournal.Changes> changes = top != null && top.equals(last.top())
                    ? journal.get().drain(top, BARRIER_WAIT) : Optional.empty();
            if (changes.isEmpty() || changes.get().epoch() != last.epoch() + 1) {
                why = "the change journal cannot be trusted";
            } else {
                Scan scan = partial(last, changes.get(), journal.get());
                if (scan != null) {
                    proposed = scan.index();
                    sinceFull++;
                    return scan;
                }
                why = "a folder was removed, replaced or moved, or a file has more than one name";
            }
        }
        return full(why, journal);
    }

    /**
     * How many entries and bytes the folder holds now, from the journal without consuming it (the next snapshot
     * still sees every change); empty when only a full walk can tell.
     */
    Optional<Scan> measure() throws IOException, UserFacingException {
        Index last = index;
        Optional<ChangeJournal> journal = useJournal ? ChangeJournal.shared() : Optional.empty();
        if (last == null || journal.isEmpty() || last.sharedFiles()) {
            return Optional.empty();
        }
        Path top = tree.realRoot();
        Optional<ChangeJournal.Changes> changes = top != null && top.equals(last.top())
                ? journal.get().peek(top, BARRIER_WAIT) : Optional.empty();
        if (changes.isEmpty() || changes.get().epoch() != last.epoch() + 1) {
            return Optional.empty();
        }
        Scan scan = partial(last, changes.get(), journal.get());
        return Optional.ofNullable(scan);
    }

    /** Makes the last scan the base of the next one: the snapshot {@code id} recorded everything it reported. */
    void commit(String id) {
        if (proposed != null) {
            index = proposed;
            committedId = id;
            proposed = null;
        }
    }

    private Scan full(String why, Optional<ChangeJournal> journal) throws IOException, UserFacingException {
        Path top = tree.realRoot();
        long epoch = top != null && journal.isPresent() ? journal.get().reset(top) : -1;
        DataTree.Watcher watcher = journal.isPresent() && top != null
                ? (t, folder, dir) -> journal.get().watch(t, folder, dir) : DataTree.Watcher.NONE;
        DataTree.Listing listing = tree.walk("", watcher, 0);
        if (epoch >= 0 && journal.get().broken(top)) {
            unwatched = FULL_EVERY;
        }
        Map<String, Map<String, TreeEntry>> folders = new HashMap<>();
        folders.put("", new HashMap<>());
        boolean shared = false;
        for (TreeEntry e : listing.entries()) {
            folders.computeIfAbsent(parent(e.path()), p -> new HashMap<>()).put(e.name(), e);
            if (e.kind() == TreeEntry.Kind.DIRECTORY) {
                folders.computeIfAbsent(e.path(), p -> new HashMap<>());
            }
            shared |= e.sharedFile();
        }
        proposed = top == null || epoch < 0 ? null
                : new Index(top, folders, listing.count(), listing.bytes(), shared, epoch);
        sinceFull = 0;
        fullAtNanos = System.nanoTime();
        return new Scan(true, "full walk (" + why + ")", listing.entries(), Set.of(), Set.of(), listing,
                listing.count(), listing.bytes(), proposed);
    }

    /** The scan from the journal's changes, or null when only a full walk can be trusted. */
    private Scan partial(Index last, ChangeJournal.Changes changes, ChangeJournal journal)
            throws IOException, UserFacingException {
        Map<String, Map<String, TreeEntry>> folders = new HashMap<>(last.folders());
        List<TreeEntry> touched = new ArrayList<>();
        Set<String> gone = new TreeSet<>();
        int count = last.count();
        long bytes = last.bytes();
        DataTree.Watcher watcher = (t, folder, dir) -> journal.watch(t, folder, dir);
        // Sorted, so a folder comes before the folders in it.
        for (String folder : new TreeSet<>(changes.folders())) {
            Map<String, TreeEntry> before = folders.get(folder);
            if (before == null) {
                return null; // a folder it does not know: something moved
            }
            Map<String, TreeEntry> now = new HashMap<>();
            for (TreeEntry e : tree.list(folder, 0)) {
                now.put(e.name(), e);
            }
            for (TreeEntry old : before.values()) {
                TreeEntry current = now.get(old.name());
                if (old.kind() == TreeEntry.Kind.DIRECTORY && (current == null
                        || current.kind() != TreeEntry.Kind.DIRECTORY || current.inode() != old.inode())) {
                    return null; // a folder removed or replaced: its watches and entries below are stale
                }
                if (current == null) {
                    gone.add(old.path());
                    count--;
                    bytes -= size(old);
                }
            }
            for (TreeEntry e : now.values()) {
                TreeEntry old = before.get(e.name());
                if (e.sharedFile()) {
                    return null;
                }
                count += old == null ? 1 : 0;
                bytes += size(e) - (old == null ? 0 : size(old));
                touched.add(e);
                if (e.kind() == TreeEntry.Kind.DIRECTORY && (old == null || old.kind() != TreeEntry.Kind.DIRECTORY)) {
                    // New: watched before it is listed, then walked whole (files may predate the watch).
                    folders.put(e.path(), new HashMap<>());
                    for (TreeEntry below : tree.walk(e.path(), watcher, count).entries()) {
                        if (below.sharedFile()) {
                            return null;
                        }
                        folders.get(parent(below.path())).put(below.name(), below);
                        if (below.kind() == TreeEntry.Kind.DIRECTORY) {
                            folders.put(below.path(), new HashMap<>());
                        }
                        touched.add(below);
                        count++;
                        bytes += size(below);
                    }
                }
            }
            folders.put(folder, now);
        }
        if (count > tree.maxEntries()) {
            throw tree.tooMany();
        }
        return new Scan(false, "change journal (" + changes.folders().size() + " folder(s) listed again)", touched,
                gone, changes.paths(), null, count, bytes,
                new Index(last.top(), folders, count, bytes, false, changes.epoch()));
    }

    private static long size(TreeEntry e) {
        return e.kind() == TreeEntry.Kind.FILE ? e.size() : 0;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
