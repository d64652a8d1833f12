package io.toolsmith.conversation;

import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive right to rewrite one chat file, held from reading a chat to saving its turn, so two Toolsmith
 * processes on one chat cannot each append a turn to what they read and the later save silently drop the other's.
 *
 * <p>The lock is an OS file lock on a hidden sibling ({@code .NAME.lock}), not on the chat file itself: the chat is
 * replaced by an atomic move on every save, which would leave a lock on the old file behind. The lock file is
 * never deleted, since deleting it while another process waits on it would let a third lock a new one. OS locks
 * belong to the whole JVM, so threads of one JVM first take a lock per file in memory. Whoever cannot get the lock
 * within the wait gets a sentence, not a lost turn.
 */
public final class ConversationLock implements AutoCloseable {
    /** How long a second writer waits: long enough for a save, too short to wait out another process's turn. */
    public static final Duration WAIT = Duration.ofSeconds(2);

    private static final Map<Path, ReentrantLock> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private ConversationLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** The hidden lock file beside a chat file. */
    public static Path lockFileOf(Path conversationFile) {
        Path absolute = conversationFile.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".lock");
    }

    /**
     * Takes the lock, waiting at most {@code wait} for another writer to finish. The same thread may take it again
     * while holding it (a save inside a turn that holds the lock); the inner one only counts.
     */
    public static ConversationLock acquire(Path conversationFile, Duration wait) throws UserFacingException {
        Path lockFile = lockFileOf(conversationFile);
        ReentrantLock local = IN_THIS_PROCESS.computeIfAbsent(lockFile, f -> new ReentrantLock());
        try {
            if (!local.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(conversationFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(conversationFile);
        }
        if (local.getHoldCount() > 1) {
            return new ConversationLock(local, null, null);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                lock = await(channel, wait, conversationFile);
            }
            return new ConversationLock(local, channel, lock);
        } catch (OverlappingFileLockException e) {
            // This JVM holds the file under another spelling of its path (a link): it is busy all the same.
            closeQuietly(channel);
            local.unlock();
            throw busy(conversationFile);
        } catch (IOException e) {
            closeQuietly(channel);
            local.unlock();
            throw new UserFacingException("The chat " + conversationFile + " could not be locked for writing ("
                    + e.getMessage() + "); check that its folder is writable.", e);
        } catch (UserFacingException | RuntimeException e) {
            closeQuietly(channel);
            local.unlock();
            throw e;
        }
    }

    /**
     * Waits for another process's lock in a blocking call on a helper thread, so the wait is bounded without
     * polling; closing the channel ends a wait that ran out.
     */
    private static FileLock await(FileChannel channel, Duration wait, Path conversationFile)
            throws UserFacingException, IOException {
        FutureTask<FileLock> waiting = new FutureTask<>(channel::lock);
        Thread waiter = new Thread(waiting, "conversation-lock-wait");
        waiter.setDaemon(true);
        waiter.start();
        try {
            return waiting.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            channel.close();
            throw busy(conversationFile);
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw busy(conversationFile);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static UserFacingException busy(Path conversationFile) {
        return new UserFacingException("This conversation is being written by another Toolsmith; try again when it "
                + "finishes (" + conversationFile + ").");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing releases the lock; nothing else depends on it.
            }
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                closeQuietly(channel); // releases the OS lock
            }
        } finally {
            local.unlock();
        }
    }
}
