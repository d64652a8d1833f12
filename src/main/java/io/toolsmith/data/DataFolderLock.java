package io.toolsmith.data;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one lock of a data folder, for every thread of this process and every other Toolsmith process on this machine
 * (the window, {@code toolsmith call}, {@code data undo}, {@code inspect}, a headless {@code toolsmith mcp}).
 * A call holds it from its snapshot until its processes are gone; undo, rewind, import, the Try copy, listing and
 * opening a file take it too. So while the app looks at the folder no function runs that could swap a checked
 * file or folder for a link or a named pipe (Java cannot open without blocking on a pipe, see decision 0009).
 * <p>
 * Reentrant within a thread. Inside the process it is a {@link ReentrantLock}; between processes it is a POSIX
 * record lock ({@code fcntl}) on a file named after the data folder in the user's private lock folder in the
 * system's temporary folder (see {@link #folder()}): not in the data folder, where a function could remove or replace
 * it, and out of the sandbox's reach. The operating system drops the record lock when its process ends, however it
 * ends. Where no such file can be used, the lock is this process's only, and the log says so.
 */
public final class DataFolderLock {
    private static final Logger LOG = LoggerFactory.getLogger(DataFolderLock.class);
    private static final Map<Path, DataFolderLock> LOCKS = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicBoolean FOLDER_WARNED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final ReentrantLock local = new ReentrantLock();
    private final Path file;
    /** The lock file while this process holds the lock (only the thread holding {@link #local} touches it). */
    private FileChannel channel;
    private FileLock held;
    private boolean warned;

    private DataFolderLock(Path file) {
        this.file = file;
    }

    /** The lock of data folder {@code root} (an absolute, normalized path), shared by the whole process. */
    static DataFolderLock of(Path root) {
        Path file = fileFor(root);
        // Without a lock file, one lock per folder as configured: this process's threads still wait for each other.
        return LOCKS.computeIfAbsent(file == null ? root : file, key -> new DataFolderLock(file));
    }

    /**
     * The lock file for {@code root}: named by the SHA-256 of the real folder's path (a link of the user's to it and
     * the folder itself get one lock) in {@link #folder()}. Null when there is no such folder to use.
     */
    static Path fileFor(Path root) {
        Path real = root;
        try {
            if (Files.isDirectory(root)) {
                real = root.toRealPath();
            } else if (root.getParent() != null && Files.isDirectory(root.getParent())) {
                real = root.getParent().toRealPath().resolve(root.getFileName());
            }
        } catch (IOException e) {
            // kept as configured
        }
        Path folder = folder();
        if (folder == null) {
            return null;
        }
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(real.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return folder.resolve(java.util.HexFormat.of().formatHex(sha, 0, 16) + ".lock");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The user's own folder of lock files, {@code toolsmith-locks-<user>} in the system's temporary folder: outside
     * the data folder and its parent (nothing of the user's is changed), the same for every Toolsmith process of
     * the user, and out of the sandbox's reach (it has a /tmp of its own). Another user could make that name first:
     * it is used only when it is a real folder of this user's that nobody else may write.
     */
    private static Path folder() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        Path folder = Path.of(System.getProperty("java.io.tmpdir")).resolve("toolsmith-locks-" + user);
        try {
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made by an earlier process: checked below
            }
            var attributes = Files.readAttributes(folder, java.nio.file.attribute.PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            boolean own = attributes.isDirectory() && attributes.owner().getName().equals(System.getProperty("user.name"))
                    && java.util.Collections.disjoint(attributes.permissions(), java.util.EnumSet.of(
                    java.nio.file.attribute.PosixFilePermission.GROUP_WRITE,
                    java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE));
            if (own) {
                return folder;
            }
            if (!FOLDER_WARNED.getAndSet(true)) {
                LOG.warn("{} is not a private folder of this user's, so the data folder is locked against this"
                        + " process's other work only.", folder);
            }
        } catch (IOException | UnsupportedOperationException e) {
            if (!FOLDER_WARNED.getAndSet(true)) {
                LOG.warn("{} could not be made ({}), so the data folder is locked against this process's other work"
                        + " only.", folder, e.getMessage());
            }
        }
        return null;
    }

    /** Where the lock is kept between processes (for tests and the decision record). */
    public Path file() {
        return file;
    }

    /** Waits for the lock, however long the function holding it runs. */
    public void lock() {
        lock(() -> { });
    }

    /**
     * Waits for the lock; {@code whileWaiting} runs once, before waiting, when someone else holds it (to tell the
     * user why nothing happens yet).
     */
    public void lock(Runnable whileWaiting) {
        if (!local.tryLock()) {
            whileWaiting.run();
            whileWaiting = () -> { };
            local.lock();
        }
        if (local.getHoldCount() > 1) {
            return;
        }
        try {
            if (!takeFile(false)) {
                whileWaiting.run();
                takeFile(true);
            }
        } catch (RuntimeException | Error e) {
            local.unlock();
            throw e;
        }
    }

    /** The lock when nobody holds it, without waiting. */
    public boolean tryLock() {
        if (!local.tryLock()) {
            return false;
        }
        return fileToo();
    }

    /** The lock when this process frees it within {@code time}; another process's call is not waited for. */
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        if (!local.tryLock(time, unit)) {
            return false;
        }
        return fileToo();
    }

    private boolean fileToo() {
        if (local.getHoldCount() > 1) {
            return true;
        }
        try {
            if (takeFile(false)) {
                return true;
            }
        } catch (RuntimeException | Error e) {
            local.unlock();
            throw e;
        }
        local.unlock();
        return false;
    }

    public void unlock() {
        if (local.getHoldCount() == 1) {
            releaseFile();
        }
        local.unlock();
    }

    public boolean isHeldByCurrentThread() {
        return local.isHeldByCurrentThread();
    }

    /** @return false only when another process holds the file and {@code wait} is false */
    private boolean takeFile(boolean wait) {
        if (file == null) {
            return true;
        }
        try {
            channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (IOException | UnsupportedOperationException e) {
            warnOnce("The lock file " + file + " could not be opened (" + e.getMessage() + "); the data folder is"
                    + " locked against this process's other work only.");
            return true;
        }
        try {
            held = wait ? channel.lock() : channel.tryLock();
        } catch (ClosedByInterruptException e) {
            // Stopped while waiting for another process: go on unlocked between processes rather than not at all;
            // the interrupt stays set for the caller to see.
            closeFile();
            warnOnce("Waiting for " + file + " was interrupted; going on with this process's lock only.");
            return true;
        } catch (IOException e) {
            closeFile();
            warnOnce("The lock file " + file + " could not be locked (" + e.getMessage() + "); the data folder is"
                    + " locked against this process's other work only.");
            return true;
        }
        if (held == null) {
            closeFile();
            return false;
        }
        return true;
    }

    private void releaseFile() {
        if (held != null) {
            try {
                held.release();
            } catch (IOException e) {
                LOG.debug("The lock on {} could not be released cleanly: {}", file, e.getMessage());
            }
            held = null;
        }
        closeFile(); // closing releases the record lock in any case
    }

    private void closeFile() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("{} could not be closed: {}", file, e.getMessage());
            }
            channel = null;
        }
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            LOG.warn(message);
        }
    }
}
