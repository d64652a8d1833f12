package io.toolsmith.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** What the tests read of a process in /proc, independently of the app's own reading. */
public final class LinuxProcesses {
    private LinuxProcesses() {
    }

    /**
     * Alive and not a zombie. A killed process that is no child of ours belongs to the host's init, which collects it
     * when it gets to it; until then it is a zombie, ended and holding nothing ({@link ProcessHandle#isAlive} counts it
     * alive).
     */
    public static boolean running(long pid) throws IOException {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        try {
            return Files.readAllLines(status).stream()
                    .noneMatch(line -> line.startsWith("State:") && (line.contains("Z") || line.contains("X")));
        } catch (NoSuchFileException gone) {
            return false;
        }
    }
}
