package io.toolsmith.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Network for a sandbox granted it, without sharing the host's network namespace: the worker gets a
 * namespace of its own and slirp4netns gives it a user-mode TCP/IP stack (a tap device at 10.0.2.100, DNS at
 * 10.0.2.3). Connections leave through ordinary sockets of the app's user, so the internet is reachable,
 * while the host's abstract unix sockets (X11, D-Bus) and its loopback services are not.
 */
final class UserModeNetwork {
    static final String DNS = "10.0.2.3";

    private final Path slirp;

    private UserModeNetwork(Path slirp) {
        this.slirp = slirp;
    }

    /** slirp4netns from the PATH, on Linux; null when it is not installed. */
    static UserModeNetwork onPath() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "slirp4netns");
            if (Files.isExecutable(candidate)) {
                return new UserModeNetwork(candidate);
            }
        }
        return null;
    }

    /**
     * Connects the network namespace of a started worker and waits until it is configured. The helper
     * process is handed to the worker, which ends it with itself.
     *
     * @throws SandboxException with slirp4netns's own words when it cannot
     */
    void connect(SandboxWorker worker, Process sandboxProcess, ScheduledExecutorService scheduler)
            throws SandboxException {
        long inside = insidePid(sandboxProcess);
        List<String> command = new ArrayList<>(List.of(slirp.toString(), "--configure", "--mtu=65520",
                // Loopback services of the host (the model server, the app) are not the internet.
                "--disable-host-loopback",
                // Ready: one byte on its stdout. Exit: when the app closes its stdin (or is gone).
                "--ready-fd=1", "--exit-fd=0"));
        if (!sameNamespace(inside, "user")) {
            command.add("--userns-path=/proc/" + inside + "/ns/user");
        }
        command.addAll(List.of(String.valueOf(inside), "tap0"));
        Process helper;
        try {
            helper = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new SandboxException("The sandbox's network (slirp4netns) could not be started: " + e.getMessage()
                    + ".", e);
        }
        worker.adopt(helper);
        ScheduledFuture<?> guard = scheduler.schedule(helper::destroyForcibly, 20, TimeUnit.SECONDS);
        int ready;
        try {
            ready = helper.getInputStream().read();
        } catch (IOException e) {
            ready = -1;
        } finally {
            guard.cancel(false);
        }
        if (ready != '1') {
            helper.destroyForcibly();
            String reason;
            try {
                reason = new String(helper.getErrorStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                reason = "";
            }
            String[] lines = reason.split("\\R");
            throw new SandboxException("The sandbox's network (slirp4netns) could not be set up"
                    + (reason.isEmpty() ? "." : ": " + lines[lines.length - 1]));
        }
    }

    /** A process inside the sandbox (bubblewrap itself stays outside its namespaces). */
    private static long insidePid(Process sandboxProcess) throws SandboxException {
        for (ProcessHandle child : sandboxProcess.descendants().toList()) {
            if (!sameNamespace(child.pid(), "net")) {
                return child.pid();
            }
        }
        throw new SandboxException("The sandbox's network could not be set up: no process of it was found.");
    }

    private static boolean sameNamespace(long pid, String kind) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/" + kind))
                    .equals(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + kind)));
        } catch (IOException e) {
            return false;
        }
    }
}
