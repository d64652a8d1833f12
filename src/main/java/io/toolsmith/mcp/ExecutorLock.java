package io.toolsmith.mcp;

import io.toolsmith.settings.Home;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one process that runs a home's MCP calls: it holds the lock file {@code mcp/executor.lock} and listens on
 * {@code mcp/executor.sock}; every other {@code toolsmith mcp} hands its calls over that socket. The folder is the
 * user's alone (0700) and the socket 0600, so only the user's own processes can ask for a call. The operating
 * system releases the lock when the process ends, however it ends.
 */
public final class ExecutorLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorLock.class);

    private final FileChannel channel;
    private final FileLock lock;
    private final Path socket;
    private CallSocketServer server;

    private ExecutorLock(FileChannel channel, FileLock lock, Path socket) {
        this.channel = channel;
        this.lock = lock;
        this.socket = socket;
    }

    /** The folder with the lock and the socket, created private to the user. */
    static Path folder(Home home) throws IOException {
        Path folder = home.root().resolve("mcp");
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }

    public static Path socketPath(Home home) {
        return home.root().resolve("mcp").resolve("executor.sock");
    }

    /** The lock when no other process holds it; empty when one does (it runs the calls then). */
    public static Optional<ExecutorLock> tryTake(Home home) throws IOException {
        Path folder = folder(home);
        FileChannel channel = FileChannel.open(folder.resolve("executor.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new ExecutorLock(channel, lock, folder.resolve("executor.sock")));
        } catch (OverlappingFileLockException e) {
            channel.close(); // this process holds it already (the window and a test in one JVM)
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Starts answering other processes' calls with {@code calls}; a socket left by a process that died is replaced. */
    public synchronized void serve(CallExecutor calls) throws IOException {
        if (server == null) {
            server = CallSocketServer.start(socket, calls);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.debug("The executor lock could not be released cleanly: {}", e.getMessage());
        }
    }
}
