package io.toolsmith.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line that starts one worker: under bubblewrap when it can be used, plain Python otherwise.
 * Inside bubblewrap the worker sees /usr (read-only), the Python installation (read-only), a tiny
 * generated /etc, a private /proc, a read-only /dev, a private /tmp (on disk, or a bounded tmpfs), and a
 * read-only home of its own whose {@code data} is the app's data folder, the one place it can write to.
 */
final class WorkerCommand {
    static final String SANDBOX_HOME = "/home/sandbox";
    static final String WORKER_INSIDE = "/opt/toolsmith/worker.py";
    static final String BYTECODE_INSIDE = "/opt/toolsmith/worker.pyc";

    /**
     * The worker's source, and its bytecode when it could be compiled (null otherwise): the bytecode is run, the
     * source is there for the lines a traceback through the worker shows.
     */
    record Program(Path source, Path bytecode) {
    }

    /** Files in /etc that Python or name resolution read; bound read-only when present. */
    private static final List<String> ETC_ALWAYS = List.of("/etc/ld.so.cache", "/etc/localtime");
    private static final List<String> ETC_NETWORK = List.of("/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf",
            "/etc/host.conf", "/etc/gai.conf", "/etc/ssl", "/etc/ca-certificates", "/etc/pki");

    private WorkerCommand() {
    }

    /**
     * @param writeData  whether the data folder is bound read-write; read-only for functions not approved to write
     * @param tmpDir     the host folder bound at /tmp, or null to use a 64 MiB tmpfs (bubblewrap 0.7 and later,
     *                   which can bound a tmpfs with {@code --size})
     * @param ownNetwork with {@code network}: a network namespace of its own, connected by {@link UserModeNetwork}
     *                   after the start, instead of the host's
     */
    static List<String> bubblewrap(Path bwrap, PythonInstallation python, Program program, Path dataDir,
                                   boolean writeData, Path etcDir, boolean network, boolean ownNetwork, Path tmpDir, String limitsJson) {
        List<String> cmd = new ArrayList<>(List.of(bwrap.toString(),
                "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv",
                // The worker is the pid namespace's init: bubblewrap's own init would keep the protocol pipes open
                // in a process that, unlike the non-dumpable worker, a call could open through /proc/1/fd.
                "--as-pid-1"));
        if (network && !ownNetwork) {
            cmd.add("--share-net");
        }
        cmd.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String dir : List.of("lib", "lib64", "lib32", "bin", "sbin")) {
            Path host = Path.of("/" + dir);
            if (Files.isSymbolicLink(host)) {
                cmd.addAll(List.of("--symlink", "usr/" + dir, "/" + dir));
            } else if (Files.isDirectory(host)) {
                cmd.addAll(List.of("--ro-bind", host.toString(), host.toString()));
            }
        }
        for (Path prefix : python.prefixes()) {
            if (!prefix.startsWith("/usr") && Files.isDirectory(prefix)) {
                cmd.addAll(List.of("--ro-bind", prefix.toString(), prefix.toString()));
            }
        }
        // Every in-memory file system the sandbox can write to must be bounded, or writing to it would take the
        // host's memory past the memory limit. /dev (with /dev/shm in it) is a tmpfs: read-only once set up.
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev"));
        if (tmpDir == null) {
            cmd.addAll(List.of("--size", String.valueOf(64L << 20), "--tmpfs", "/tmp"));
        } else {
            cmd.addAll(List.of("--bind", tmpDir.toString(), "/tmp"));
        }
        cmd.add("--dir");
        cmd.add("/etc");
        cmd.addAll(List.of("--ro-bind", etcDir.resolve("passwd").toString(), "/etc/passwd",
                "--ro-bind", etcDir.resolve("group").toString(), "/etc/group"));
        List<String> etc = new ArrayList<>(ETC_ALWAYS);
        if (network) {
            etc.addAll(ETC_NETWORK);
        }
        if (network && ownNetwork) {
            // The host's resolver may be a loopback address (systemd-resolved); slirp4netns answers on its own.
            etc.remove("/etc/resolv.conf");
            cmd.addAll(List.of("--ro-bind", etcDir.resolve("resolv.conf").toString(), "/etc/resolv.conf"));
        }
        for (String file : etc) {
            if (Files.exists(Path.of(file))) {
                cmd.addAll(List.of("--ro-bind", file, file));
            }
        }
        // The home is a folder on the root, which ends up read-only: only its data folder can be written, and only
        // by workers for functions approved to write data.
        cmd.addAll(List.of("--dir", SANDBOX_HOME,
                writeData ? "--bind" : "--ro-bind", dataDir.toString(), SANDBOX_HOME + "/data",
                "--ro-bind", program.source().toString(), WORKER_INSIDE));
        if (program.bytecode() != null) {
            cmd.addAll(List.of("--ro-bind", program.bytecode().toString(), BYTECODE_INSIDE));
        }
        cmd.addAll(List.of("--chdir", SANDBOX_HOME,
                // The root itself is bubblewrap's scratch tmpfs: without this, writes to paths like /root
                // would succeed there (and vanish), which reads as if they reached the host.
                "--remount-ro", "/"));
        environment(SANDBOX_HOME).forEach((k, v) -> cmd.addAll(List.of("--setenv", k, v)));
        cmd.addAll(List.of(python.executable().toString(), "-I", "-S", "-B",
                program.bytecode() != null ? BYTECODE_INSIDE : WORKER_INSIDE, limitsJson));
        return cmd;
    }

    static List<String> plain(PythonInstallation python, Program program, String limitsJson) {
        Path run = program.bytecode() != null ? program.bytecode() : program.source();
        return List.of(python.executable().toString(), "-I", "-S", "-B", run.toString(), limitsJson);
    }

    /** The whole environment of a worker: nothing from the app's own environment leaks in except the time zone. */
    static Map<String, String> environment(String home) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("HOME", home);
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("USER", "sandbox");
        env.put("LOGNAME", "sandbox");
        env.put("PYTHONIOENCODING", "utf-8");
        String tz = System.getenv("TZ");
        if (tz != null && !tz.isBlank()) {
            env.put("TZ", tz);
        }
        return env;
    }

    /** Writes the worker's /etc/passwd and /etc/group: one user, the one the worker runs as. */
    static void writeEtc(Path etcDir, long uid, long gid) throws java.io.IOException {
        Files.createDirectories(etcDir);
        Files.writeString(etcDir.resolve("passwd"),
                "sandbox:x:" + uid + ":" + gid + ":sandbox:" + SANDBOX_HOME + ":/usr/sbin/nologin\n");
        Files.writeString(etcDir.resolve("group"), "sandbox:x:" + gid + ":\n");
        Files.writeString(etcDir.resolve("resolv.conf"), "nameserver " + UserModeNetwork.DNS + "\n");
    }
}
