package io.toolsmith.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pids cgroup that caps how many processes and threads one worker may run.
 * Needed when the app runs as root: the kernel does not apply RLIMIT_NPROC to root, so without
 * a cgroup a fork bomb could fill the machine's process table. Used only where the cgroup
 * file system is writable; {@link #create} answers empty otherwise.
 */
final class PidsCgroup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PidsCgroup.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String PREFIX = "toolsmith-";
    private static final Pattern LEFT_OVER = Pattern.compile("toolsmith-([0-9]{1,18})-[0-9]+");
    /**
     * How old a cgroup must be before it counts as left over. Containers can share one cgroup hierarchy while each has
     * its own process numbers, so a pid in another container's cgroup name means nothing here: that cgroup may have
     * been made a moment ago, empty until its worker is moved in. A left-over one is older than any such moment.
     */
    private static final Duration LEFT_OVER_AGE = Duration.ofMinutes(1);
    /** The last pause before giving up; all pauses together come to about two seconds. */
    private static final long MAX_PAUSE_MILLIS = 1024;
    private final Path dir;

    private PidsCgroup(Path dir) {
        this.dir = dir;
    }

    static Optional<PidsCgroup> create(int maxProcesses) {
        try {
            Path base = baseDirectory();
            if (base == null) {
                return Optional.empty();
            }
            removeLeftOvers(base);
            Path dir = base.resolve(PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
            Files.createDirectory(dir);
            if (!Files.exists(dir.resolve("pids.max"))) {
                Files.deleteIfExists(dir);
                return Optional.empty();
            }
            Files.writeString(dir.resolve("pids.max"), String.valueOf(maxProcesses));
            return Optional.of(new PidsCgroup(dir));
        } catch (IOException | RuntimeException e) {
            LOG.debug("No pids cgroup available: {}", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Removes the cgroups of Toolsmith processes that ended without removing their own (killed by an MCP host, say):
     * each is an empty folder the kernel keeps until someone removes it. One of a process still running is left alone,
     * as is one made within the last minute (see {@link #LEFT_OVER_AGE}), and a cgroup with a process in it cannot be
     * removed anyway.
     */
    private static void removeLeftOvers(Path base) {
        Instant madeBefore = Instant.now().minus(LEFT_OVER_AGE);
        try (DirectoryStream<Path> cgroups = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path cgroup : cgroups) {
                Matcher name = LEFT_OVER.matcher(cgroup.getFileName().toString());
                if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()
                        && Files.getLastModifiedTime(cgroup).toInstant().isBefore(madeBefore)) {
                    try {
                        Files.deleteIfExists(cgroup);
                    } catch (IOException busy) {
                        LOG.debug("Left cgroup {} in place: {}", cgroup, busy.toString());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not look for cgroups left over in {}: {}", base, e.toString());
        }
    }

    /** The cgroup's folder in the cgroup file system. */
    Path directory() {
        return dir;
    }

    /** Moves a process into the cgroup; its later children stay in it. */
    void attach(long pid) throws IOException {
        Files.writeString(dir.resolve("cgroup.procs"), String.valueOf(pid));
    }

    /**
     * Kills whatever is still in the cgroup, then removes it once it is empty.
     *
     * <p>The worker's processes were killed a moment before, but one may still be tearing down its memory, which keeps
     * the cgroup busy for a few milliseconds. Nothing says when it is done: cgroup v1 gives no notice when a cgroup
     * empties, and {@link ProcessHandle#onExit()} cannot tell either, since the processes were handed to the host's
     * init when the sandbox's own init died; it looks at such a process every 300 ms or more and counts it alive while it
     * waits, a zombie, for that init to collect it (which can take seconds; the cgroup can be removed already). So the
     * removal is simply tried again after a pause that starts at a millisecond and doubles, for about two seconds at most.
     */
    @Override
    public void close() {
        for (long pauseMillis = 1; ; pauseMillis *= 2) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException busy) {
                if (pauseMillis > MAX_PAUSE_MILLIS) {
                    LOG.debug("Could not remove cgroup {}: {}", dir, busy.toString());
                    return;
                }
                killRemaining();
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    LOG.debug("Stopped waiting to remove cgroup {}", dir);
                    return;
                }
            }
        }
    }

    private void killRemaining() {
        try {
            for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Could not read {}: {}", dir, e.toString());
        }
    }

    private static Path baseDirectory() throws IOException {
        Path self = Path.of("/proc/self/cgroup");
        if (!Files.isReadable(self)) {
            return null;
        }
        List<String> lines = Files.readAllLines(self);
        Path v1 = Path.of("/sys/fs/cgroup/pids");
        for (String line : lines) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && parts[1].equals("pids") && Files.isDirectory(v1)) {
                return v1.resolve(relative(parts[2]));
            }
        }
        for (String line : lines) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && parts[0].equals("0") && parts[1].isEmpty()
                    && Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))) {
                return Path.of("/sys/fs/cgroup").resolve(relative(parts[2]));
            }
        }
        return null;
    }

    private static String relative(String cgroupPath) {
        return cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
    }
}
