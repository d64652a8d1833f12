package io.toolsmith.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.Json;
import io.toolsmith.util.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows how to start a worker on this machine: decides once whether bubblewrap can be used
 * (falling back to plain Python with a reason when it cannot) and starts workers accordingly.
 * Thread-safe after construction.
 */
final class WorkerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerLauncher.class);

    private final SandboxSettings settings;
    private final PythonInstallation python;
    private final Path dataDir;
    private final Path workDir;
    private final Path workerScript;
    private final byte[] script;
    private final ScheduledExecutorService scheduler;
    private final boolean root;
    private volatile Path bwrap;
    private volatile String noIsolationReason = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .contains("linux") ? null : "bubblewrap is only available on Linux";
    private volatile boolean processLimitEnforced;
    /** slirp4netns, while it works here; null makes a networked worker share the host's network. */
    private volatile UserModeNetwork userModeNetwork = UserModeNetwork.onPath();
    private volatile String sharedNetworkReason = userModeNetwork == null ? "slirp4netns is not installed" : null;

    /**
     * @param bubblewrapFinder answers the bwrap executable to use, or null when there is none
     * @param script           the worker program (the application's own, or a stand-in in tests)
     */
    WorkerLauncher(SandboxSettings settings, Path dataDir, Path workDir, ScheduledExecutorService scheduler,
                   Supplier<Path> bubblewrapFinder, byte[] script) throws SandboxException {
        this.settings = settings;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
        this.scheduler = scheduler;
        this.python = PythonInstallation.of(settings.python());
        this.script = script;
        try {
            Files.createDirectories(this.dataDir);
            Files.createDirectories(this.workDir);
            this.workerScript = extractWorker(this.workDir, script);
            long uid = ((Number) Files.getAttribute(this.workDir, "unix:uid")).longValue();
            long gid = ((Number) Files.getAttribute(this.workDir, "unix:gid")).longValue();
            this.root = uid == 0;
            WorkerCommand.writeEtc(this.workDir.resolve("etc"), uid, gid);
        } catch (IOException | UnsupportedOperationException e) {
            throw new SandboxException("The sandbox folder " + workDir + " could not be prepared: " + e.getMessage()
                    + ".", e);
        }
        this.bwrap = bubblewrapFinder.get();
        if (bwrap == null) {
            if (noIsolationReason == null) {
                noIsolationReason = "bubblewrap was not found (install the bubblewrap package)";
            }
            LOG.warn("Running functions without isolation: {}", noIsolationReason);
        }
    }

    /**
     * Starts a worker for calls with this grant, under bubblewrap when possible; the first failure of bubblewrap
     * switches to plain Python (where neither a read-only data folder nor the network can be taken away).
     */
    SandboxWorker start(Grant grant) throws SandboxException {
        boolean network = grant.network();
        Path useBwrap = bwrap;
        PidsCgroup cgroup = root ? PidsCgroup.create(settings.maxProcesses()).orElse(null) : null;
        processLimitEnforced = cgroup != null || !root;
        if (useBwrap != null) {
            try {
                boolean tmpfsSize = supportsTmpfsSize(useBwrap);
                Path tmp = tmpFolder(grant);
                UserModeNetwork ownNetwork = network ? userModeNetwork : null;
                List<String> command = WorkerCommand.bubblewrap(useBwrap, python,
                        program(WorkerCommand.WORKER_INSIDE, "worker.pyc"), dataDir,
                        grant.writeData(), workDir.resolve("etc"), network, ownNetwork != null, tmpfsSize ? null : tmp,
                        limits(true, grant));
                SandboxWorker worker = SandboxWorker.start(command, Map.of("PATH", "/usr/bin:/bin"), workDir,
                        errorFile(grant), cgroup, scheduler, maxReplyBytes());
                if (ownNetwork != null) {
                    try {
                        ownNetwork.connect(worker, worker.process(), scheduler);
                    } catch (SandboxException e) {
                        // Functions granted network still get it, through the host's namespace; the isolation
                        // text says so.
                        worker.stop();
                        userModeNetwork = null;
                        sharedNetworkReason = e.getMessage().replaceFirst("\\.$", "");
                        LOG.warn("{}; functions granted network share the host's network", sharedNetworkReason);
                        return start(grant);
                    }
                }
                return worker;
            } catch (SandboxException e) {
                noIsolationReason = "bubblewrap could not create a sandbox here ("
                        + e.getMessage().replaceFirst("^The sandbox could not be started: ?", "") + ")";
                LOG.warn("Running functions without isolation: {}", noIsolationReason);
                bwrap = null;
                if (cgroup != null) {
                    cgroup.close();
                    cgroup = root ? PidsCgroup.create(settings.maxProcesses()).orElse(null) : null;
                }
            }
        }
        Path home = plainHome();
        WorkerCommand.Program program = program(workerScript.toString(), "worker-unisolated.pyc");
        return SandboxWorker.start(WorkerCommand.plain(python, program, limits(false, grant)),
                WorkerCommand.environment(home.toString()), home, errorFile(grant), cgroup, scheduler, maxReplyBytes());
    }

    /** The worker's source and, when it compiles, its bytecode in {@code fileName}, compiled as seen at {@code shownAs}. */
    private WorkerCommand.Program program(String shownAs, String fileName) {
        Path bytecode = WorkerBytecode.write(python, script, shownAs, workDir.resolve(fileName)).orElse(null);
        return new WorkerCommand.Program(workerScript, bytecode);
    }

    /** worker.err and worker-net.err for the workers that may do everything, as before; a tag for the others. */
    private Path errorFile(Grant grant) {
        return workDir.resolve(workerName(grant) + ".err");
    }

    private static String workerName(Grant grant) {
        if (grant.writeData() && grant.processes()) {
            return grant.network() ? "worker-net" : "worker";
        }
        return "worker-" + grant.tag();
    }

    /**
     * The longest reply line accepted from a worker: its output (up to the cap, JSON escaping makes a byte at
     * most six) and its result (the worker cuts it at the cap; escaping at most doubles it), plus room for
     * the error texts, which the worker cuts at 20,000 characters each.
     */
    long maxReplyBytes() {
        return 8 * settings.outputCapBytes() + (1 << 20);
    }

    /**
     * The sandbox's /tmp when bubblewrap cannot bound a tmpfs: a folder on disk (so it takes no memory),
     * emptied now and by the worker after every call; each file in it is bounded by the file-size limit.
     */
    private Path tmpFolder(Grant grant) throws SandboxException {
        Path tmp = workDir.resolve(workerName(grant).replace("worker", "tmp"));
        try {
            if (Files.isDirectory(tmp, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                deleteContents(tmp);
            } else {
                Files.deleteIfExists(tmp);
                Files.createDirectories(tmp);
            }
            return tmp;
        } catch (IOException e) {
            throw new SandboxException("The sandbox's temporary folder " + tmp + " could not be prepared: "
                    + e.getMessage() + ".", e);
        }
    }

    /** Deletes everything in a folder, never following links; folders made unwritable are opened up first. */
    private static void deleteContents(Path folder) throws IOException {
        Files.walkFileTree(folder, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes
                    attrs) throws IOException {
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs)
                    throws IOException {
                Files.delete(file);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (!dir.equals(folder)) {
                    Files.delete(dir);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * @param ready the running offline worker's ready line, which says whether its system-call filter is on
     */
    Isolation isolation(JsonNode ready) {
        if (bwrap != null) {
            String limit = processLimitEnforced ? "" : "; process limit not enforced (running as root without a"
                    + " writable pids cgroup)";
            JsonNode seccomp = ready.path("seccomp");
            String filter = seccomp.path("active").asBoolean() ? "; system calls filtered"
                    : seccomp.isMissingNode() ? "" : "; no system-call filter (" + seccomp.path("reason").asText() + ")";
            String granted = sharedNetworkReason == null ? "; granted network through slirp4netns"
                    : "; granted network shares the host's (" + sharedNetworkReason + ")";
            return new Isolation("local", "bubblewrap", true,
                    "bubblewrap: data folder only, read-only unless a function is approved to write; network only"
                            + " when approved" + filter + granted + limit);
        }
        return new Isolation("local", "none", false,
                "isolation: none — " + noIsolationReason + "; functions can read and write your files");
    }

    boolean processLimitEnforced() {
        return processLimitEnforced;
    }

    PythonInstallation python() {
        return python;
    }

    private String limits(boolean insideBubblewrap, Grant grant) {
        ObjectNode limits = Json.MAPPER.createObjectNode()
                .put("cpu", settings.cpuSeconds())
                .put("memory", settings.memoryBytes())
                .put("file_size", settings.maxFileBytes())
                .put("output_cap", settings.outputCapBytes())
                .put("capture_dir", insideBubblewrap ? "/tmp" : workDir.toString())
                // Only inside bubblewrap: the worker then kills whatever a call left with kill(-1), which in its
                // own pid namespace reaches only the sandbox, and empties /tmp, which is the sandbox's own.
                .put("pid_namespace", insideBubblewrap)
                .put("clean_tmp", insideBubblewrap);
        Optional<SeccompFilter.Arch> arch = SeccompFilter.forThisMachine();
        if (arch.isPresent()) {
            limits.put("seccomp", Base64.getEncoder().encodeToString(SeccompFilter.program(arch.get())));
            if (!grant.processes()) {
                // Installed by each call's process on top of the worker's filter: the worker itself must fork.
                limits.put("call_seccomp", Base64.getEncoder().encodeToString(SeccompFilter.noProcesses(arch.get())));
            }
        } else {
            limits.put("seccomp_absent", "none is known for " + System.getProperty("os.arch") + " machines");
        }
        // In bubblewrap's user namespace RLIMIT_NPROC counts only the sandbox's own processes; outside it counts
        // every process of the user, so the limit is raised by what already runs.
        int processes = insideBubblewrap ? settings.maxProcesses() : runningTasks() + settings.maxProcesses();
        if (!root) {
            limits.put("processes", processes);
        }
        return limits.toString();
    }

    private static int runningTasks() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return Integer.parseInt(fields[3].substring(fields[3].indexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return 4096;
        }
    }

    /** Without bubblewrap, the worker's home is a folder whose {@code data} leads to the data folder. */
    private Path plainHome() throws SandboxException {
        Path home = workDir.resolve("home");
        Path link = home.resolve("data");
        try {
            Files.createDirectories(home);
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(dataDir)) {
                return home;
            }
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, dataDir);
            return home;
        } catch (IOException | UnsupportedOperationException e) {
            if (dataDir.getFileName() != null && dataDir.getFileName().toString().equals("data")) {
                return dataDir.getParent();
            }
            throw new SandboxException("The sandbox home could not be prepared in " + home + ": " + e.getMessage(), e);
        }
    }

    /** bwrap from the PATH, on Linux only; null otherwise. */
    static Path bubblewrapOnPath() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "bwrap");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether each bubblewrap the app has started knows --size, by its path. */
    private static final Map<Path, Boolean> TMPFS_SIZE = new ConcurrentHashMap<>();

    /**
     * bubblewrap 0.7 added --size; older versions reject it, so ask once per run of the app (a sandbox is opened
     * again at every change of grants and after every crash, and the answer does not change while the app runs).
     */
    private static boolean supportsTmpfsSize(Path bwrapPath) {
        Boolean known = TMPFS_SIZE.get(bwrapPath);
        if (known != null) {
            return known;
        }
        try {
            ProcessRunner.Result help = new ProcessRunner(bwrapPath.toString(), "--help").mergeErrors()
                    .timeout(Duration.ofSeconds(5)).run();
            boolean supported = help.stdout().contains("--size");
            TMPFS_SIZE.put(bwrapPath, supported);
            return supported;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The application's worker program. */
    static byte[] workerProgram() throws SandboxException {
        try (InputStream stream = WorkerLauncher.class.getResourceAsStream("/sandbox/worker.py")) {
            if (stream == null) {
                throw new SandboxException("The sandbox worker script is missing from the application.");
            }
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new SandboxException("The sandbox worker script could not be read.", e);
        }
    }

    private static Path extractWorker(Path workDir, byte[] script) throws IOException {
        Path target = workDir.resolve("worker.py");
        if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), script)) {
            io.toolsmith.util.AtomicFiles.write(target, script);
        }
        return target;
    }
}
