package io.toolsmith.sandbox;

import static io.toolsmith.testing.LinuxProcesses.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.toolsmith.testing.TestPython;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Closing a worker's pids cgroup ends what is left in it and removes it, also when what is left is no child of the
 * app (as a sandbox's processes are once its init died: the host's init collects them, whenever it does); the cgroups
 * that ended Toolsmith processes left behind go when the next is made. Runs only where the app would use such a cgroup
 * (as root, with the cgroup file system writable).
 */
class PidsCgroupTest {
    @Test
    void closingKillsProcessesThatAreNoChildOfTheAppAndRemovesTheCgroup() throws Exception {
        Optional<PidsCgroup> created = PidsCgroup.create(64);
        assumeTrue(created.isPresent(), "no writable pids cgroup here (the app uses one only as root)");
        PidsCgroup cgroup = created.get();
        Path dir = cgroup.directory();
        // A Python that starts a second one ignoring SIGTERM, prints both pids and exits: the second is left to the
        // host's init, as a sandbox's processes are.
        Process parent = new ProcessBuilder(TestPython.executable(), "-S", "-c", String.join("\n",
                "import os, signal, subprocess, sys",
                "child = subprocess.Popen([sys.executable, '-c',",
                "    'import signal, time\\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\\nprint(\"up\", flush=True)\\n"
                        + "time.sleep(600)'], stdout=subprocess.PIPE, start_new_session=True)",
                "assert child.stdout.readline().strip() == b'up'",
                "print(child.pid, flush=True)"))
                .redirectErrorStream(true).start();
        cgroup.attach(parent.pid());
        long orphan;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            orphan = Long.parseLong(out.readLine().strip());
        }
        assertEquals(0, parent.waitFor());
        ProcessHandle left = ProcessHandle.of(orphan).orElseThrow();
        assertTrue(left.parent().map(p -> p.pid() != ProcessHandle.current().pid()).orElse(true),
                "the process left behind is no child of this JVM");
        // The child was started before the parent joined the cgroup; move it in as the sandbox's children are.
        cgroup.attach(orphan);
        assertEquals(List.of(String.valueOf(orphan)), Files.readAllLines(dir.resolve("cgroup.procs")));

        cgroup.close();

        assertFalse(Files.exists(dir), "the cgroup is removed");
        assertFalse(running(orphan), "the process left in the cgroup is killed");
    }

    @Test
    void cgroupsLeftByEndedProcessesAreRemovedWhenTheNextIsMadeAndThoseOfRunningOrJustMadeOnesAreKept() throws Exception {
        Optional<PidsCgroup> probe = PidsCgroup.create(64);
        assumeTrue(probe.isPresent(), "no writable pids cgroup here (the app uses one only as root)");
        Path base = probe.get().directory().getParent();
        probe.get().close();
        // An ended process's cgroup, as one killed before it could remove its own leaves it: a real pid, now unused.
        Process ended = new ProcessBuilder(TestPython.executable(), "-S", "-c", "pass").start();
        ended.waitFor();
        Path leftOver = Files.createDirectory(base.resolve("toolsmith-" + ended.pid() + "-1"));
        Files.setLastModifiedTime(leftOver, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
        // Made a moment ago under a pid unused here, as another container sharing the hierarchy makes its own.
        Path justMade = Files.createDirectory(base.resolve("toolsmith-" + ended.pid() + "-2"));
        Path running = Files.createDirectory(base.resolve("toolsmith-" + ProcessHandle.current().pid() + "-999999"));
        Files.setLastModifiedTime(running, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
        try {
            PidsCgroup next = PidsCgroup.create(64).orElseThrow();
            next.close();

            assertFalse(Files.exists(leftOver), "the ended process's cgroup is removed");
            assertTrue(Files.exists(justMade), "a cgroup made within the last minute is kept");
            assertTrue(Files.exists(running), "a running process's cgroup is kept");
        } finally {
            Files.deleteIfExists(leftOver);
            Files.deleteIfExists(justMade);
            Files.deleteIfExists(running);
        }
    }
}
