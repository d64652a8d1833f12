package io.toolsmith.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The data folder as an untrusted tree. Functions write it from inside the sandbox, so every name, link, kind
 * and size in it may be hostile. This is the only way the app walks it or opens a file in it:
 * <ul>
 *   <li>links are never followed: entries are read with {@code lstat}, a link is reported with its target text,
 *       a file is opened with {@code O_NOFOLLOW} after every folder above it was checked to be a real folder;</li>
 *   <li>named pipes, sockets and devices are never opened (opening a pipe blocks), only reported;</li>
 *   <li>names are kept exactly (see {@link DataNames}); a name Java cannot give back byte for byte is refused;</li>
 *   <li>the walk stops with a sentence past {@code maxEntries}.</li>
 * </ul>
 * Checks and opens are separate system calls, so they are only sound while no function runs: callers that
 * run functions hold {@link #lock()} for the call, and everything here that opens files takes it too.
 */
public final class DataTree {
    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    /**
     * What to do about a name Java cannot give back: a name that is not UTF-8 is renamed by the sandbox after each
     * call, so one seen here was made otherwise; under a locale that is not UTF-8 even valid names are lost.
     */
    private static final String UNREADABLE_NAME_ADVICE = java.nio.charset.StandardCharsets.UTF_8.name()
            .equalsIgnoreCase(System.getProperty("sun.jnu.encoding")) ? "Rename or remove it."
            : "Rename or remove it, or start Toolsmith in a UTF-8 locale (for example with LC_CTYPE=C.UTF-8).";
    private static final String STAT = "unix:mode,ino,size,lastModifiedTime,ctime,nlink";
    private final Path root;
    /**
     * How long a listing or a read waits for another holder of the folder lock. A few seconds: another listing or
     * reading of this process (the Data tab reloads while an undo's own reload runs) ends in that time; a function's
     * call usually does not, and then the sentence says why.
     */
    public static final Duration BUSY_WAIT = Duration.ofSeconds(3);
    private final int maxEntries;
    private final Duration busyWait;
    private DataFolderLock lock;

    public DataTree(Path root) {
        this(root, DEFAULT_MAX_ENTRIES);
    }

    public DataTree(Path root, int maxEntries) {
        this(root, maxEntries, BUSY_WAIT);
    }

    /** With {@code busyWait} in place of {@link #BUSY_WAIT}. */
    public DataTree(Path root, int maxEntries, Duration busyWait) {
        this.root = root.toAbsolutePath().normalize();
        this.maxEntries = maxEntries;
        this.busyWait = busyWait;
    }

    public Path root() {
        return root;
    }

    /**
     * Held while a function may change the folder, and while the app lists, reads or writes it; shared by every
     * thread and every Toolsmith process using this folder (see {@link DataFolderLock}). Reentrant.
     */
    public synchronized DataFolderLock lock() {
        if (lock == null) {
            lock = DataFolderLock.of(root);
        }
        return lock;
    }

    /**
     * Everything in the folder, folders before their contents, in no particular order within a folder: only lstat
     * and directory reads, never an open of a file. Refused with a sentence while a function runs (it holds the
     * lock): a folder checked by lstat could otherwise be swapped for a link (its names would be listed) or for a
     * named pipe, whose open to list it would wait for ever.
     */
    public Listing walk() throws IOException, DataTreeException {
        acquire(null);
        try {
            return walk("", Watcher.NONE, 0);
        } finally {
            lock().unlock();
        }
    }

    /** Told about each folder just before it is listed (to watch it, so no change after the listing is missed). */
    interface Watcher {
        Watcher NONE = (top, folder, dir) -> { };

        void beforeListing(Path top, String folder, Path dir);
    }

    /**
     * Everything below folder {@code start} ("" for the whole folder), as {@link #walk()} finds it; every folder
     * above {@code start} must be a real folder. {@code counted} entries elsewhere count against the entry limit.
     */
    Listing walk(String start, Watcher watcher, int counted) throws IOException, DataTreeException {
        Path top = top();
        List<TreeEntry> entries = new ArrayList<>();
        if (top == null) {
            if (!start.isEmpty()) {
                throw new DataTreeException(start, "The data folder " + root + " does not exist.");
            }
            return new Listing(entries);
        }
        Deque<String> folders = new ArrayDeque<>();
        folders.push(start);
        while (!folders.isEmpty()) {
            String folder = folders.pop();
            Path dir = folder.isEmpty() ? top : folder.equals(start) ? folder(start) : top.resolve(folder);
            watcher.beforeListing(top, folder, dir);
            for (TreeEntry entry : children(folder, dir, counted + entries.size())) {
                entries.add(entry);
                if (entry.kind() == TreeEntry.Kind.DIRECTORY) {
                    folders.push(entry.path());
                }
            }
        }
        return new Listing(entries);
    }

    /** The entries directly in folder {@code folder}, which must be a real folder below real folders. */
    List<TreeEntry> list(String folder, int counted) throws IOException, DataTreeException {
        Path top = top();
        if (top == null) {
            throw new DataTreeException(folder, "The data folder " + root + " does not exist.");
        }
        return children(folder, folder.isEmpty() ? top : folder(folder), counted);
    }

    /** The real data folder (where the snapshots' change journal watches), or null when it does not exist. */
    Path realRoot() throws IOException {
        return top();
    }

    private List<TreeEntry> children(String folder, Path dir, int counted) throws IOException, DataTreeException {
        List<TreeEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                String path = folder.isEmpty() ? name : folder + "/" + name;
                if (!sameBytes(dir, name, child)) {
                    String exact = root + "/" + (folder.isEmpty() ? "" : DataNames.display(folder) + "/")
                            + DataNames.displayRaw(child);
                    throw new DataTreeException(path, exact + " has a name that is not valid text in this"
                            + " system's encoding, so Toolsmith cannot keep or restore it. " + UNREADABLE_NAME_ADVICE);
                }
                if (counted + entries.size() >= maxEntries) {
                    throw tooMany();
                }
                entries.add(stat(child, path));
            }
        } catch (AccessDeniedException e) {
            throw new DataTreeException(folder, (folder.isEmpty() ? "The data folder " + root : shown(folder))
                    + " cannot be listed (permission denied). Fix its permissions or remove it.", e);
        } catch (java.nio.file.FileSystemException e) {
            // Moved, removed or replaced between being seen and being listed: something else changes the folder.
            throw new DataTreeException(folder, (folder.isEmpty() ? "The data folder " + root : shown(folder))
                    + " changed while Toolsmith listed it (" + reason(e) + "); try again.", e);
        }
        return entries;
    }

    DataTreeException tooMany() {
        return new DataTreeException(null, "The data folder " + root + " holds more than " + maxEntries
                + " files and folders, more than Toolsmith looks at. Remove files from it (or undo the"
                + " call that made them), then try again.");
    }

    int maxEntries() {
        return maxEntries;
    }

    /** Folder {@code path} on disk, after checking with lstat that it and every folder above it is a real folder. */
    private Path folder(String path) throws IOException, DataTreeException {
        Path dir = parentFolder(path).resolve(last(path));
        TreeEntry entry = stat(dir, path);
        if (entry.kind() != TreeEntry.Kind.DIRECTORY) {
            throw new DataTreeException(path, shown(path) + " is " + article(entry.kind()) + ", not a folder.");
        }
        return dir;
    }

    /**
     * Opens the regular file at {@code path} for reading. Every folder above it must be a real folder (not a
     * link), the file itself a regular file; it is opened with {@code O_NOFOLLOW} and must still be the same
     * file (inode) afterwards. The caller closes the channel.
     */
    public FileChannel open(String path) throws IOException, DataTreeException {
        acquire(path);
        try {
            Path file = parentFolder(path).resolve(last(path));
            TreeEntry before = stat(file, path);
            requireFile(before);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            TreeEntry after = stat(file, path);
            if (after.kind() != TreeEntry.Kind.FILE || after.inode() != before.inode()) {
                channel.close();
                throw new DataTreeException(path, shown(path) + " changed while it was being opened; try again.");
            }
            return channel;
        } finally {
            lock().unlock();
        }
    }

    /** The bytes of the regular file at {@code path}, refused past {@code maxBytes} (see {@link #open}). */
    public byte[] read(String path, long maxBytes) throws IOException, DataTreeException {
        acquire(path);
        try (FileChannel channel = open(path)) {
            long size = channel.size();
            if (size > maxBytes) {
                throw new DataTreeException(path, shown(path) + " is " + size + " bytes, more than the " + maxBytes
                        + " Toolsmith reads at once; raise the limit for large data files in Settings to open it.");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // reads at most the size seen when opened: a file that grows meanwhile is cut there
            }
            return buffer.position() == buffer.capacity() ? buffer.array()
                    : java.util.Arrays.copyOf(buffer.array(), buffer.position());
        } finally {
            lock().unlock();
        }
    }

    /**
     * The real folder that holds {@code path}, after checking with {@code lstat} that the data folder and every
     * folder above the entry is a real folder, not a link or anything else: a path whose parent was replaced by
     * a link is refused rather than written or read through. Nothing is created.
     */
    public Path parentFolder(String path) throws IOException, DataTreeException {
        List<String> names = DataNames.elements(path).orElseThrow(() -> new DataTreeException(path,
                "\"" + DataNames.display(path) + "\" is outside the data folder (or not a plain path in it), so Toolsmith refuses it."));
        Path top = top();
        if (top == null) {
            throw new DataTreeException(path, "The data folder " + root + " does not exist.");
        }
        Path dir = top;
        StringBuilder sofar = new StringBuilder();
        for (int i = 0; i < names.size() - 1; i++) {
            if (i > 0) {
                sofar.append('/');
            }
            sofar.append(names.get(i));
            dir = dir.resolve(names.get(i));
            TreeEntry folder = stat(dir, sofar.toString());
            if (folder.kind() != TreeEntry.Kind.DIRECTORY) {
                throw new DataTreeException(sofar.toString(), shown(sofar.toString()) + " is " + article(folder.kind())
                        + ", not a folder, so Toolsmith will not go through it to " + DataNames.display(path) + ".");
            }
        }
        if (!dir.startsWith(top)) {
            throw new DataTreeException(path, DataNames.display(path) + " is outside the data folder.");
        }
        return dir;
    }

    /**
     * Takes the folder lock for an open, waiting at most {@link #BUSY_WAIT} (or the wait given to the constructor):
     * while a function runs (the caller holding the lock is the call runner) it could swap the checked file for a pipe
     * between the check and the open, and a reader should not wait out the whole call either.
     */
    private void acquire(String path) throws DataTreeException {
        boolean held;
        try {
            held = lock().tryLock(busyWait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            held = false;
        }
        if (!held) {
            throw new DataTreeException(path, "A function is running and may be changing the data folder "
                    + root + "; " + (path == null ? "list it" : "open " + DataNames.display(path))
                    + " again when it has finished.");
        }
    }

    /** The data folder and a path in it, with control characters escaped, for sentences. */
    public String shown(String path) {
        return root + "/" + DataNames.display(path);
    }

    void requireFile(TreeEntry entry) throws DataTreeException {
        if (entry.kind() == TreeEntry.Kind.FILE) {
            return;
        }
        String why = switch (entry.kind()) {
            case LINK -> " is a link (to " + DataNames.display(entry.target())
                    + "); Toolsmith never follows links in the data folder.";
            case DIRECTORY -> " is a folder, not a file.";
            default -> " is " + article(entry.kind()) + ", which Toolsmith never opens.";
        };
        throw new DataTreeException(entry.path(), shown(entry.path()) + why);
    }

    static String article(TreeEntry.Kind kind) {
        return "a " + kind.words();
    }

    private TreeEntry stat(Path file, String path) throws IOException, DataTreeException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(file, STAT, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new DataTreeException(path, shown(path) + " does not exist (any more); refresh and try again.", e);
        } catch (FileSystemException e) {
            throw new DataTreeException(path, shown(path) + " cannot be read (" + reason(e)
                    + "). Remove or fix it, then try again.", e);
        }
        TreeEntry.Kind kind = TreeEntry.Kind.ofMode((Integer) a.get("mode"));
        String target = null;
        if (kind == TreeEntry.Kind.LINK) {
            Path to = Files.readSymbolicLink(file);
            target = to.toString();
        }
        return new TreeEntry(path, kind, kind == TreeEntry.Kind.FILE ? (Long) a.get("size") : 0,
                nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")), (Long) a.get("ino"), target,
                ((Number) a.get("nlink")).longValue(), (Integer) a.get("mode"));
    }

    /** Whether {@code name}, as Java decoded it, names {@code child} again (the name's bytes survive). */
    private static boolean sameBytes(Path dir, String name, Path child) {
        if (name.chars().allMatch(c -> c < 0x80)) {
            return true; // ASCII decodes and encodes back the same in every encoding Java runs with
        }
        try {
            return dir.resolve(name).equals(child);
        } catch (java.nio.file.InvalidPathException e) {
            return false; // not even encodable back in this system's encoding
        }
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }

    static String reason(FileSystemException e) {
        String reason = e.getReason();
        return reason == null ? e.getClass().getSimpleName() : reason.toLowerCase(java.util.Locale.ROOT);
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The data folder itself, resolved once per operation: the user chose it (it may be reached through a link
     * of theirs); below it nothing is followed. Null when it does not exist yet.
     */
    private Path top() throws IOException {
        if (!Files.exists(root)) {
            return null;
        }
        Path real = root.toRealPath();
        if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(root + " is not a folder");
        }
        return real;
    }

    /** A walk's result. Specials (pipes, sockets, devices) are included so callers can say what they skipped. */
    public record Listing(List<TreeEntry> entries) {
        public long bytes() {
            return entries.stream().filter(e -> e.kind() == TreeEntry.Kind.FILE).mapToLong(TreeEntry::size).sum();
        }

        /** Every entry counts against the file quota: folders and links cost the file system as much. */
        public int count() {
            return entries.size();
        }

        public List<TreeEntry> specials() {
            return entries.stream().filter(e -> e.kind().special()).toList();
        }

        public List<TreeEntry> sorted() {
            return entries.stream().sorted(java.util.Comparator.comparing(TreeEntry::path)).toList();
        }
    }
}
